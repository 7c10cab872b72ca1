package dev.animerec.crawler.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.animerec.crawler.Fixtures;
import dev.animerec.crawler.mal.AnimeRecommendationsPageParser;
import dev.animerec.items.Item;
import dev.animerec.items.ItemJson;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolWriterTest {

    @TempDir
    Path home;

    private static List<Item> recordedItems() throws Exception {
        return new AnimeRecommendationsPageParser().parse(Fixtures.read("mal/anime_28891_recomendations.html"),
                "https://myanimelist.net/anime/28891/Haikyuu_Second_Season/userrecs",
                Instant.parse("2023-01-15T10:00:00Z")).items();
    }

    private List<Path> inboxFiles() throws Exception {
        try (Stream<Path> files = Files.list(home.resolve("spool/inbox"))) {
            return files.sorted().toList();
        }
    }

    @Test
    void oneCompleteJsonLinesFilePerPublishAndNoTemporaryLeftBehind() throws Exception {
        List<Item> items = recordedItems();
        assertThat(items).hasSize(11);
        SpoolWriter spool = new SpoolWriter(home);

        spool.publish(items);
        spool.publish(items.subList(0, 2));

        List<Path> files = inboxFiles();
        assertThat(files).hasSize(2).allSatisfy(file -> assertThat(file.toString()).endsWith(".jsonl"));
        List<Item> readBack = new ArrayList<>();
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                readBack.add(ItemJson.read(line));
            }
        }
        List<Item> expected = new ArrayList<>(items);
        expected.addAll(items.subList(0, 2));
        assertThat(readBack).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void nothingToPublishWritesNoFile() throws Exception {
        new SpoolWriter(home).publish(List.of());

        assertThat(home.resolve("spool/inbox")).doesNotExist();
    }

    @Test
    void anUnwritableInboxFailsLoudlyAndLeavesNoCompleteFile() throws Exception {
        Files.createDirectories(home.resolve("spool"));
        Files.writeString(home.resolve("spool/inbox"), "a file where the inbox directory should be");

        assertThatThrownBy(() -> new SpoolWriter(home).publish(recordedItems()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot spool");
    }
}
