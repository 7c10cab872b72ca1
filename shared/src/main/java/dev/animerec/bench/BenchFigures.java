package dev.animerec.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures a benchmark printed (every module's benchmarks share this one writer), for {@code bench/run}: written as a JSON array of
 * {@code {"figure", "value", "unit"}} to the file named by the system property {@code bench.json} (nothing
 * is written when it is unset or empty). Kept apart from the printing so the human output stays as it is.
 */
public final class BenchFigures {

    private final List<Map<String, Object>> figures = new ArrayList<>();

    /** A value that is not finite (a percentile of no samples) is written as null. */
    public void add(String figure, double value, String unit) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("figure", figure);
        entry.put("value", Double.isFinite(value) ? value : null);
        entry.put("unit", unit);
        figures.add(entry);
    }

    public void writeIfRequested() throws IOException {
        String file = System.getProperty("bench.json", "").trim();
        if (file.isEmpty()) {
            return;
        }
        Path path = Path.of(file).toAbsolutePath();
        Files.createDirectories(path.getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(path.toFile(), figures);
    }
}
