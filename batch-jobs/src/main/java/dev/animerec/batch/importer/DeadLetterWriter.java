package dev.animerec.batch.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Dead letters of a stage, in the contract format {@code {"reason","payload","source","at"}}, one per line.
 * The file is only created when the first dead letter arrives.
 */
public class DeadLetterWriter implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;
    private BufferedWriter writer;
    private long count;

    public DeadLetterWriter(Path file) {
        this.file = file;
    }

    public void write(String reason, String payload, String source) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("reason", reason);
        line.put("payload", payload);
        line.put("source", source);
        line.put("at", Instant.now().toString());
        try {
            if (writer == null) {
                Files.createDirectories(file.getParent());
                writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            }
            writer.write(MAPPER.writeValueAsString(line));
            writer.write('\n');
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long count() {
        return count;
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
