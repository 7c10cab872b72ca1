package dev.animerec.batch.etl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.animerec.batch.importer.AnimeImporter;
import dev.animerec.batch.importer.ImportReport;
import dev.animerec.batch.importer.InteractionsImporter;
import dev.animerec.batch.warehouse.DuckDbWarehouse;
import dev.animerec.batch.warehouse.WarehousePaths;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports the bundled real snapshot and runs the ETL. The expected counts were computed by hand, with an
 * independent script over the raw CSVs applying SYSTEM.md's rules (see batch-jobs/README.md, "Snapshot
 * figures"); they are not read back from this code's output.
 */
class SnapshotEtlIT {

    static final Path SNAPSHOT = Path.of("..", "data", "snapshot");

    @TempDir
    Path home;

    @Test
    void realSnapshotThroughImportAndEtl() throws Exception {
        WarehousePaths paths = WarehousePaths.under(home);
        Set<Integer> animeIds = new HashSet<>();
        ImportReport anime = new AnimeImporter(paths).importFile(SNAPSHOT.resolve("anime_info.csv.gz"),
                Instant.parse("2022-03-10T00:00:00Z"), animeIds);
        assertThat(anime.rowsRead()).isEqualTo(19_412);
        assertThat(anime.landed()).containsEntry("anime", 19_409L);
        assertThat(anime.problemCount("duplicate anime ids (first kept)")).isEqualTo(3);

        ImportReport lists = new InteractionsImporter(paths).importFile(SNAPSHOT.resolve("animelist_2023.csv.gz"),
                Instant.parse("2023-01-31T00:00:00Z"), animeIds, rows -> { });
        assertThat(lists.rowsRead()).isEqualTo(303_441);
        assertThat(lists.landed()).containsEntry("anime_list_entry", 303_441L).containsEntry("profile", 576L);
        assertThat(lists.problemCount("rows with an anime id unknown to the metadata (the ETL drops them)"))
                .isEqualTo(7_311);
        assertThat(lists.problems()).doesNotContainKey("bad rows (dead-lettered)");

        try (DuckDbWarehouse warehouse = new DuckDbWarehouse(paths)) {
            EtlStages stages = new EtlStages(warehouse);
            stages.staging();
            stages.merge();
            Map<String, Long> dropped = stages.filter();
            stages.validate();
            stages.publish("snapshot");

            assertThat(dropped).containsEntry("user_anime.unknown_anime_or_user", 7_311L)
                    .containsEntry("user_anime.completed_while_airing", 1_672L)
                    .containsEntry("user_anime.watched_before_airing", 2_613L)
                    .containsEntry("user_anime.plan_to_watch_with_activity", 1_365L)
                    .containsEntry("user_anime.no_progress_not_plan_to_watch", 15_173L);

            String processed = paths.processed().resolve("snapshot").toString();
            assertThat(warehouse.queryLong("SELECT COUNT(*) FROM '" + processed + "/anime.parquet'")).isEqualTo(19_409);
            assertThat(warehouse.queryLong("SELECT COUNT(*) FROM '" + processed + "/user.parquet'")).isEqualTo(576);
            assertThat(warehouse.queryLong("SELECT COUNT(*) FROM '" + processed + "/user_anime.parquet'"))
                    .isEqualTo(275_307);
            Map<String, Long> perStatus = warehouse.query("SELECT status, COUNT(*) AS n FROM '" + processed
                    + "/user_anime.parquet' GROUP BY status", 10).stream()
                    .collect(Collectors.toMap(row -> (String) row.get("status"), row -> ((Number) row.get("n")).longValue()));
            assertThat(perStatus).containsExactlyInAnyOrderEntriesOf(Map.of("watching", 6_772L,
                    "completed", 188_023L, "on_hold", 4_343L, "dropped", 4_792L, "plan_to_watch", 71_377L));
            assertThat(warehouse.queryLong("SELECT COUNT(DISTINCT LOWER(username)) FROM '" + processed
                    + "/user_anime.parquet'")).isEqualTo(569);
            assertThat(warehouse.queryLong("SELECT COUNT(*) FROM '" + processed + "/user_anime.parquet' AS pair"
                    + " WHERE pair.anime_id NOT IN (SELECT anime_id FROM '" + processed + "/anime.parquet')"
                    + " OR LOWER(pair.username) NOT IN (SELECT LOWER(username) FROM '" + processed + "/user.parquet')"))
                    .as("every processed pair refers to known anime and users").isZero();
        }
    }
}
