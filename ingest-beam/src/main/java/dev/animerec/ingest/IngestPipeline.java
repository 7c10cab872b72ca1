package dev.animerec.ingest;

import dev.animerec.ingest.deadletter.BigQueryDeadLetters;
import dev.animerec.ingest.deadletter.LocalDeadLetters;
import dev.animerec.ingest.landing.BigQueryLanding;
import dev.animerec.ingest.landing.LocalLanding;
import dev.animerec.ingest.progress.ProgressReporter;
import dev.animerec.ingest.source.PubsubItemSource;
import dev.animerec.ingest.source.RawRecord;
import dev.animerec.ingest.source.SpoolInboxSource;
import dev.animerec.ingest.validate.DeadLetter;
import dev.animerec.ingest.validate.LandingRecord;
import dev.animerec.ingest.validate.ParseItems;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.joda.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingestion job: items from the ingestion queue (the spool inbox locally, Pub/Sub on GCP) are parsed,
 * validated against their kind's JSON Schema and landed once per uid in the landing area (files locally,
 * BigQuery on GCP); everything else becomes a dead letter with its payload and reason.
 *
 * <p>{@code ./anime-rec ingest [--drain] [--home=...] [--source=SPOOL|PUBSUB] [--landing=FILES|BIGQUERY] ...};
 * see {@link IngestOptions} and the module README.
 */
