package dev.animerec.batch.etl;

import static dev.animerec.batch.etl.Landing.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.animerec.batch.warehouse.DuckDbWarehouse;
import dev.animerec.batch.warehouse.WarehousePaths;
import dev.animerec.items.AnimeItem;
import dev.animerec.items.Item;
import dev.animerec.items.RelatedAnimeItem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules of the sequel inference in merge.sql, one hand-made case each (titles shaped like real MAL titles), and
 * the SQL's portability to BigQuery. The measurement against MAL's recorded relation pages is SequelInferenceIT.
 */
class SequelInferenceTest {

    @TempDir
    Path home;
    private WarehousePaths paths;
    private DuckDbWarehouse warehouse;
    private EtlStages stages;

    @BeforeEach
    void open() {
        paths = WarehousePaths.under(home);
        warehouse = new DuckDbWarehouse(paths);
        stages = new EtlStages(warehouse);
    }

    @AfterEach
    void close() {
        warehouse.close();
    }

    private static AnimeItem anime(int id, String title, String type, String airedFrom, String... studios) {
        return AnimeItem.builder("https://myanimelist.net/anime/" + id, T0, id, title).type(type)
                .airedFrom(airedFrom == null ? null : LocalDate.parse(airedFrom)).studios(List.of(studios)).build();
    }

    /** Every published anime_anime row as "anime type other source", ordered. */
    private List<String> relations(List<Item> items) {
        Landing.write(paths, "test", items);
        stages.staging();
        stages.merge();
        stages.filter();
        return warehouse.query("SELECT CONCAT(CAST(anime_id AS VARCHAR), ' ', relation_type, ' ',"
                        + " CAST(other_anime_id AS VARCHAR), ' ', relation_source) AS row"
                        + " FROM work.anime_anime_filtered WHERE source = 'related' ORDER BY ALL", 1000).stream()
                .map(row -> (String) row.get("row")).toList();
    }

    @Test
    void seasonAndPartMarkersChainByAirDateBothWays() {
        List<Item> items = new ArrayList<>(List.of(
                anime(3, "Kyojin Season 3 Part 2", "TV", "2019-04-29", "Wit Studio"),
                anime(1, "Kyojin", "TV", "2013-04-07", "Wit Studio"),
                // the MAL API writes its media type in lower case
                anime(4, "Kyojin: The Final Season", "tv", "2020-12-07", "MAPPA"),
                anime(2, "Kyojin Season 3", "TV", "2018-07-23", "Wit Studio")));
        assertThat(relations(items)).containsExactly(
                "1 sequel 2 inferred", "2 prequel 1 inferred", "2 sequel 3 inferred", "3 prequel 2 inferred",
                "3 sequel 4 inferred", "4 prequel 3 inferred");
    }

    @Test
    void subtitleAfterAColonOrAPrefixJoinsOnlyWithAStudioOfTheFranchise() {
        List<Item> items = new ArrayList<>(List.of(
                anime(10, "Volley!!", "TV", "2014-04-06", "Production I.G"),
                anime(11, "Volley!! Second Season", "TV", "2015-10-04", "Production I.G"),
                anime(12, "Volley!!: Karasuno vs. Shiratorizawa", "TV", "2016-10-08", "Production I.G"),
                anime(13, "Volley!! To the Top", "TV", "2020-01-11", "Production I.G"),
                // another studio's spin-off under the same stem: not a season of it
                anime(14, "Volley!!: Raoh Gaiden", "TV", "2021-01-01", "Other Studio")));
        assertThat(relations(items)).containsExactly(
                "10 sequel 11 inferred", "11 prequel 10 inferred", "11 sequel 12 inferred", "12 prequel 11 inferred",
                "12 sequel 13 inferred", "13 prequel 12 inferred");
    }

    @Test
    void punctuationVariantsAreOneFranchiseAndSpinOffWordsStayOut() {
        List<Item> items = new ArrayList<>(List.of(
                anime(20, "Gintama", "TV", "2006-04-04", "Sunrise"),
                anime(21, "Gintama'", "TV", "2011-04-04", "Sunrise"),
                anime(22, "Gintama°", "TV", "2015-04-08", "Bandai Namco Pictures"),
                anime(23, "Gintama SD", "TV", "2016-01-01", "Sunrise")));
        assertThat(relations(items)).containsExactly(
                "20 sequel 21 inferred", "21 prequel 20 inferred", "21 sequel 22 inferred", "22 prequel 21 inferred");
    }

    @Test
    void typesChainApartAndOtherTypesAreLeftOut() {
        List<Item> items = new ArrayList<>(List.of(
                anime(30, "Shenmi Lixian Ji", "Movie", "2012-08-10"),
                anime(31, "Shenmi Lixian Ji 2", "Movie", "2014-08-08"),
                anime(32, "Shenmi Lixian Ji", "TV", "2013-01-01"),
                anime(33, "Shenmi Lixian Ji Specials", "Special", "2013-06-01")));
        assertThat(relations(items)).containsExactly("30 sequel 31 inferred", "31 prequel 30 inferred");
    }

