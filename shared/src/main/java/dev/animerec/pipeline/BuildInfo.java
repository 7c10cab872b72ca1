package dev.animerec.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions of the build (from the root pom, filtered into {@code build.properties}). */
public record BuildInfo(String projectVersion, String jfreechartVersion, String scalaBinaryVersion,
        String sparkBigqueryVersion) {

    public static BuildInfo load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/dev/animerec/pipeline/build.properties")) {
            if (in == null) {
                throw new IllegalStateException("build.properties missing from the classpath: build shared with Maven");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildInfo(required(properties, "project.version"), required(properties, "jfreechart.version"),
                required(properties, "scala.binary.version"), required(properties, "spark-bigquery.version"));
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            throw new IllegalStateException("build.properties: " + key + " was not filled by Maven (" + value + ")");
        }
        return value;
    }
}
