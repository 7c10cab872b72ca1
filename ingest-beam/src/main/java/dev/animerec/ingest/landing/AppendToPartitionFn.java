package dev.animerec.ingest.landing;

import dev.animerec.ingest.IngestCounters;
import dev.animerec.ingest.validate.LandingRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * Appends a batch of records to its landing partition as one new file, leaving out every uid the partition
 * already holds (from earlier batches, runs or other processes) or that repeats within the batch. A batch
 * retried after a crash that followed the rename finds its own uids landed and writes nothing: the effect on
 * the landing area is exactly once.
 */
final class AppendToPartitionFn extends DoFn<KV<String, Iterable<LandingRecord>>, Void> {

    /** Shared by all instances in the JVM: the runner creates several, and they append to the same partitions. */
    private static final LandedUidIndex INDEX = new LandedUidIndex(256);

    private final String landingRoot;
    private transient IngestCounters counters;

    AppendToPartitionFn(String landingRoot) {
        this.landingRoot = landingRoot;
    }

    @Setup
    public void setUp() {
        counters = new IngestCounters();
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<LandingRecord>> batch) throws IOException {
        Path partition = Paths.get(landingRoot).resolve(batch.getKey());
        String kind = null;
        List<String> lines = new ArrayList<>();
        Set<String> uids = new HashSet<>();
        long duplicates = 0;
        try (PartitionLock lock = PartitionLock.acquire(partition)) {
            Set<String> landed = INDEX.landedUids(partition);
            for (LandingRecord record : batch.getValue()) {
                kind = record.kind();
                if (landed.contains(record.uid()) || !uids.add(record.uid())) {
                    duplicates++;
                } else {
                    lines.add(record.json());
                }
            }
            if (!lines.isEmpty()) {
                Path file = JsonLinesFiles.writeAtomically(partition, "part-" + UUID.randomUUID() + ".jsonl", lines);
                INDEX.added(partition, file, uids);
            }
        }
        counters.written(kind, lines.size());
        counters.duplicate(kind, duplicates);
    }
}
