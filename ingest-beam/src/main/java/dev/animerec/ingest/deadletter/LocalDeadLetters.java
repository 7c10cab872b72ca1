package dev.animerec.ingest.deadletter;

import dev.animerec.ingest.IngestCounters;
import dev.animerec.ingest.landing.JsonLinesFiles;
import dev.animerec.ingest.validate.DeadLetter;
import java.io.IOException;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupIntoBatches;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * Dead letters of the ingest stage, {@code <home>/warehouse/dead-letter/ingest/dead-letters-*.jsonl}, one
 * {@code {"reason", "payload", "source", "at"}} object per line; counts {@code dead_lettered.<kind>} once the
 * file is in place.
 */
public final class LocalDeadLetters extends PTransform<PCollection<DeadLetter>, PDone> {

    private final String directory;
    private final long batchSize;
    private final Duration flush;

    public LocalDeadLetters(String directory, long batchSize, Duration flush) {
        this.directory = directory;
        this.batchSize = batchSize;
        this.flush = flush;
    }

    @Override
    public PDone expand(PCollection<DeadLetter> deadLetters) {
        deadLetters.apply("OneKey", WithKeys.<String, DeadLetter>of("ingest").withKeyType(TypeDescriptors.strings()))
                .setCoder(KvCoder.of(StringUtf8Coder.of(), DeadLetter.Coder.of()))
                .apply("BatchDeadLetters", GroupIntoBatches.<String, DeadLetter>ofSize(batchSize)
                        .withMaxBufferingDuration(flush))
                .apply("WriteDeadLetterFile", ParDo.of(new WriteFn(directory)));
        return PDone.in(deadLetters.getPipeline());
    }

    private static final class WriteFn extends DoFn<KV<String, Iterable<DeadLetter>>, Void> {
        private final String directory;
        private transient IngestCounters counters;

        WriteFn(String directory) {
            this.directory = directory;
        }

        @Setup
        public void setUp() {
            counters = new IngestCounters();
        }

        @ProcessElement
        public void process(@Element KV<String, Iterable<DeadLetter>> batch) throws IOException {
            List<String> lines = new ArrayList<>();
            Map<String, Long> perKind = new HashMap<>();
            for (DeadLetter deadLetter : batch.getValue()) {
                lines.add(deadLetter.toJsonLine());
                perKind.merge(deadLetter.kind(), 1L, Long::sum);
            }
            String name = "dead-letters-" + Instant.now().toString().replace(':', '-') + "-" + UUID.randomUUID()
                    + ".jsonl";
            JsonLinesFiles.writeAtomically(Paths.get(directory), name, lines);
            perKind.forEach(counters::deadLettered);
        }
    }
}
