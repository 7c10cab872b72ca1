package dev.animerec.batch.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.animerec.batch.warehouse.WarehousePaths;
import dev.animerec.items.AnimeListEntryItem;
import dev.animerec.items.Item;
import dev.animerec.items.ItemJson;
import dev.animerec.items.ListStatus;
import dev.animerec.items.ProfileItem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InteractionsImporterTest {

    static final Instant CRAWLED = Instant.parse("2023-01-31T00:00:00Z");

    @TempDir
    Path home;

    @Test
    void landsEntriesAndProfilesAndDeadLettersBrokenRowsWithTheirReason() throws Exception {
        Path csv = home.resolve("lists.csv");
        Files.writeString(csv, String.join("\n",
                "user_id,username,anime_id,score,watching_status,watched_episodes,start_date",
                "0,alice,1,9,2,12,2022-12-01",
                "0,alice,5,0,6,0,",
                "0,alice,5,0,6,0,",
                "1,bob,77,7,1,3,",
                "1,bob,abc,7,1,3,",
                "1,bob,2,11,2,3,",
                "1,bob,2,8,5,3,",
                "2,<script>,2,8,2,3,",
                ""));
        WarehousePaths paths = WarehousePaths.under(home);
        ImportReport report = new InteractionsImporter(paths).importFile(csv, CRAWLED, Set.of(1, 2, 5), rows -> { });

        assertThat(report.rowsRead()).isEqualTo(8);
        assertThat(report.landed()).containsEntry("anime_list_entry", 3L).containsEntry("profile", 2L);
        assertThat(report.problemCount(InteractionsImporter.DUPLICATE)).isEqualTo(1);
        assertThat(report.problemCount(InteractionsImporter.UNKNOWN_ANIME)).isEqualTo(1);
        assertThat(report.sample(InteractionsImporter.UNKNOWN_ANIME)).containsExactly("bob/77");
        assertThat(report.problemCount(InteractionsImporter.BAD_ROW)).isEqualTo(4);

        List<Item> landed = landed(paths);
        assertThat(landed).filteredOn(item -> item instanceof AnimeListEntryItem).hasSize(3);
        AnimeListEntryItem first = (AnimeListEntryItem) landed.stream()
                .filter(item -> item instanceof AnimeListEntryItem entry && entry.animeId() == 1).findFirst().orElseThrow();
        assertThat(first.status()).isEqualTo(ListStatus.COMPLETED);
        assertThat(first.score()).isEqualTo(9);
        assertThat(first.episodesWatched()).isEqualTo(12);
        assertThat(first.startDate()).hasToString("2022-12-01");
        assertThat(first.crawlDate()).isEqualTo(CRAWLED);
        ProfileItem alice = (ProfileItem) landed.stream()
                .filter(item -> item instanceof ProfileItem profile && profile.username().equals("alice")).findFirst()
                .orElseThrow();
        assertThat(alice.completed()).isEqualTo(1);
        assertThat(alice.planToWatch()).isEqualTo(1);
        assertThat(alice.meanScore()).isEqualTo(9.0);

        List<JsonNode> deadLetters = new ArrayList<>();
        try (Stream<Path> files = Files.list(paths.deadLetter("import"))) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file)) {
                    deadLetters.add(new ObjectMapper().readTree(line));
                }
            }
        }
        assertThat(deadLetters).hasSize(4);
        assertThat(deadLetters).extracting(node -> node.get("reason").asText())
                .anySatisfy(reason -> assertThat(reason).contains("anime_id").contains("abc"))
                .anySatisfy(reason -> assertThat(reason).contains("score"))
                .anySatisfy(reason -> assertThat(reason).contains("status code 5"))
                .anySatisfy(reason -> assertThat(reason).contains("username"));
        assertThat(deadLetters).extracting(node -> node.get("payload").asText()).contains("1,bob,abc,7,1,3,");
    }

    @Test
    void aFileWithoutTheRequiredColumnsIsRejectedWithTheirNames() throws IOException {
        Path csv = home.resolve("bad.csv");
        Files.writeString(csv, "username,anime\nalice,1\n");
        assertThatThrownBy(() -> new InteractionsImporter(WarehousePaths.under(home))
                .importFile(csv, CRAWLED, Set.of(), rows -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("anime_id");
    }

    static List<Item> landed(WarehousePaths paths) throws Exception {
        List<Item> items = new ArrayList<>();
        try (Stream<Path> files = Files.walk(paths.landing())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    items.add(ItemJson.read(line));
                }
            }
        }
        assertThat(Files.walk(paths.landing()).filter(f -> f.toString().endsWith(".tmp"))).isEmpty();
        return items;
    }
}
