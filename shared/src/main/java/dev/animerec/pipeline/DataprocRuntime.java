package dev.animerec.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a {@link Module.CloudRuntime#DATAPROC_SERVERLESS} stage runs on Dataproc Serverless: runtime version, jars
 * and Spark properties. One definition for the Composer DAGs (through the JSON spec) and the Vertex AI pipeline.
 */
public final class DataprocRuntime {

    /** Dataproc Serverless runtime with Spark 3.5, Scala 2.12 and Java 17, as the spark-ml build. */
    public static final String VERSION = "2.2";
    /** Deployment parameter: gs:// folder holding the module jar and the jars it needs beside Spark. */
    public static final String JARS_URI = "jars_uri";
    /** Deployment parameter: service account the batches run as. */
    public static final String SERVICE_ACCOUNT = "dataproc_service_account";

    private DataprocRuntime() {
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
    public static Map<String, String> sparkProperties(Module module) {
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
