package dev.animerec.batch.importer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What an import did: rows read, items landed per kind, and each kind of problem with a count and a sample. */
public class ImportReport {

    private static final int SAMPLE_SIZE = 5;

    private long rowsRead;
    private final Map<String, Long> landed = new LinkedHashMap<>();
    private final Map<String, Long> problems = new LinkedHashMap<>();
    private final Map<String, List<String>> samples = new LinkedHashMap<>();

    void read() {
        rowsRead++;
    }

    void landed(String kind, long count) {
        landed.merge(kind, count, Long::sum);
    }

    void problem(String problem, String example) {
        problems.merge(problem, 1L, Long::sum);
        List<String> sample = samples.computeIfAbsent(problem, p -> new ArrayList<>());
        if (sample.size() < SAMPLE_SIZE) {
            sample.add(example);
        }
    }

    public long rowsRead() {
        return rowsRead;
    }

    public Map<String, Long> landed() {
        return Collections.unmodifiableMap(landed);
    }

    public long problemCount(String problem) {
        return problems.getOrDefault(problem, 0L);
    }

    public Map<String, Long> problems() {
        return Collections.unmodifiableMap(problems);
    }

    public List<String> sample(String problem) {
        return samples.getOrDefault(problem, List.of());
    }

    /** A few lines a person can read. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append("rows read: ").append(rowsRead).append('\n');
        landed.forEach((kind, count) -> text.append("landed ").append(kind).append(": ").append(count).append('\n'));
        problems.forEach((problem, count) -> text.append(problem).append(": ").append(count)
                .append(", e.g. ").append(samples.get(problem)).append('\n'));
        return text.toString();
    }
}
