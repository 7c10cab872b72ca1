package dev.animerec.ingest.landing;

import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableRow;
import dev.animerec.ingest.IngestCounters;
import dev.animerec.ingest.validate.DeadLetter;
import dev.animerec.ingest.validate.LandingRecord;
import dev.animerec.items.ItemKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryStorageApiInsertError;
import org.apache.beam.sdk.io.gcp.bigquery.WriteResult;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Partition;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * The GCP landing area: BigQuery tables {@code <project>:<dataset>.<kind>} written with the Storage Write API
 * in its exactly-once mode, after uids already seen by this job are dropped. Returns the rows BigQuery
 * refused, as dead letters.
 */
public final class BigQueryLanding extends PTransform<PCollection<LandingRecord>, PCollection<DeadLetter>> {

    private final String project;
    private final String dataset;
    private final Duration dedupeMemory;
    private final Duration triggeringFrequency;

    /** {@code triggeringFrequency} is required for an unbounded input and must be null for a bounded one. */
    public BigQueryLanding(String project, String dataset, Duration dedupeMemory, Duration triggeringFrequency) {
        this.project = project;
        this.dataset = dataset;
        this.dedupeMemory = dedupeMemory;
        this.triggeringFrequency = triggeringFrequency;
    }

    @Override
    public PCollection<DeadLetter> expand(PCollection<LandingRecord> records) {
        ItemKind[] kinds = ItemKind.values();
        PCollectionList<LandingRecord> perKind = records
                .apply("KeyByUid", WithKeys.of(LandingRecord::uid).withKeyType(TypeDescriptors.strings()))
                .setCoder(KvCoder.of(StringUtf8Coder.of(), LandingRecord.Coder.of()))
                .apply("DropDuplicateUids", ParDo.of(new DropDuplicateUidsFn(dedupeMemory)))
                .setCoder(LandingRecord.Coder.of())
                .apply("RouteByKind", Partition.of(kinds.length,
                        (LandingRecord record, int partitions) -> ItemKind.fromWireName(record.kind()).ordinal()));
        List<PCollection<DeadLetter>> refused = new ArrayList<>();
        for (ItemKind kind : kinds) {
            BigQueryIO.Write<LandingRecord> write = BigQueryIO.<LandingRecord>write()
                    .to(new TableReference().setProjectId(project).setDatasetId(dataset).setTableId(kind.wireName()))
                    .withSchema(LandingTables.schemaOf(kind))
                    .withFormatFunction(LandingTables::rowOf)
                    .withMethod(BigQueryIO.Write.Method.STORAGE_WRITE_API)
                    .withCreateDisposition(BigQueryIO.Write.CreateDisposition.CREATE_IF_NEEDED)
                    .withWriteDisposition(BigQueryIO.Write.WriteDisposition.WRITE_APPEND)
                    .withPropagateSuccessfulStorageApiWrites(true);
            if (triggeringFrequency != null) {
                write = write.withTriggeringFrequency(triggeringFrequency).withAutoSharding();
            }
            WriteResult result = perKind.get(kind.ordinal()).apply("Land_" + kind.wireName(), write);
            result.getSuccessfulStorageApiInserts()
                    .apply("CountWritten_" + kind.wireName(), ParDo.of(new CountWrittenFn(kind.wireName())));
            refused.add(result.getFailedStorageApiInserts()
                    .apply("Refused_" + kind.wireName(), ParDo.of(new RefusedRowFn(kind.wireName())))
                    .setCoder(DeadLetter.Coder.of()));
        }
        return PCollectionList.of(refused).apply("AllRefused", Flatten.pCollections());
    }

    private static final class CountWrittenFn extends DoFn<TableRow, Void> {
        private final String kind;
        private transient IngestCounters counters;

        CountWrittenFn(String kind) {
            this.kind = kind;
        }

        @Setup
        public void setUp() {
            counters = new IngestCounters();
        }

        @ProcessElement
        public void process() {
            counters.written(kind, 1);
        }
    }

    private static final class RefusedRowFn extends DoFn<BigQueryStorageApiInsertError, DeadLetter> {
        private final String kind;

        RefusedRowFn(String kind) {
            this.kind = kind;
        }

        @ProcessElement
        public void process(@Element BigQueryStorageApiInsertError error, OutputReceiver<DeadLetter> out) {
            String table = error.getTable() != null ? error.getTable().getDatasetId() + "." + error.getTable().getTableId()
                    : kind;
            out.output(new DeadLetter(kind, "BigQuery refused the row: " + error.getErrorMessage(),
                    LandingTables.jsonOf(error.getRow()), table, Instant.now().toString()));
        }
    }
}
