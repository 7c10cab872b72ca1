package dev.animerec.ml;

import org.apache.spark.sql.SparkSession;

/** One small local Spark session per test JVM. */
public final class TestSpark {

    private static SparkSession session;

    private TestSpark() {
    }

    public static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("spark-ml-tests")
                    .config("spark.sql.shuffle.partitions", "4").config("spark.ui.enabled", "false")
                    .config("spark.sql.legacy.timeParserPolicy", "CORRECTED").getOrCreate();
        }
        return session;
    }
}
