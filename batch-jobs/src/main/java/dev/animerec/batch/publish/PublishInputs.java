package dev.animerec.batch.publish;

import dev.animerec.artefacts.ArtefactStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where one publish reads from: a model version under {@code models/} and a processed version of the warehouse,
 * in the local home. The model version comes from the {@link ArtefactStore} the ML flow wrote it to: the local
 * home itself, or Cloud Storage ({@code gs://BUCKET/anime-rec}, where the Dataproc batches of the Vertex or
 * Composer ML flow write), from which the version is copied into the home's {@code models/} first.
 */
public record PublishInputs(Path home, String modelVersion, String processedVersion) {

    /** Everything from the local home (the local runs: the ML flow wrote there). */
    public static PublishInputs resolve(Path home, String modelVersion, String processedVersion) {
        return resolve(ArtefactStore.at(home), home, modelVersion, processedVersion);
    }

    /**
     * The model version from {@code store} (blank: the one its {@code models/CURRENT} names), copied into
     * {@code home/models/<version>} unless the store is the home; the processed tables from the home.
     */
    public static PublishInputs resolve(ArtefactStore store, Path home, String modelVersion, String processedVersion) {
        boolean local = store.isLocalFolder(home);
        String model = modelVersion != null && !modelVersion.isBlank() ? modelVersion
                : local ? pointer(home.resolve("models").resolve("CURRENT"), "train a model first (./anime-rec train)")
                : store.currentModelVersion();
        if (!local) {
            store.copyToLocal(model, home.resolve("models"));
        }
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
