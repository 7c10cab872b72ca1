package dev.animerec.ingest.deadletter;

import com.google.api.services.bigquery.model.TableReference;
import dev.animerec.ingest.IngestCounters;
import dev.animerec.ingest.landing.LandingTables;
import dev.animerec.ingest.validate.DeadLetter;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryStorageApiInsertError;
import org.apache.beam.sdk.io.gcp.bigquery.WriteResult;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.joda.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead letters into {@code <project>:<dataset>.dead_letter}. A dead letter BigQuery refuses as well is logged
 * at ERROR with its payload: the log is the last place left that keeps it.
 */
public final class BigQueryDeadLetters extends PTransform<PCollection<DeadLetter>, PDone> {

    private final String project;
    private final String dataset;
    private final Duration triggeringFrequency;

    public BigQueryDeadLetters(String project, String dataset, Duration triggeringFrequency) {
        this.project = project;
        this.dataset = dataset;
        this.triggeringFrequency = triggeringFrequency;
    }

    @Override
    public PDone expand(PCollection<DeadLetter> deadLetters) {
        BigQueryIO.Write<DeadLetter> write = BigQueryIO.<DeadLetter>write()
                .to(new TableReference().setProjectId(project).setDatasetId(dataset)
                        .setTableId(LandingTables.DEAD_LETTER_TABLE))
                .withSchema(LandingTables.deadLetterSchema())
                .withFormatFunction(LandingTables::rowOf)
                .withMethod(BigQueryIO.Write.Method.STORAGE_WRITE_API)
                .withCreateDisposition(BigQueryIO.Write.CreateDisposition.CREATE_IF_NEEDED)
                .withWriteDisposition(BigQueryIO.Write.WriteDisposition.WRITE_APPEND);
        if (triggeringFrequency != null) {
            write = write.withTriggeringFrequency(triggeringFrequency).withAutoSharding();
        }
        WriteResult result = deadLetters.apply("CountDeadLetters", ParDo.of(new CountFn()))
                .setCoder(DeadLetter.Coder.of())
                .apply("WriteDeadLetterTable", write);
        result.getFailedStorageApiInserts().apply("LogLostDeadLetters", ParDo.of(new LogRefusedFn()));
        return PDone.in(deadLetters.getPipeline());
    }

    private static final class CountFn extends DoFn<DeadLetter, DeadLetter> {
        private transient IngestCounters counters;

        @Setup
        public void setUp() {
            counters = new IngestCounters();
        }

        @ProcessElement
        public void process(@Element DeadLetter deadLetter, OutputReceiver<DeadLetter> out) {
            counters.deadLettered(deadLetter.kind(), 1);
            out.output(deadLetter);
        }
    }

    private static final class LogRefusedFn extends DoFn<BigQueryStorageApiInsertError, Void> {
        private static final Logger LOG = LoggerFactory.getLogger(BigQueryDeadLetters.class);

        @ProcessElement
        public void process(@Element BigQueryStorageApiInsertError error) {
            LOG.error("BigQuery refused a dead letter ({}): {}", error.getErrorMessage(), error.getRow());
        }
    }
}
