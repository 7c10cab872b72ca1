package dev.animerec.batch.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where one publish reads from: a model version under {@code models/} and a processed version of the warehouse. */
public record PublishInputs(Path home, String modelVersion, String processedVersion) {

    public static PublishInputs resolve(Path home, String modelVersion, String processedVersion) {
        String model = modelVersion != null && !modelVersion.isBlank() ? modelVersion
                : pointer(home.resolve("models").resolve("CURRENT"), "train a model first (./anime-rec train)");
        String processed = processedVersion != null && !processedVersion.isBlank() ? processedVersion
                : pointer(home.resolve("warehouse").resolve("processed").resolve("CURRENT"),
                        "run the ETL first (./anime-rec etl)");
        PublishInputs inputs = new PublishInputs(home, model, processed);
        for (Path required : new Path[] {inputs.recommendations(), inputs.similar(), inputs.servingArtefacts(),
                inputs.processedTable("anime"), inputs.processedTable("user_anime")}) {
            if (!Files.exists(required)) {
                throw new IllegalArgumentException("publish input missing: " + required.toAbsolutePath());
            }
        }
        return inputs;
    }

    private static String pointer(Path file, String hint) {
        try {
            if (!Files.exists(file)) {
                throw new IllegalArgumentException(file.toAbsolutePath() + " does not exist: " + hint);
            }
            String version = Files.readString(file).trim();
            if (version.isEmpty()) {
                throw new IllegalArgumentException(file.toAbsolutePath() + " is empty");
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path model() {
        return home.resolve("models").resolve(modelVersion);
    }

    public Path recommendations() {
        return model().resolve("recommendations.parquet");
    }

    public Path similar() {
        return model().resolve("similar.parquet");
    }

    public Path servingArtefacts() {
        return model().resolve("serving");
    }

    public Path processedTable(String table) {
        return home.resolve("warehouse").resolve("processed").resolve(processedVersion).resolve(table + ".parquet");
    }
}