    @Test
    void streamingSeriesChainBySeasonMarkersOnly() {
        List<Item> items = new ArrayList<>(List.of(
                anime(70, "Aggressive Retsuko (ONA)", "ONA", "2018-04-20", "Fanworks"),
                anime(71, "Aggressive Retsuko: We Wish You a Metal Christmas", "ONA", "2018-12-20", "Fanworks"),
                anime(72, "Aggressive Retsuko (ONA) 2nd Season", "ONA", "2019-06-14", "Fanworks")));
        assertThat(relations(items)).containsExactly("70 sequel 72 inferred", "72 prequel 70 inferred");
    }

    @Test
    void anAnnouncedSeasonWithoutADateGoesLastAndOtherUndatedTitlesStayOut() {
        List<Item> items = new ArrayList<>(List.of(
                anime(35, "Mob Psycho 100", "TV", "2016-07-11", "Bones"),
                anime(36, "Mob Psycho 100 II", "TV", "2019-01-07", "Bones"),
                anime(38, "Mob Psycho 100 III", "TV", null),
                // undated and no season marker: nothing says where it goes
                anime(37, "Mob Psycho 100: Reigen", "TV", null, "Bones")));
        assertThat(relations(items)).containsExactly("35 sequel 36 inferred", "36 prequel 35 inferred",
                "36 sequel 38 inferred", "38 prequel 36 inferred");
    }

    @Test
    void aSubtitledSeriesOfAnotherStudioChainsOnItsOwn() {
        List<Item> items = new ArrayList<>(List.of(
                anime(60, "Fate/stay night", "TV", "2006-01-07", "Studio Deen"),
                anime(61, "Fate/stay night: Unlimited Blade Works", "TV", "2014-10-12", "ufotable"),
                anime(62, "Fate/stay night: Unlimited Blade Works 2nd Season", "TV", "2015-04-05", "ufotable"),
                anime(63, "JoJo no Kimyou na Bouken (TV)", "TV", "2012-10-06", "David Production"),
                anime(64, "JoJo no Kimyou na Bouken Part 3: Stardust Crusaders", "TV", "2014-04-05", "David Production")));
        assertThat(relations(items)).containsExactly("61 sequel 62 inferred", "62 prequel 61 inferred",
                "63 sequel 64 inferred", "64 prequel 63 inferred");
    }

    @Test
    void crawledRelationsWinOverInferredOnesForEveryPairTheyTouch() {
        List<Item> items = new ArrayList<>(List.of(
                anime(40, "Hokuto", "TV", "1984-10-04", "Toei"),
                anime(41, "Hokuto 2", "TV", "1987-03-12", "Toei"),
                anime(42, "Hokuto 3", "TV", "1990-01-01", "Toei"),
                anime(43, "Hokuto 4", "TV", "1995-01-01", "Toei"),
                // 41's page was crawled: it calls 40 a side story and does not list 42 at all
                RelatedAnimeItem.of("https://myanimelist.net/anime/41", T0, 41, 40, "side_story", "Hokuto", 0)));
        assertThat(relations(items)).containsExactly(
                "41 side_story 40 crawled", "42 sequel 43 inferred", "43 prequel 42 inferred");
    }

    @Test
    void recommendationsAreCrawledRows() {
        List<Item> items = new ArrayList<>(List.of(anime(50, "A", "TV", "2000-01-01"), anime(51, "B", "TV", "2001-01-01"),
                Landing.recommendation(50, 51, 7)));
        Landing.write(paths, "test", items);
        stages.staging();
        stages.merge();
        stages.filter();
        assertThat(warehouse.query("SELECT source, relation_source FROM work.anime_anime_filtered", 10))
                .singleElement().satisfies(row -> {
                    assertThat(row.get("source")).isEqualTo("recommendation");
                    assertThat(row.get("relation_source")).isEqualTo("crawled");
                });
    }

    /**
     * BigQuery reads a backslash in a string literal as an escape and replaces every match of REGEXP_REPLACE, DuckDB
     * reads it literally and replaces the first: the inference's patterns avoid backslashes and are anchored at the
     * end, so they match at most once and mean the same on both warehouses.
     */
    @Test
    void theInferenceSqlMeansTheSameOnBigQueryAndDuckDb() throws IOException {
        String sql;
        try (InputStream in = SequelInferenceTest.class.getResourceAsStream("/etl/merge.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String statements = String.join("\n", SqlScript.split(sql));
        assertThat(statements).doesNotContain("\\").doesNotContainIgnoringCase("regexp_matches")
                .doesNotContainIgnoringCase("regexp_contains");
        Matcher replace = Pattern.compile("REGEXP_REPLACE\\((.+?), '([^']*)', ''\\)", Pattern.DOTALL).matcher(statements);
        int patterns = 0;
        while (replace.find()) {
            assertThat(replace.group(2)).as("pattern %s", replace.group(2)).endsWith("$");
            patterns++;
        }
        assertThat(patterns).isGreaterThanOrEqualTo(4);
    }
}
