package dev.animerec.ingest.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/**
 * A record that could not be landed, with why. {@code kind} is the item kind the payload claimed (or
 * {@value #UNKNOWN_KIND}), only used to count dead letters per kind; the written line follows the data
 * contract: {@code {"reason", "payload", "source", "at"}}.
 */
public record DeadLetter(String kind, String reason, String payload, String source, String at) {

    public static final String UNKNOWN_KIND = "unknown";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public String toJsonLine() {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("reason", reason);
        line.put("payload", payload);
        line.put("source", source);
        line.put("at", at);
        try {
            return MAPPER.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final class Coder extends AtomicCoder<DeadLetter> {
        private static final StringUtf8Coder STRING = StringUtf8Coder.of();
        private static final Coder INSTANCE = new Coder();

        public static Coder of() {
            return INSTANCE;
        }

        @Override
        public void encode(DeadLetter value, OutputStream out) throws IOException {
            STRING.encode(value.kind(), out);
            STRING.encode(value.reason(), out);
            STRING.encode(value.payload(), out);
            STRING.encode(value.source(), out);
            STRING.encode(value.at(), out);
        }

        @Override
        public DeadLetter decode(InputStream in) throws IOException {
            return new DeadLetter(STRING.decode(in), STRING.decode(in), STRING.decode(in), STRING.decode(in),
                    STRING.decode(in));
        }

        @Override
        public void verifyDeterministic() {
        }
    }
}
