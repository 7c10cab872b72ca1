package dev.animerec.vertex.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.dataproc.v1.Batch;
import com.google.cloud.dataproc.v1.EnvironmentConfig;
import com.google.cloud.dataproc.v1.ExecutionConfig;
import com.google.cloud.dataproc.v1.RuntimeConfig;
import com.google.cloud.dataproc.v1.SparkBatch;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.animerec.pipeline.BuildInfo;
import dev.animerec.pipeline.DataprocRuntime;
import dev.animerec.pipeline.Module;
import dev.animerec.pipeline.Stage;

/**
 * The Dataproc Serverless {@link Batch} that runs one spark-ml stage, built with the Dataproc protos so the
 * field names are the library's, and printed as the JSON the Google Cloud Pipeline Components launcher posts to
 * the Dataproc API. String fields may hold KFP input placeholders; Vertex AI fills them before the launcher runs.
 */
public final class SparkBatchPayload {

    /** Deployment parameter: gs:// folder holding the spark-ml jar and the jars it needs beside Spark. */
    public static final String JARS_URI = DataprocRuntime.JARS_URI;
    /** Deployment parameter: service account of the batches (empty: the project's default). */
    public static final String SERVICE_ACCOUNT = DataprocRuntime.SERVICE_ACCOUNT;

    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().preservingProtoFieldNames()
            .omittingInsignificantWhitespace().sortingMapKeys();

    private static final ObjectMapper JSON = new ObjectMapper();

    private SparkBatchPayload() {
    }

    /** The batch of a Spark stage, with KFP placeholders for every deployment parameter. */
    public static Batch of(Stage stage, BuildInfo build) {
        if (stage.module().cloudRuntime() != Module.CloudRuntime.DATAPROC_SERVERLESS) {
            throw new IllegalArgumentException(stage.id() + " runs on " + stage.module().cloudRuntime()
                    + ", not on Dataproc Serverless");
        }
        return Batch.newBuilder()
                .putLabels("app", "anime-rec")
                .putLabels("stage", stage.id())
                .setRuntimeConfig(RuntimeConfig.newBuilder().setVersion(DataprocRuntime.VERSION)
                        .putAllProperties(DataprocRuntime.sparkProperties(stage.module())))
                .setEnvironmentConfig(EnvironmentConfig.newBuilder().setExecutionConfig(
                        ExecutionConfig.newBuilder().setServiceAccount(Placeholders.input(SERVICE_ACCOUNT))))
                .setSparkBatch(SparkBatch.newBuilder()
                        .setMainClass(stage.module().mainClass())
                        .addAllJarFileUris(Placeholders.toKfp(DataprocRuntime.jarUris(stage.module(), build)))
                        .addAllArgs(Placeholders.toKfp(stage.cloudCommand())))
                .build();
    }

    /**
     * The payload as the launcher's {@code --payload} argument. JsonFormat escapes {@code '} as {@code \u0027},
     * which would hide the KFP placeholders from Vertex AI's substitution, so the printed JSON is written again
     * by Jackson, which leaves them literal.
     */
    public static String json(Batch batch) {
        try {
            return JSON.writeValueAsString(JSON.readTree(PRINTER.print(batch)));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("Dataproc Batch does not print as JSON", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JsonFormat printed JSON that Jackson cannot read", e);
        }
    }
}
