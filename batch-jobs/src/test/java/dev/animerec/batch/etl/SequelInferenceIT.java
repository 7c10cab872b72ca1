package dev.animerec.batch.etl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.animerec.batch.importer.AnimeImporter;
import dev.animerec.batch.warehouse.DuckDbWarehouse;
import dev.animerec.batch.warehouse.WarehousePaths;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sequel inference on the bundled snapshot's real metadata (19,409 anime, no crawled relations), measured
 * against every anime relation recorded in the MAL anime pages of {@code ../shared/data/fixtures}, copied to
 * {@code src/test/resources/etl/recorded-relations} (see its README). Prints the figures that batch-jobs/README.md
 * quotes and fails below their floors. Then real franchises, each expectation read from MAL's relation pages (the
 * recorded page where there is one, MAL's site otherwise, as the comments say).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SequelInferenceIT {

    @TempDir
    static Path home;
    private DuckDbWarehouse warehouse;

    @BeforeAll
    void snapshotThroughMerge() throws Exception {
        WarehousePaths paths = WarehousePaths.under(home);
        new AnimeImporter(paths).importFile(SnapshotEtlIT.SNAPSHOT.resolve("anime_info.csv.gz"),
                Instant.parse("2022-03-10T00:00:00Z"), new HashSet<>());
        warehouse = new DuckDbWarehouse(paths);
        EtlStages stages = new EtlStages(warehouse);
        stages.staging();
        stages.merge();
        stages.filter();
        Path recorded = resource("/etl/recorded-relations");
        // Each anime's newest recorded page is its truth (anime 1 and 5 were recorded in 2018 and 2021).
        warehouse.execute("CREATE OR REPLACE TABLE work.recorded_page AS SELECT anime_id, recorded_on FROM read_csv('"
                + recorded.resolve("pages.csv") + "', header = true) QUALIFY ROW_NUMBER() OVER (PARTITION BY anime_id"
                + " ORDER BY recorded_on DESC) = 1");
        warehouse.execute("CREATE OR REPLACE TABLE work.recorded_relation AS SELECT relation.anime_id,"
                + " relation.related_anime_id, relation.relation_type FROM read_csv('" + recorded.resolve("relations.csv")
                + "', header = true) AS relation JOIN read_csv('" + recorded.resolve("pages.csv") + "', header = true)"
                + " AS page ON page.source_file = relation.source_file JOIN work.recorded_page AS newest"
                + " ON newest.anime_id = page.anime_id AND newest.recorded_on = page.recorded_on");
        // Sequel / prequel pairs, unordered: MAL records both directions, the inference writes both.
        warehouse.execute("CREATE OR REPLACE TABLE work.true_sequel_pair AS SELECT DISTINCT LEAST(anime_id,"
                + " related_anime_id) AS a, GREATEST(anime_id, related_anime_id) AS b FROM work.recorded_relation"
                + " WHERE relation_type IN ('sequel', 'prequel')");
        warehouse.execute("CREATE OR REPLACE TABLE work.inferred_pair AS SELECT DISTINCT LEAST(anime_id, other_anime_id)"
                + " AS a, GREATEST(anime_id, other_anime_id) AS b FROM work.anime_anime_filtered"
                + " WHERE relation_source = 'inferred' AND relation_type IN ('sequel', 'prequel')");
    }

    @AfterAll
    void close() {
        if (warehouse != null) {
            warehouse.close();
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(SequelInferenceIT.class.getResource(name).toURI());
    }

    private long count(String sql) {
        return warehouse.queryLong(sql);
    }

    /**
     * Recall: recorded sequel / prequel pairs (both anime in the metadata) that were inferred. Precision: inferred
     * pairs that touch a recorded page and whose other anime had aired by the page's recording date (a page cannot
     * list a later sequel), and that the page lists as sequel or prequel.
     */
    @Test
    void precisionAndRecallAgainstMalsRecordedRelationPages() {
        long truePairs = count("SELECT COUNT(*) FROM work.true_sequel_pair AS t WHERE t.a IN (SELECT anime_id FROM"
                + " work.anime) AND t.b IN (SELECT anime_id FROM work.anime)");
        long found = count("SELECT COUNT(*) FROM work.true_sequel_pair AS t JOIN work.inferred_pair AS i"
                + " ON i.a = t.a AND i.b = t.b");
        String judged = "SELECT DISTINCT i.a, i.b FROM work.inferred_pair AS i JOIN work.recorded_page AS page"
                + " ON page.anime_id IN (i.a, i.b) JOIN work.anime AS other"
                + " ON other.anime_id = CASE WHEN page.anime_id = i.a THEN i.b ELSE i.a END"
                + " WHERE other.aired_from <= page.recorded_on";
        long inferredJudged = count("SELECT COUNT(*) FROM (" + judged + ") AS j");
        long inferredRight = count("SELECT COUNT(*) FROM (" + judged + ") AS j JOIN work.true_sequel_pair AS t"
                + " ON t.a = j.a AND t.b = j.b");
        long inferredOtherType = count("SELECT COUNT(*) FROM (" + judged + ") AS j WHERE EXISTS (SELECT 1 FROM"
                + " work.recorded_relation AS r WHERE LEAST(r.anime_id, r.related_anime_id) = j.a"
                + " AND GREATEST(r.anime_id, r.related_anime_id) = j.b AND r.relation_type NOT IN ('sequel', 'prequel'))");
        System.out.printf(Locale.ROOT, "sequel inference vs MAL's recorded relation pages (%d pages, %d anime):%n"
                        + "  recall    %d of %d recorded sequel/prequel pairs = %.2f%n"
                        + "  precision %d of %d judgeable inferred pairs = %.2f (%d of the wrong ones MAL relates"
                        + " under another type)%n  inferred pairs on the whole snapshot: %d%n",
                count("SELECT COUNT(*) FROM work.recorded_page"), count("SELECT COUNT(*) FROM work.anime"), found,
                truePairs, (double) found / truePairs, inferredRight, inferredJudged,
                inferredJudged == 0 ? 0 : (double) inferredRight / inferredJudged, inferredOtherType,
                count("SELECT COUNT(*) FROM work.inferred_pair"));
        warehouse.query("SELECT t.a, t.b FROM work.true_sequel_pair AS t LEFT JOIN work.inferred_pair AS i"
                + " ON i.a = t.a AND i.b = t.b WHERE i.a IS NULL ORDER BY ALL", 100)
                .forEach(row -> System.out.println("  missed: " + row.get("a") + " - " + row.get("b")));
        // Floors at today's figures (README): 4 of the 7 recorded pairs, no wrong pair among the judgeable ones.
        assertThat(truePairs).isEqualTo(7);
        assertThat(found).isGreaterThanOrEqualTo(4);
        assertThat(inferredJudged).isGreaterThanOrEqualTo(4);
        assertThat(inferredRight).isEqualTo(inferredJudged);
    }

    private List<String> sequelsOf(int animeId) {
        return warehouse.query("SELECT CAST(other_anime_id AS VARCHAR) AS id FROM work.anime_anime_filtered"
                + " WHERE anime_id = " + animeId + " AND relation_type = 'sequel' ORDER BY other_anime_id", 10)
                .stream().map(row -> (String) row.get("id")).toList();
    }

    private List<String> prequelsOf(int animeId) {
        return warehouse.query("SELECT CAST(other_anime_id AS VARCHAR) AS id FROM work.anime_anime_filtered"
                + " WHERE anime_id = " + animeId + " AND relation_type = 'prequel' ORDER BY other_anime_id", 10)
                .stream().map(row -> (String) row.get("id")).toList();
    }

    @Test
    void haikyuuAsItsRecordedSecondSeasonPageSays() {
        // Recorded page 28891 (Haikyuu!! Second Season, 2023-01): prequel 20583, sequel 32935.
        assertThat(prequelsOf(28891)).containsExactly("20583");
        assertThat(sequelsOf(28891)).containsExactly("32935");
        // MAL's pages of 32935 and 38883 (not recorded): To the Top follows the third season, and its 2nd season it.
        assertThat(sequelsOf(32935)).containsExactly("38883");
        assertThat(sequelsOf(38883)).containsExactly("40776");
        // The movies, OVAs and specials the page lists as summary / side story get no sequel edge.
        for (int notASeason : new int[] {35110, 35321, 35806}) {
            assertThat(prequelsOf(notASeason)).as("anime %d", notASeason).isEmpty();
        }
    }

    @Test
    void shingekiNoKyojinSeasonsAndPartsInAirOrder() {
        // MAL's pages (not recorded): S1 16498 -> S2 25777 -> S3 35760 -> S3 Part 2 38524 -> The Final Season 40028
        // -> The Final Season Part 2 48583; each season's page names the next as its sequel.
        int[] chain = {16498, 25777, 35760, 38524, 40028, 48583};
        for (int i = 0; i + 1 < chain.length; i++) {
            assertThat(sequelsOf(chain[i])).as("sequel of %d", chain[i]).containsExactly(Integer.toString(chain[i + 1]));
            assertThat(prequelsOf(chain[i + 1])).as("prequel of %d", chain[i + 1])
                    .containsExactly(Integer.toString(chain[i]));
        }
        assertThat(prequelsOf(16498)).isEmpty();
        // "Shingeki no Kyojin Season 3 Specials" (39477) is a Special: no season of the TV chain.
        assertThat(prequelsOf(39477)).isEmpty();
    }

    @Test
    void gintamaSeasonsDespiteThePunctuationOfTheirTitles() {
        // MAL's pages (not recorded): Gintama -> Gintama' and Gintama.: Shirogane no Tamashii-hen -> its Kouhan-sen.
        assertThat(sequelsOf(918)).containsExactly("9969");
        assertThat(sequelsOf(36838)).containsExactly("37491");
        // Gintama° (28977) -> Gintama. (34096): one franchise although the marks differ ("°", ".").
        assertThat(sequelsOf(28977)).containsExactly("34096");
    }

    @Test
    void monogatariIsAKnownMissTitlesShareNoStem() {
        // MAL: Bakemonogatari (5081) -> Nisemonogatari (11597) -> ... Each title is one word with no shared stem
        // before a marker, so the inference cannot see the franchise: a documented miss (README), not a wish.
        assertThat(sequelsOf(5081)).isEmpty();
        // Only where a marker follows the same word does it link: Owarimonogatari -> Owarimonogatari 2nd Season.
        assertThat(sequelsOf(31181)).containsExactly("35247");
    }

    @Test
    void everyInferredEdgeIsLabelledAndWrittenBothWays() {
        assertThat(count("SELECT COUNT(*) FROM work.anime_anime_filtered WHERE relation_source IS NULL")).isZero();
        assertThat(count("SELECT COUNT(*) FROM work.anime_anime_filtered AS s WHERE s.relation_source = 'inferred'"
                + " AND s.relation_type = 'sequel' AND NOT EXISTS (SELECT 1 FROM work.anime_anime_filtered AS p"
                + " WHERE p.anime_id = s.other_anime_id AND p.other_anime_id = s.anime_id"
                + " AND p.relation_type = 'prequel' AND p.relation_source = 'inferred')")).isZero();
        Map<String, Object> counts = warehouse.query("SELECT COUNTIF(relation_type = 'sequel') AS sequels,"
                + " COUNTIF(relation_type = 'prequel') AS prequels FROM work.anime_anime_filtered", 1).get(0);
        assertThat(counts.get("sequels")).isEqualTo(counts.get("prequels"));
        assertThat(((Number) counts.get("sequels")).longValue()).isGreaterThan(500);
    }
}
