package dev.animerec.ingest.validate;

import dev.animerec.ingest.IngestCounters;
import dev.animerec.ingest.source.RawRecord;
import java.time.Instant;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Parses and validates raw records: valid items go to {@link #ITEMS}, everything else to {@link #DEAD_LETTERS}
 * with the raw payload and the reason. Counts {@code read.<kind>} for every record.
 */
public final class ParseItems extends PTransform<PCollection<RawRecord>, PCollectionTuple> {

    public static final TupleTag<LandingRecord> ITEMS = new TupleTag<>() {
    };
    public static final TupleTag<DeadLetter> DEAD_LETTERS = new TupleTag<>() {
    };

    @Override
    public PCollectionTuple expand(PCollection<RawRecord> input) {
        PCollectionTuple outputs = input.apply("ValidateAgainstSchemas",
                ParDo.of(new ValidateFn()).withOutputTags(ITEMS, TupleTagList.of(DEAD_LETTERS)));
        outputs.get(ITEMS).setCoder(LandingRecord.Coder.of());
        outputs.get(DEAD_LETTERS).setCoder(DeadLetter.Coder.of());
        return outputs;
    }

    static final class ValidateFn extends DoFn<RawRecord, LandingRecord> {

        private transient ItemValidator validator;
        private transient IngestCounters counters;

        @Setup
        public void setUp() {
            validator = SharedValidator.INSTANCE;
            counters = new IngestCounters();
        }

        @ProcessElement
        public void process(@Element RawRecord raw, MultiOutputReceiver out) {
            if (!raw.problem().isEmpty()) {
                counters.read(DeadLetter.UNKNOWN_KIND);
                out.get(DEAD_LETTERS).output(new DeadLetter(DeadLetter.UNKNOWN_KIND, raw.problem(), raw.payload(),
                        raw.source(), Instant.now().toString()));
                return;
            }
            ItemValidator.Outcome outcome = validator.check(raw.payload());
            if (outcome instanceof ItemValidator.Accepted accepted) {
                LandingRecord record = accepted.record();
                counters.read(record.kind());
                out.get(ITEMS).output(new LandingRecord(record.kind(), record.uid(), record.crawlDay(), record.json(),
                        raw.source()));
            } else if (outcome instanceof ItemValidator.Rejected rejected) {
                counters.read(rejected.kind());
                out.get(DEAD_LETTERS).output(new DeadLetter(rejected.kind(), rejected.reason(), raw.payload(),
                        raw.source(), Instant.now().toString()));
            }
        }
    }

    /** One validator per JVM: the compiled schemas are immutable and thread-safe. */
    private static final class SharedValidator {
        static final ItemValidator INSTANCE = ItemValidator.fromClasspath();
    }
}
