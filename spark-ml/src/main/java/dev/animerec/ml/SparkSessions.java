package dev.animerec.ml;

import org.apache.spark.sql.SparkSession;

/**
 * Local runs default to {@code local[2]}; under spark-submit / Dataproc the master comes from the environment
 * ({@code spark.master} already set), and is never overridden.
 */
public final class SparkSessions {

    private SparkSessions() {
    }

    public static SparkSession create(String master) {
        SparkSession.Builder builder = SparkSession.builder().appName("anime-rec-ml")
                .config("spark.sql.shuffle.partitions", "8")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.legacy.timeParserPolicy", "CORRECTED");
        if (master != null) {
            builder.master(master);
        } else if (System.getProperty("spark.master") == null) {
            builder.master("local[2]");
        }
        return builder.getOrCreate();
    }
}
