package dev.animerec.ingest.landing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LandedUidIndexTest {

    @TempDir
    Path partition;

    @Test
    void readsOnlyTheUidFieldWhereverItStands() throws IOException {
        assertThat(LandedUidIndex.uidOf("{\"kind\":\"anime\",\"stats\":{\"uid\":\"inner\"},\"uid\":\"u-1\"}"))
                .isEqualTo("u-1");
        assertThat(LandedUidIndex.uidOf("{\"kind\":\"anime\"}")).isNull();
    }

    @Test
    void picksUpFilesOtherWritersAddedAndForgetsRemovedOnes() throws IOException {
        LandedUidIndex index = new LandedUidIndex(4);
        JsonLinesFiles.writeAtomically(partition, "part-a.jsonl", List.of("{\"uid\":\"a1\"}", "{\"uid\":\"a2\"}"));
        assertThat(index.landedUids(partition)).containsExactlyInAnyOrder("a1", "a2");

        Path other = JsonLinesFiles.writeAtomically(partition, "part-b.jsonl", List.of("{\"uid\":\"b1\"}"));
        Files.writeString(partition.resolve(".part-c.jsonl.tmp"), "{\"uid\":\"unfinished\"}\n");
        assertThat(index.landedUids(partition)).containsExactlyInAnyOrder("a1", "a2", "b1");

        Files.delete(other);
        assertThat(index.landedUids(partition)).containsExactlyInAnyOrder("a1", "a2");
    }

    @Test
    void aLineWithoutUidIsAnErrorNotASilentSkip() throws IOException {
        Files.writeString(partition.resolve("part-x.jsonl"), "{\"kind\":\"anime\"}\n");
        LandedUidIndex index = new LandedUidIndex(4);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> index.landedUids(partition))
                .isInstanceOf(IOException.class).hasMessageContaining("line 1 has no uid");
    }
}
