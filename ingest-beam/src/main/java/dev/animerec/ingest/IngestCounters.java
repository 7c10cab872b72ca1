package dev.animerec.ingest;

import dev.animerec.ingest.validate.DeadLetter;
import dev.animerec.items.ItemKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * The job's Beam counters, namespace {@value #NAMESPACE}, named {@code <stage>.<kind>}: every record read is
 * eventually counted once more as written, duplicate (its uid had already landed) or dead_lettered, so
 * {@code read = written + duplicate + dead_lettered} once the job has caught up.
 */
public final class IngestCounters {

    public static final String NAMESPACE = "ingest";
    public static final String READ = "read";
    public static final String WRITTEN = "written";
    public static final String DUPLICATE = "duplicate";
    public static final String DEAD_LETTERED = "dead_lettered";
    public static final List<String> STAGES = List.of(READ, WRITTEN, DUPLICATE, DEAD_LETTERED);

    private final Map<String, Counter> counters = new HashMap<>();

    /** Every item kind's wire name, then {@value DeadLetter#UNKNOWN_KIND} for payloads without a known kind. */
    public static List<String> kinds() {
        List<String> kinds = new ArrayList<>();
        for (ItemKind kind : ItemKind.values()) {
            kinds.add(kind.wireName());
        }
        kinds.add(DeadLetter.UNKNOWN_KIND);
        return kinds;
    }

    public void read(String kind) {
        inc(READ, kind, 1);
    }

    public void written(String kind, long count) {
        inc(WRITTEN, kind, count);
    }

    public void duplicate(String kind, long count) {
        inc(DUPLICATE, kind, count);
    }

    public void deadLettered(String kind, long count) {
        inc(DEAD_LETTERED, kind, count);
    }

    private void inc(String stage, String kind, long count) {
        if (count > 0) {
            counters.computeIfAbsent(stage + "." + kind, name -> Metrics.counter(NAMESPACE, name)).inc(count);
        }
    }
}
