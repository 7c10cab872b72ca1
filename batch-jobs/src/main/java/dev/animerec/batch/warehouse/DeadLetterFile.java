package dev.animerec.batch.warehouse;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rows a stage could not take, with the reason, in the shape of docs/data-contracts.md: one
 * {@code {"reason","payload","source","at"}} per line under {@code warehouse/dead-letter/<stage>/}. The file
 * is created only when the first dead letter arrives, written as {@code .jsonl.tmp} and renamed on close.
 */
public final class DeadLetterFile implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;
    private final Path temporary;
    private BufferedWriter writer;
    private long count;

    /** @param file the final {@code .jsonl} path, e.g. {@code paths.deadLetter("import").resolve(name)} */
    public DeadLetterFile(Path file) {
        this.file = file;
        this.temporary = file.resolveSibling(file.getFileName() + ".tmp");
    }

    public void write(String reason, String payload, String source) {
        Map<String, String> line = new LinkedHashMap<>();
        line.put("reason", reason);
        line.put("payload", payload);
        line.put("source", source);
        line.put("at", Instant.now().toString());
        try {
            if (writer == null) {
                Files.createDirectories(temporary.getParent());
                writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
            }
            writer.write(MAPPER.writeValueAsString(line));
            writer.newLine();
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write dead letter to " + temporary, e);
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
        if (writer == null) {
            return;
        }
        try {
            writer.close();
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish dead letter file " + file, e);
        }
    }
}
