package dev.animerec.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * What earlier local runs finished, kept in {@code <home>/pipeline/state.json}: lets a second run reuse
 * finished stages and gives the ETA of the next run real durations from this machine.
 */
final class RunState {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final Map<String, Finished> finished;

    private RunState(Path file, Map<String, Finished> finished) {
        this.file = file;
        this.finished = finished;
    }

    static RunState load(Path home) {
        Path file = home.resolve("pipeline").resolve("state.json");
        if (!Files.exists(file)) {
            return new RunState(file, new TreeMap<>());
        }
        try {
            return new RunState(file, new TreeMap<>(JSON.readValue(file.toFile(),
                    new TypeReference<Map<String, Finished>>() { })));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pipeline state " + file
                    + " (delete it, or run with --fresh)", e);
        }
    }

    Finished get(String stageId) {
        return finished.get(stageId);
    }

    synchronized void record(String stageId, Finished result) {
        finished.put(stageId, result);
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling("state.json.tmp");
            JSON.writeValue(temporary.toFile(), finished);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pipeline state " + file, e);
        }
    }

    /** One finished stage: when, how long, from which source. */
    record Finished(String finishedAt, double seconds, String source) {
    }
}