public final class IngestPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);

    private final IngestOptions options;

    public IngestPipeline(IngestOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        PipelineOptionsFactory.register(IngestOptions.class);
        IngestOptions options = PipelineOptionsFactory.fromArgs(args).withValidation().as(IngestOptions.class);
        System.exit(new IngestPipeline(options).run().exitCode());
    }

    /** How a run ended: the process exit code and the job's counters (empty when submitted to a service). */
    public record Outcome(int exitCode, Map<String, Long> counters) {
    }

    /** Runs the job: until the drained files are landed, or until stopped when streaming. */
    public Outcome run() {
        checkOptions(options);
        LocalPaths paths = LocalPaths.of(options.getHome());
        List<String> drained = List.of();
        Pipeline pipeline = Pipeline.create(options);
        PCollection<RawRecord> raw;
        if (options.getSource() == IngestOptions.Source.PUBSUB) {
            raw = pipeline.apply("Subscription", new PubsubItemSource(subscription(options),
                    options.getPubsubIdAttribute()));
        } else if (options.getDrain()) {
            drained = SpoolInboxSource.listInbox(paths.inbox());
            LOG.info("Draining {} spool file(s) from {}", drained.size(), paths.inbox());
            raw = pipeline.apply("SpoolInbox", SpoolInboxSource.files(drained));
        } else {
            LOG.info("Watching {} every {} s", paths.inbox(), options.getPollSeconds());
            raw = pipeline.apply("SpoolInbox", SpoolInboxSource.watch(paths.inbox(),
                    Duration.standardSeconds(options.getPollSeconds())));
        }
        ingest(raw, options);

        // The DirectRunner otherwise runs the whole job inside run(), before progress can be reported.
        options.as(DirectOptions.class).setBlockOnRun(false);
        PipelineResult result = pipeline.run();
        if (!"DirectRunner".equals(options.getRunner().getSimpleName())) {
            LOG.info("Submitted to {}; the job runs there (counters: namespace '{}')",
                    options.getRunner().getSimpleName(), IngestCounters.NAMESPACE);
            return new Outcome(0, Map.of());
        }
        ProgressReporter progress = ProgressReporter.start(result,
                java.time.Duration.ofSeconds(options.getProgressSeconds()), options.getDrain() ? lines(drained) : -1);
        AtomicBoolean stopRequested = new AtomicBoolean();
        if (!options.getDrain()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopRequested.set(true);
                cancelQuietly(result);
            }, "ingest-stop"));
        }
        try {
            PipelineResult.State state = result.waitUntilFinish();
            progress.stop();
            if (state == PipelineResult.State.CANCELLED && stopRequested.get()) {
                LOG.info("Stopped on request; every landing file written so far is complete");
                return new Outcome(0, ProgressReporter.counters(result));
            }
            if (state != PipelineResult.State.DONE) {
                LOG.error("Ingestion ended in state {}", state);
                return new Outcome(1, ProgressReporter.counters(result));
            }
        } catch (RuntimeException e) {
            progress.stop();
            LOG.error("Ingestion failed; nothing was moved out of the spool inbox", e);
            return new Outcome(1, Map.of());
        }
        if (options.getDrain()) {
            moveIngested(drained, paths.ingested());
        }
        return new Outcome(0, ProgressReporter.counters(result));
    }

    /**
     * Lines in the drained files: the records the job will read, for the progress display's total. Newline bytes are
     * counted without decoding, so a file with a malformed line (which the job dead-letters) still has a total, and
     * the count costs a read from the page cache, not a decode of every line.
     */
    static long lines(List<String> files) {
        long lines = 0;
        byte[] buffer = new byte[1 << 20];
        for (String file : files) {
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(file))) {
                byte last = '\n';
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    for (int b = 0; b < read; b++) {
                        if (buffer[b] == '\n') {
                            lines++;
                        }
                    }
                    if (read > 0) {
                        last = buffer[read - 1];
                    }
                }
                if (last != '\n') {
                    lines++; // a last line without its newline is still a record
                }
            } catch (java.io.IOException e) {
                LOG.warn("cannot count the lines of {} for the progress total: {}", file, e.toString());
                return -1;
            }
        }
        return lines;
    }

    /**
     * Parse, validate, land and dead-letter: everything after the source, so that tests can feed any input.
     */
    public static void ingest(PCollection<RawRecord> raw, IngestOptions options) {
        boolean streaming = !raw.isBounded().equals(PCollection.IsBounded.BOUNDED);
        Duration flush = Duration.standardSeconds(options.getFlushSeconds());
        PCollectionTuple parsed = raw.apply("ParseItems", new ParseItems());
        PCollection<LandingRecord> items = parsed.get(ParseItems.ITEMS);
        PCollection<DeadLetter> deadLetters = parsed.get(ParseItems.DEAD_LETTERS);
        if (options.getLanding() == IngestOptions.Landing.FILES) {
            LocalPaths paths = LocalPaths.of(options.getHome());
            items.apply("LandFiles", new LocalLanding(paths.landing().toString(), options.getBatchSize(), flush));
            deadLetters.apply("DeadLetterFiles",
                    new LocalDeadLetters(paths.deadLetters().toString(), options.getBatchSize(), flush));
        } else {
            String project = options.getProject();
            Duration triggering = streaming ? flush : null;
            PCollection<DeadLetter> refused = items.apply("LandBigQuery", new BigQueryLanding(project,
                    options.getLandingDataset(), Duration.standardHours(options.getDedupeHours()), triggering));
            PCollectionList.of(deadLetters).and(refused)
                    .apply("AllDeadLetters", Flatten.pCollections())
                    .apply("DeadLetterTable",
                            new BigQueryDeadLetters(project, options.getLandingDataset(), triggering));
        }
    }

    static void checkOptions(IngestOptions options) {
        if (options.getDrain() && options.getSource() == IngestOptions.Source.PUBSUB) {
            throw new IllegalArgumentException("--drain reads the spool inbox to its end; a subscription has no end "
                    + "(use --source=SPOOL, or stop the streaming job)");
        }
        if (options.getSource() == IngestOptions.Source.PUBSUB && options.getSubscription() == null
                && options.getProject() == null) {
            throw new IllegalArgumentException("--source=PUBSUB needs --subscription=projects/<p>/subscriptions/<s> "
                    + "or --project");
        }
        if (options.getLanding() == IngestOptions.Landing.BIGQUERY && options.getProject() == null) {
            throw new IllegalArgumentException("--landing=BIGQUERY needs --project");
        }
        if (options.getBatchSize() < 1 || options.getFlushSeconds() < 1 || options.getPollSeconds() < 1
                || options.getProgressSeconds() < 1) {
            throw new IllegalArgumentException("--batchSize, --flushSeconds, --pollSeconds and --progressSeconds "
                    + "must be positive");
        }
        if (!options.getDrain()) {
            options.setStreaming(true);
        }
    }

    static String subscription(IngestOptions options) {
        return options.getSubscription() != null ? options.getSubscription()
                : "projects/" + options.getProject() + "/subscriptions/items-ingest";
    }

    private static void moveIngested(List<String> files, Path ingested) {
        try {
            Files.createDirectories(ingested);
            for (String file : files) {
                Path source = Paths.get(file);
                Files.move(source, ingested.resolve(source.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("landed, but cannot move spool files to " + ingested
                    + " (a rerun lands nothing twice)", e);
        }
        LOG.info("Moved {} ingested spool file(s) to {}", files.size(), ingested);
    }

    private static void cancelQuietly(PipelineResult result) {
        try {
            result.cancel();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not cancel the pipeline cleanly: {}", e.toString());
        }
    }
}
