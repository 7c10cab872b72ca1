package dev.animerec.ingest.landing;

import dev.animerec.ingest.validate.LandingRecord;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.GroupIntoBatches;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * The local landing area, {@code <home>/warehouse/landing/<kind>/crawl_date=YYYY-MM-DD/part-*.jsonl}: records
 * are batched per partition (at most {@code batchSize} records, or whatever arrived within {@code flush} in a
 * stream) and each batch becomes one new file holding only uids the partition did not have.
 */
public final class LocalLanding extends PTransform<PCollection<LandingRecord>, PDone> {

    private final String landingRoot;
    private final long batchSize;
    private final Duration flush;

    public LocalLanding(String landingRoot, long batchSize, Duration flush) {
        this.landingRoot = landingRoot;
        this.batchSize = batchSize;
        this.flush = flush;
    }

    @Override
    public PDone expand(PCollection<LandingRecord> records) {
        records.apply("KeyByPartition", WithKeys.of(LandingRecord::partition).withKeyType(TypeDescriptors.strings()))
                .setCoder(KvCoder.of(StringUtf8Coder.of(), LandingRecord.Coder.of()))
                .apply("BatchPerPartition", GroupIntoBatches.<String, LandingRecord>ofSize(batchSize)
                        .withMaxBufferingDuration(flush))
                .apply("AppendNewUids", ParDo.of(new AppendToPartitionFn(landingRoot)));
        return PDone.in(records.getPipeline());
    }
}
