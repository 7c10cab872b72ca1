package dev.animerec.ingest.progress;

import dev.animerec.pipeline.Progress;
import dev.animerec.ingest.IngestCounters;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs the job's counters with rates while it runs, and a per-kind table when it stops. */
public final class ProgressReporter {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);

    private final PipelineResult result;
    private final ScheduledExecutorService timer;
    private final long startNanos = System.nanoTime();
    private long lastRead = -1;
    private long lastNanos = startNanos;

    private final long expectedRecords;

    private ProgressReporter(PipelineResult result, ScheduledExecutorService timer, long expectedRecords) {
        this.result = result;
        this.timer = timer;
        this.expectedRecords = expectedRecords;
    }

    /** @param expectedRecords records the job will read (the drained files' lines), or -1 when unknown */
    public static ProgressReporter start(PipelineResult result, Duration every, long expectedRecords) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ingest-progress");
            thread.setDaemon(true);
            return thread;
        });
        ProgressReporter reporter = new ProgressReporter(result, timer, expectedRecords);
        timer.scheduleAtFixedRate(reporter::logProgress, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return reporter;
    }

    public void stop() {
        timer.shutdownNow();
        logProgress();
        Map<String, Long> counters = counters(result);
        StringBuilder table = new StringBuilder(String.format("%-22s %10s %10s %10s %14s", "kind",
                IngestCounters.READ, IngestCounters.WRITTEN, IngestCounters.DUPLICATE, IngestCounters.DEAD_LETTERED));
        for (String kind : IngestCounters.kinds()) {
            long read = counters.getOrDefault(IngestCounters.READ + "." + kind, 0L);
            if (read == 0) {
                continue;
            }
            table.append(String.format("%n%-22s %10d %10d %10d %14d", kind, read,
                    counters.getOrDefault(IngestCounters.WRITTEN + "." + kind, 0L),
                    counters.getOrDefault(IngestCounters.DUPLICATE + "." + kind, 0L),
                    counters.getOrDefault(IngestCounters.DEAD_LETTERED + "." + kind, 0L)));
        }
        LOG.info("Ingestion counters per kind:\n{}", table);
    }

    private synchronized void logProgress() {
        Map<String, Long> totals = totalsPerStage(counters(result));
        long read = totals.get(IngestCounters.READ);
        // Done means landed, dropped as a duplicate or dead-lettered: reading runs well ahead of writing.
        Progress.report("items", totals.get(IngestCounters.WRITTEN) + totals.get(IngestCounters.DUPLICATE)
                + totals.get(IngestCounters.DEAD_LETTERED), expectedRecords, "items");
        if (read == lastRead) {
            return;
        }
        long now = System.nanoTime();
        double recent = lastRead < 0 ? read : read - lastRead;
        double rate = recent / Math.max(1e-9, (now - lastNanos) / 1e9);
        double overall = read / Math.max(1e-9, (now - startNanos) / 1e9);
        LOG.info("read {} ({} records/s now, {} overall), written {}, duplicate {}, dead-lettered {}", read,
                Math.round(rate), Math.round(overall), totals.get(IngestCounters.WRITTEN),
                totals.get(IngestCounters.DUPLICATE), totals.get(IngestCounters.DEAD_LETTERED));
        lastRead = read;
        lastNanos = now;
    }

    /** The job's counters by name ({@code <stage>.<kind>}), summed over the steps that update them. */
    public static Map<String, Long> counters(PipelineResult result) {
        Map<String, Long> counters = new TreeMap<>();
        MetricsFilter filter = MetricsFilter.builder()
                .addNameFilter(MetricNameFilter.inNamespace(IngestCounters.NAMESPACE))
                .build();
        for (MetricResult<Long> counter : result.metrics().queryMetrics(filter).getCounters()) {
            counters.merge(counter.getName().getName(), counter.getAttempted(), Long::sum);
        }
        return counters;
    }

    /** Totals per stage (read, written, duplicate, dead_lettered) over all kinds. */
    public static Map<String, Long> totalsPerStage(Map<String, Long> counters) {
        Map<String, Long> totals = new TreeMap<>();
        IngestCounters.STAGES.forEach(stage -> totals.put(stage, 0L));
        counters.forEach((name, value) -> totals.merge(name.substring(0, name.indexOf('.')), value, Long::sum));
        return totals;
    }
}
