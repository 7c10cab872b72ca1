package dev.animerec.pipeline;

import java.util.List;

/**
 * The runnable modules of the build: where a stage's code lives, how it starts locally, and what runs it on
 * Google Cloud. Boot, Spark and Beam stay in separate jars, so every stage is one process of one module.
 */
public enum Module {

    BATCH_JOBS("batch-jobs", "dev.animerec.batch.BatchJobsApplication", List.of(), CloudRuntime.GKE_JOB),
    CRAWLER("crawler", "dev.animerec.crawler.CrawlerApplication", List.of(), CloudRuntime.GKE_DEPLOYMENT),
    INGEST_BEAM("ingest-beam", "dev.animerec.ingest.IngestPipeline", List.of(), CloudRuntime.DATAFLOW),
    SPARK_ML("spark-ml", "dev.animerec.ml.MlCli",
            // Spark on Java 17 needs the opens; the vector module keeps BLAS off its slow pure-Java path.
            List.of("-Xmx6g", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
                    "--add-modules=jdk.incubator.vector"),
            CloudRuntime.DATAPROC_SERVERLESS);

    private final String directory;
    private final String mainClass;
    private final List<String> jvmFlags;
    private final CloudRuntime cloudRuntime;

    Module(String directory, String mainClass, List<String> jvmFlags, CloudRuntime cloudRuntime) {
        this.directory = directory;
        this.mainClass = mainClass;
        this.jvmFlags = jvmFlags;
        this.cloudRuntime = cloudRuntime;
    }

    /** The Maven module's directory under the repository root, also its artifact id. */
    public String directory() {
        return directory;
    }

    public String mainClass() {
        return mainClass;
    }

    /** JVM flags the module needs locally; the launcher reads them from {@link #main}. */
    public List<String> jvmFlags() {
        return jvmFlags;
    }

    /**
     * Prints the JVM flags of the module whose directory is {@code args[0]}, one per line: {@code ./anime-rec} takes
     * them from here, so the flags are written once (spark-ml's pom keeps a copy for its tests and benchmark, which
     * {@code ModuleTest} compares with this one).
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: Module <module directory>");
            System.exit(2);
        }
        for (Module module : values()) {
            if (module.directory.equals(args[0])) {
                module.jvmFlags.forEach(System.out::println);
                return;
            }
        }
        System.err.println("no runnable module in directory " + args[0]);
        System.exit(2);
    }

    public CloudRuntime cloudRuntime() {
        return cloudRuntime;
    }

    /** What runs a module's process on Google Cloud. */
    public enum CloudRuntime {
        /** A Kubernetes pod on GKE started by Composer (KubernetesPodOperator), image per module. */
        GKE_JOB,
        /** Always-on pods on GKE (the crawler workers, scaled on queue backlog): never a DAG task. */
        GKE_DEPLOYMENT,
        /** A streaming Dataflow job from the Flex Template: always on, never a DAG task. */
        DATAFLOW,
        /** A Dataproc Serverless Spark batch running the spark-ml jar. */
        DATAPROC_SERVERLESS
    }
}
