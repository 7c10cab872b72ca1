package dev.animerec.batch.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.animerec.batch.warehouse.WarehousePaths;
import dev.animerec.items.AnimeListEntryItem;
import dev.animerec.items.Item;
import dev.animerec.items.ItemJson;
import dev.animerec.items.ItemKind;
import dev.animerec.spool.SpoolInbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolOutputTest {

    @TempDir
    Path home;

    @Test
    void importToTheSpoolQueuesCompleteFilesOfEveryItemOnceAndLandsNothing() throws Exception {
        Path csv = home.resolve("lists.csv");
        StringBuilder rows = new StringBuilder("username,anime_id,score,watching_status,watched_episodes\n");
        for (int i = 0; i < SpoolOutput.CHUNK + 10; i++) {
            rows.append("user").append(i % 7).append(',').append(i + 1).append(",7,2,12\n");
        }
        rows.append("user0,1,7,2,12\n"); // the first row again
        Files.writeString(csv, rows);
        WarehousePaths paths = WarehousePaths.under(home);
        SpoolInbox inbox = new SpoolInbox(home);

        ImportReport report = new InteractionsImporter(paths, stem -> new SpoolOutput(inbox))
                .importFile(csv, Instant.parse("2023-01-31T00:00:00Z"), Set.of(), seen -> { });

        List<Path> files;
        try (Stream<Path> listed = Files.list(inbox.directory())) {
            files = listed.sorted().toList();
        }
        assertThat(files).hasSize(2).allSatisfy(file -> assertThat(file.toString()).endsWith(".jsonl"));
        List<Item> queued = new ArrayList<>();
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                queued.add(ItemJson.read(line));
            }
        }
        assertThat(queued).filteredOn(item -> item instanceof AnimeListEntryItem).hasSize(SpoolOutput.CHUNK + 10);
        assertThat(queued).filteredOn(item -> item.kind() == ItemKind.PROFILE).hasSize(7);
        assertThat(queued).extracting(Item::uid).doesNotHaveDuplicates();
        assertThat(report.problemCount(InteractionsImporter.DUPLICATE)).isEqualTo(1);
        assertThat(paths.landing()).doesNotExist();
    }
}
