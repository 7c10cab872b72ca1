package dev.animerec.batch.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.animerec.artefacts.ArtefactStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publish's hand-off from the ML flow: the model version is read from the artefact store the ML run wrote (here
 * a folder other than the home, standing for gs://; ArtefactStoreTest in shared runs the same code on
 * google-cloud-nio's in-memory Cloud Storage) and copied into the home, where the publish steps read it.
 */
class PublishInputsTest {

    @TempDir
    Path temp;

    private static void write(Path file, String content) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private Path homeWithProcessedTables() throws Exception {
        Path home = temp.resolve("home");
        write(home.resolve("warehouse/processed/CURRENT"), "p1\n");
        write(home.resolve("warehouse/processed/p1/anime.parquet/part-0.parquet"), "anime");
        write(home.resolve("warehouse/processed/p1/user_anime.parquet/part-0.parquet"), "user_anime");
        return home;
    }

    private static void writeModel(ArtefactStore store, String version) throws Exception {
        for (String file : new String[] {"recommendations.parquet/part-0.parquet", "similar.parquet/part-0.parquet",
                "serving/item_factors.bin"}) {
            write(store.modelVersion(version).resolve(file), version + ":" + file);
        }
        store.makeCurrent(version);
    }

    @Test
    void theCurrentVersionOfTheStoreIsCopiedIntoTheHomeAndReadFromThere() throws Exception {
        Path home = homeWithProcessedTables();
        ArtefactStore store = ArtefactStore.open(temp.resolve("bucket/anime-rec").toString());
        writeModel(store, "anime-rec-ml-daily-20261208033000");
        writeModel(store, "anime-rec-ml-daily-20261209033000");

        PublishInputs inputs = PublishInputs.resolve(store, home, null, null);

        assertThat(inputs.modelVersion()).isEqualTo("anime-rec-ml-daily-20261209033000");
        assertThat(inputs.processedVersion()).isEqualTo("p1");
        assertThat(inputs.model()).isEqualTo(home.resolve("models/anime-rec-ml-daily-20261209033000"));
        assertThat(Files.readString(inputs.servingArtefacts().resolve("item_factors.bin")))
                .isEqualTo("anime-rec-ml-daily-20261209033000:serving/item_factors.bin");
        assertThat(home.resolve("models/anime-rec-ml-daily-20261208033000")).doesNotExist();
    }

    @Test
    void anExplicitVersionIsTheOneCopied() throws Exception {
        Path home = homeWithProcessedTables();
        ArtefactStore store = ArtefactStore.open(temp.resolve("bucket").toString());
        writeModel(store, "v1");
        writeModel(store, "v2");
        assertThat(PublishInputs.resolve(store, home, "v1", null).recommendations())
                .isEqualTo(home.resolve("models/v1/recommendations.parquet")).isDirectory();
    }

    @Test
    void aVersionTheStoreDoesNotHaveIsRefused() throws Exception {
        Path home = homeWithProcessedTables();
        ArtefactStore store = ArtefactStore.open(temp.resolve("bucket").toString());
        writeModel(store, "v1");
        assertThatThrownBy(() -> PublishInputs.resolve(store, home, "v9", null))
                .hasMessageContaining("model version v9 does not exist");
    }

    @Test
    void theLocalHomeAsStoreReadsInPlaceAsBefore() throws Exception {
        Path home = homeWithProcessedTables();
        assertThatThrownBy(() -> PublishInputs.resolve(home, null, null))
                .hasMessageContaining("train a model first");
        writeModel(ArtefactStore.at(home), "local-1");
        PublishInputs inputs = PublishInputs.resolve(home, null, null);
        assertThat(inputs.modelVersion()).isEqualTo("local-1");
        assertThat(home.resolve("models").toFile().list()).containsExactlyInAnyOrder("CURRENT", "local-1");
    }
}
