package dev.animerec.batch.seed;

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
 * Rows a stage could not take, with the reason, in the shape of docs/data-contracts.md:
 * {@code warehouse/dead-letter/<stage>/*.jsonl}, one {@code {"reason","payload","source","at"}} per line,
 * written as {@code .jsonl.tmp} and renamed on close (only when something was written).
 */
final class DeadLetterFile implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path target;
    private final Path temporary;
    private BufferedWriter writer;
    private int count;

    DeadLetterFile(Path localHome, String stage, Instant at) {
        Path directory = localHome.resolve("warehouse").resolve("dead-letter").resolve(stage);
        String name = stage + "-" + at.toString().replace(':', '-');
        this.target = directory.resolve(name + ".jsonl");
        this.temporary = directory.resolve(name + ".jsonl.tmp");
    }

    void add(String reason, String payload, String source) {
        try {
            if (writer == null) {
                Files.createDirectories(temporary.getParent());
                writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
            }
            Map<String, String> line = new LinkedHashMap<>();
            line.put("reason", reason);
            line.put("payload", payload);
            line.put("source", source);
            line.put("at", Instant.now().toString());
            writer.write(MAPPER.writeValueAsString(line));
            writer.newLine();
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write dead letter to " + temporary, e);
        }
    }

    int count() {
        return count;
    }

    Path path() {
        return target;
    }

    @Override
    public void close() {
        if (writer == null) {
            return;
        }
        try {
            writer.close();
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish dead letter file " + target, e);
        }
    }
}
