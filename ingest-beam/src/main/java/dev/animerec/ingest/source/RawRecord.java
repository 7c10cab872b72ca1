package dev.animerec.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/**
 * One record as delivered by the ingestion queue, before any parsing: the raw text, where it came from (the
 * spool file or the Pub/Sub subscription), kept so that a dead letter can name both, and a transport
 * problem (bytes that are not UTF-8), empty when there is none.
 */
public record RawRecord(String payload, String source, String problem) {

    public static RawRecord of(String payload, String source) {
        return new RawRecord(payload, source, "");
    }

    public static final class Coder extends AtomicCoder<RawRecord> {
        private static final StringUtf8Coder STRING = StringUtf8Coder.of();
        private static final Coder INSTANCE = new Coder();

        public static Coder of() {
            return INSTANCE;
        }

        @Override
        public void encode(RawRecord value, OutputStream out) throws IOException {
            STRING.encode(value.payload(), out);
            STRING.encode(value.source(), out);
            STRING.encode(value.problem(), out);
        }

        @Override
        public RawRecord decode(InputStream in) throws IOException {
            return new RawRecord(STRING.decode(in), STRING.decode(in), STRING.decode(in));
        }

        @Override
        public void verifyDeterministic() {
        }
    }
}
