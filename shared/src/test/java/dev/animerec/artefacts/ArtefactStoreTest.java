package dev.animerec.artefacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.storage.contrib.nio.CloudStorageConfiguration;
import com.google.cloud.storage.contrib.nio.CloudStorageFileSystem;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same store code on a local folder and on Cloud Storage (google-cloud-nio's file system over its in-memory
 * {@link LocalStorageHelper}, the fake the library ships for tests): two runs write two versions, CURRENT names
 * the last, and publish's local copy holds every file of the version it asked for.
 */
class ArtefactStoreTest {

    @TempDir
    Path local;

    /** What an ML run leaves in its version folder (the files publish reads). */
    private static void writeVersion(ArtefactStore store, String version, String marker) throws Exception {
        Path folder = store.modelVersion(version);
        for (String file : List.of("recommendations.parquet/part-00000.parquet", "similar.parquet/part-00000.parquet",
                "serving/item_factors.bin", "evaluation/metrics.json")) {
            Path path = folder.resolve(file);
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            Files.writeString(path, marker + ":" + file);
        }
        store.makeCurrent(version);
    }

    private void twoRunsTwoVersions(ArtefactStore store) throws Exception {
        writeVersion(store, "anime-rec-ml-daily-20261208033000", "first");
        assertThat(store.currentModelVersion()).isEqualTo("anime-rec-ml-daily-20261208033000");
        writeVersion(store, "anime-rec-ml-daily-20261209033000", "second");
        assertThat(store.currentModelVersion()).isEqualTo("anime-rec-ml-daily-20261209033000");
        assertThat(store.modelVersions()).containsExactly("anime-rec-ml-daily-20261208033000",
                "anime-rec-ml-daily-20261209033000");
        assertThat(store.files("anime-rec-ml-daily-20261208033000")).containsExactly("evaluation/metrics.json",
                "recommendations.parquet/part-00000.parquet", "serving/item_factors.bin",
                "similar.parquet/part-00000.parquet");

        Path copy = store.copyToLocal(store.currentModelVersion(), local.resolve("models"));
        assertThat(copy).isEqualTo(local.resolve("models/anime-rec-ml-daily-20261209033000"));
        assertThat(Files.readString(copy.resolve("serving/item_factors.bin"))).isEqualTo("second:serving/item_factors.bin");
        assertThat(Files.readString(copy.resolve("recommendations.parquet/part-00000.parquet")))
                .startsWith("second:");
        assertThat(local.resolve("models/anime-rec-ml-daily-20261209033000.partial")).doesNotExist();
        // The first version is untouched by the second run.
        assertThat(Files.readString(store.modelVersion("anime-rec-ml-daily-20261208033000")
                .resolve("evaluation/metrics.json"))).isEqualTo("first:evaluation/metrics.json");
    }

    @Test
    void onCloudStorage() throws Exception {
        CloudStorageFileSystem bucket = CloudStorageFileSystem.forBucket("anime-rec-prod-ml",
                CloudStorageConfiguration.DEFAULT, LocalStorageHelper.getOptions());
        ArtefactStore store = ArtefactStore.at(bucket.getPath("/anime-rec/"));
        twoRunsTwoVersions(store);
        assertThat(store.root().toUri().toString()).isEqualTo("gs://anime-rec-prod-ml/anime-rec/");
        assertThat(store.isLocalFolder(local)).isFalse();
    }

    @Test
    void onALocalFolder() throws Exception {
        ArtefactStore store = ArtefactStore.open(local.resolve("store").toString());
        twoRunsTwoVersions(store);
        assertThat(store.isLocalFolder(local.resolve("store"))).isTrue();
    }

    @Test
    void aGsUriGoesThroughTheInstalledGoogleCloudNioProvider() {
        ArtefactStore store = ArtefactStore.open("gs://anime-rec-prod-ml/anime-rec");
        assertThat(store.root().getFileSystem().provider().getScheme()).isEqualTo("gs");
        assertThat(store.modelVersion("v1").toUri().toString()).isEqualTo("gs://anime-rec-prod-ml/anime-rec/models/v1");
    }

    @Test
    void missingPointersAndBadNamesAreRefusedWithTheReason() {
        ArtefactStore store = ArtefactStore.open(local.toString());
        assertThatThrownBy(store::currentModelVersion).hasMessageContaining("models/CURRENT does not exist");
        assertThatThrownBy(() -> store.makeCurrent("nope")).hasMessageContaining("model version nope does not exist");
        assertThatThrownBy(() -> store.modelVersion("../x")).hasMessageContaining("not a model version name");
    }
}
