package dev.animerec.ml.common;

import org.apache.spark.sql.SparkSession;

/** What every step gets: Spark, the home, the model version being built and the settings. */
public record MlContext(SparkSession spark, MlHome home, String version, MlSettings settings) {

    public String modelDir() {
        return home.modelDir(version);
    }

    public String work(String name) {
        return modelDir() + "/work/" + name;
    }

    public String servingDir() {
        return modelDir() + "/serving";
    }
}
