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
import dev.animerec.pipeline.Module;
import dev.animerec.pipeline.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Dataproc Serverless {@link Batch} that runs one spark-ml stage, built with the Dataproc protos so the
 * field names are the library's, and printed as the JSON the Google Cloud Pipeline Components launcher posts to
 * the Dataproc API. String fields may hold KFP input placeholders; Vertex AI fills them before the launcher runs.
 */
public final class SparkBatchPayload {

    /** Dataproc Serverless runtime with Spark 3.5, Scala 2.12 and Java 17, as the spark-ml build. */
    public static final String DATAPROC_RUNTIME = "2.2";
    /** Vertex-side parameter: gs:// folder holding the spark-ml jar and the jars it needs beside Spark. */
    public static final String JARS_URI = "jars_uri";
    /** Vertex-side parameter: service account of the batches (empty: the project's default). */
    public static final String SERVICE_ACCOUNT = "dataproc_service_account";

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
                .setRuntimeConfig(RuntimeConfig.newBuilder().setVersion(DATAPROC_RUNTIME)
                        .putAllProperties(sparkProperties(stage.module())))
                .setEnvironmentConfig(EnvironmentConfig.newBuilder().setExecutionConfig(
                        ExecutionConfig.newBuilder().setServiceAccount(Placeholders.input(SERVICE_ACCOUNT))))
                .setSparkBatch(SparkBatch.newBuilder()
                        .setMainClass(stage.module().mainClass())
                        .addAllJarFileUris(Placeholders.toKfp(jarUris(stage.module(), build)))
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

    /**
     * The module jar first, then what it needs that Dataproc's Spark runtime lacks: the shared contracts,
     * JFreeChart (evaluation plots) and the BigQuery connector (processed tables in, results out), with
     * {@code {jars_uri}} placeholders.
     */
    public static List<String> jarUris(Module module, BuildInfo build) {
        String folder = "{" + JARS_URI + "}/";
        List<String> jars = new ArrayList<>();
        jars.add(folder + module.directory() + "-" + build.projectVersion() + ".jar");
        jars.add(folder + "shared-" + build.projectVersion() + ".jar");
        jars.add(folder + "jfreechart-" + build.jfreechartVersion() + ".jar");
        jars.add("gs://spark-lib/bigquery/spark-bigquery-with-dependencies_" + build.scalaBinaryVersion() + "-"
                + build.sparkBigqueryVersion() + ".jar");
        return jars;
    }

    /**
     * The module's JVM flags as Spark properties: the heap becomes the driver's memory, the rest (the
     * {@code --add-opens} list and the vector module that keeps BLAS off its pure-Java path) goes to driver and
     * executors alike.
     */
    static Map<String, String> sparkProperties(Module module) {
        Map<String, String> properties = new LinkedHashMap<>();
        List<String> javaOptions = new ArrayList<>();
        for (String flag : module.jvmFlags()) {
            if (flag.startsWith("-Xmx")) {
                properties.put("spark.driver.memory", flag.substring("-Xmx".length()));
            } else {
                javaOptions.add(flag);
            }
        }
        // As spark-ml/cloud/submit-dataproc-serverless.sh: two executors (Dataproc Serverless' minimum) of 8g.
        properties.put("spark.executor.memory", "8g");
        properties.put("spark.executor.instances", "2");
        String options = String.join(" ", javaOptions);
        properties.put("spark.driver.extraJavaOptions", options);
        properties.put("spark.executor.extraJavaOptions", options);
        return properties;
    }
}
