package dev.animerec.ingest.validate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/**
 * A valid item ready for the landing area: its kind's wire name, its uid, its crawl day (UTC,
 * {@code YYYY-MM-DD}, the landing partition), the item in canonical wire format (one line) and its source.
 */
public record LandingRecord(String kind, String uid, String crawlDay, String json, String source) {

    /** The landing partition, {@code <kind>/crawl_date=<day>}, relative to the landing root. */
    public String partition() {
        return kind + "/crawl_date=" + crawlDay;
    }

    public static final class Coder extends AtomicCoder<LandingRecord> {
        private static final StringUtf8Coder STRING = StringUtf8Coder.of();
        private static final Coder INSTANCE = new Coder();

        public static Coder of() {
            return INSTANCE;
        }

        @Override
        public void encode(LandingRecord value, OutputStream out) throws IOException {
            STRING.encode(value.kind(), out);
            STRING.encode(value.uid(), out);
            STRING.encode(value.crawlDay(), out);
            STRING.encode(value.json(), out);
            STRING.encode(value.source(), out);
        }

        @Override
        public LandingRecord decode(InputStream in) throws IOException {
            return new LandingRecord(STRING.decode(in), STRING.decode(in), STRING.decode(in), STRING.decode(in),
                    STRING.decode(in));
        }

        @Override
        public void verifyDeterministic() {
        }
    }
}
