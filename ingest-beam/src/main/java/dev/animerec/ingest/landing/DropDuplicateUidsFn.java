package dev.animerec.ingest.landing;

import dev.animerec.ingest.IngestCounters;
import dev.animerec.ingest.validate.LandingRecord;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Duration;

/**
 * Passes the first record of each uid and drops later ones for {@code memory} of processing time after the
 * first; the runner keeps this state per uid across bundles, retries and (Dataflow) pipeline updates. Used
 * where the sink cannot tell what it already holds (BigQuery).
 */
final class DropDuplicateUidsFn extends DoFn<KV<String, LandingRecord>, LandingRecord> {

    @StateId("seen")
    private final StateSpec<ValueState<Boolean>> seenSpec = StateSpecs.value(BooleanCoder.of());

    @TimerId("forget")
    private final TimerSpec forgetSpec = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);

    private final Duration memory;
    private transient IngestCounters counters;

    DropDuplicateUidsFn(Duration memory) {
        this.memory = memory;
    }

    @Setup
    public void setUp() {
        counters = new IngestCounters();
    }

    @ProcessElement
    public void process(@Element KV<String, LandingRecord> keyed, @StateId("seen") ValueState<Boolean> seen,
                        @TimerId("forget") Timer forget, OutputReceiver<LandingRecord> out) {
        if (Boolean.TRUE.equals(seen.read())) {
            counters.duplicate(keyed.getValue().kind(), 1);
            return;
        }
        seen.write(true);
        forget.offset(memory).setRelative();
        out.output(keyed.getValue());
    }

    @OnTimer("forget")
    public void forget(@StateId("seen") ValueState<Boolean> seen) {
        seen.clear();
    }
}
