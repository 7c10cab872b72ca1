package dev.animerec.crawler.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.animerec.crawler.politeness.PostgresRequestBudgets;
import dev.animerec.crawler.MalMirror;
import dev.animerec.crawler.TestPostgres;
import dev.animerec.crawler.TestSettings;
import dev.animerec.crawler.crawl.UrlCrawler;
import dev.animerec.items.AnimeItem;
import dev.animerec.items.Item;
import dev.animerec.items.ItemJson;
import dev.animerec.items.RelatedAnimeItem;
import dev.animerec.items.ReviewItem;
import dev.animerec.schedule.MalUrl;
import dev.animerec.schedule.ScheduleRepository;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The crawl of one url end to end: the real {@link UrlCrawler} against a local mirror replaying recorded MAL
 * pages, the real spool, and the schedule in a real PostgreSQL with the project's migrations.
 */
class CrawlHandlerIT {

    private static final String GUNDAM = "https://myanimelist.net/anime/49827";

    @TempDir
    Path home;

    private MalMirror mirror;
    private JdbcTemplate jdbc;
    private UrlCrawler crawler;

    @BeforeEach
    void start() {
        TestPostgres.clean();
        jdbc = TestPostgres.jdbc();
        mirror = new MalMirror();
        crawler = new UrlCrawler(TestSettings.forMirror(mirror.baseUrl()), new PostgresRequestBudgets(TestPostgres.dataSource()));
    }

    @AfterEach
    void stop() {
        mirror.close();
    }

    private CrawlHandler handler() {
        return new CrawlHandler(crawler, new SpoolWriter(home), new ScheduleRepository(jdbc), new MissingPages(jdbc));
    }

    /**
     * The partial-crawl policy: an optional sub-page (reviews, recommendations) the source does not have
     * leaves the url's other items intact, and the missing page is recorded with its reason.
     */
    @Test
    void anAnimeWithoutAReviewsPageEmitsItsOtherItemsAndRecordsTheMissingPage() throws Exception {
        mirror.answer("/anime/49827/_/reviews", 404);

        CrawlHandler.Outcome outcome = handler().handle(GUNDAM, 1);

        assertThat(outcome.crawled()).as(String.valueOf(outcome.failure())).isTrue();
        assertThat(outcome.items()).filteredOn(AnimeItem.class::isInstance).hasSize(1);
        assertThat(outcome.items()).filteredOn(RelatedAnimeItem.class::isInstance).hasSize(1);
        assertThat(mirror.paths()).contains("/anime/49827/_/userrecs", "/anime/49827/_/reviews?p=1");
        assertThat(outcome.items()).filteredOn(ReviewItem.class::isInstance).isEmpty();
        assertThat(outcome.missingPages()).contains("/anime/49827/_/reviews?p=1").contains("HTTP 404");
        List<Item> spooledItems = new ArrayList<>();
        for (String line : Files.readAllLines(spooled().get(0))) {
            spooledItems.add(ItemJson.read(line));
        }
        assertThat(spooledItems).isEqualTo(outcome.items());
        Map<String, Object> gundam = animeRow(49827);
        assertThat(gundam.get("crawled_count")).isEqualTo(1);
        assertThat(gundam.get("failed_count")).isEqualTo(0);
        Map<String, Object> missing = jdbc.queryForMap("SELECT * FROM crawl_dead_letter");
        assertThat(missing.get("kind")).isEqualTo(MissingPages.KIND);
        assertThat((String) missing.get("url")).endsWith("/anime/49827/_/reviews?p=1");
        assertThat((String) missing.get("reason")).contains(GUNDAM).contains("HTTP 404");
    }

    /** A page the anime item is built from (stats) is required: without it the url fails whole. */
    @Test
    void anAnimeWithoutItsStatsPageFailsWholeAndSpoolsNothing() throws Exception {
        mirror.answer("/anime/49827/_/stats", 404);

        CrawlHandler.Outcome outcome = handler().handle(GUNDAM, 1);

        assertThat(outcome.crawled()).isFalse();
        assertThat(outcome.failure()).contains("HTTP 404");
        assertThat(spooled()).isEmpty();
        assertThat(animeRow(49827).get("failed_count")).isEqualTo(1);
    }

    /** An optional sub-page that fails otherwise than missing (a 5xx after the retries) fails the url whole. */
    @Test
    void anOptionalSubPageThatFailsOtherwiseThanMissingFailsTheUrlWhole() throws Exception {
        mirror.answer("/anime/49827/_/userrecs", 503);

        CrawlHandler.Outcome outcome = handler().handle(GUNDAM, 1);

        assertThat(outcome.crawled()).isFalse();
        assertThat(outcome.failure()).contains("503");
        assertThat(spooled()).isEmpty();
    }

    private List<Path> spooled() throws Exception {
        Path inbox = home.resolve("spool/inbox");
        if (!Files.isDirectory(inbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(inbox)) {
            return files.toList();
        }
    }

    private Map<String, Object> animeRow(int id) {
        return jdbc.queryForMap("SELECT * FROM anime_schedule WHERE anime_id = ?", id);
    }

    @Test
    void animePageBecomesSpooledItemsAndScheduleMarks() throws Exception {
        CrawlHandler handler = handler();

        CrawlHandler.Outcome outcome = handler.handle(GUNDAM, 1);

        assertThat(outcome.crawled()).as(String.valueOf(outcome.failure())).isTrue();
        assertThat(mirror.paths()).contains("/anime/49827", "/anime/49827/_/stats", "/anime/49827/_/pics",
                "/anime/49827/_/userrecs", "/anime/49827/_/reviews?p=1");
        List<Path> files = spooled();
        assertThat(files).hasSize(1);
        List<Item> items = new ArrayList<>();
        for (String line : Files.readAllLines(files.get(0))) {
            items.add(ItemJson.read(line));
        }
        assertThat(items).isEqualTo(outcome.items());
        // Values read from the recorded pages (title and score from the main page, totals from the stats page).
        AnimeItem anime = (AnimeItem) items.get(0);
        assertThat(anime.animeId()).isEqualTo(49827);
        assertThat(anime.title()).isEqualTo("Kidou Senshi Gundam: Cucuruz Doan no Shima");
        assertThat(anime.score()).isEqualTo(7.35);
        assertThat(anime.statistics().total()).isEqualTo(6547L);
        assertThat(anime.statistics().completed()).isEqualTo(2775L);
        assertThat(anime.pictures()).hasSize(7);
        assertThat(items).filteredOn(RelatedAnimeItem.class::isInstance).singleElement()
                .satisfies(related -> assertThat(((RelatedAnimeItem) related).relatedAnimeId()).isEqualTo(80));
        // The main page, standing in for the reviews page, shows three reviews in the 2022+ layout.
        assertThat(items).filteredOn(ReviewItem.class::isInstance).extracting(item -> ((ReviewItem) item).reviewer())
                .containsExactly("punishedsneed", "KurisuSparda", "AZakuII");

        Map<String, Object> gundam = animeRow(49827);
        assertThat(gundam.get("url")).isEqualTo(GUNDAM);
        assertThat(gundam.get("crawled_count")).isEqualTo(1);
        assertThat(gundam.get("failed_count")).isEqualTo(0);
        Map<String, Object> related = animeRow(80);
        assertThat(related.get("inspected_count")).isEqualTo(1);
        assertThat(related.get("crawled_count")).isEqualTo(0);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM crawl_dead_letter", Integer.class)).isZero();
    }

    @Test
    void aMissingAnimeIsDeadLetteredWithTheReasonAndSpoolsNothing() throws Exception {
        mirror.answer(404404, 404);
        CrawlHandler handler = handler();

        CrawlHandler.Outcome outcome = handler.handle("https://myanimelist.net/anime/404404", 2);

        assertThat(outcome.crawled()).isFalse();
        assertThat(outcome.failure()).contains("HTTP 404");
        assertThat(spooled()).isEmpty();
        Map<String, Object> row = animeRow(404404);
        assertThat(row.get("crawled_count")).isEqualTo(0);
        assertThat(row.get("failed_count")).isEqualTo(1);
        assertThat((String) row.get("last_failure")).contains("HTTP 404");
        Map<String, Object> dead = jdbc.queryForMap("SELECT * FROM crawl_dead_letter");
        assertThat(dead.get("url")).isEqualTo("https://myanimelist.net/anime/404404");
        assertThat(dead.get("kind")).isEqualTo("anime");
        assertThat(dead.get("attempts")).isEqualTo(2);
        assertThat((String) dead.get("reason")).contains("FetchException").contains("HTTP 404");
    }

    @Test
    void serverErrorsAreRetriedThenDeadLetteredWithTheAttemptCount() throws Exception {
        mirror.answer(500500, 500);
        CrawlHandler handler = handler();

        CrawlHandler.Outcome outcome = handler.handle("https://myanimelist.net/anime/500500", 1);

        assertThat(outcome.crawled()).isFalse();
        assertThat(mirror.paths()).filteredOn("/anime/500500"::equals).hasSize(3);
        assertThat(jdbc.queryForObject("SELECT attempts FROM crawl_dead_letter WHERE url = ?", Integer.class,
                "https://myanimelist.net/anime/500500")).isEqualTo(3);
        assertThat((String) animeRow(500500).get("last_failure")).contains("HTTP 500").contains("after 3 attempts");
    }

    @Test
    void itemsAreDurableBeforeTheScheduleSaysCrawled() throws Exception {
        SpoolWriter spool = new SpoolWriter(home);
        List<Integer> spooledWhenMarked = new ArrayList<>();
        ScheduleRepository schedule = new ScheduleRepository(jdbc) {
            @Override
            public void markCrawled(MalUrl url, Instant when) {
                try {
                    spooledWhenMarked.add(spooled().size());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                super.markCrawled(url, when);
            }
        };

        new CrawlHandler(crawler, spool, schedule, new MissingPages(jdbc)).handle(GUNDAM, 1);

        assertThat(spooledWhenMarked).containsExactly(1);
    }

    @Test
    void aFailingSinkPropagatesAndMarksNothing() {
        ItemSink broken = items -> {
            throw new UncheckedIOException(new java.io.IOException("disk full"));
        };
        CrawlHandler handler = new CrawlHandler(crawler, broken, new ScheduleRepository(jdbc),
                new MissingPages(jdbc));

        assertThatThrownBy(() -> handler.handle(GUNDAM, 1)).isInstanceOf(UncheckedIOException.class);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM anime_schedule", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM crawl_dead_letter", Integer.class)).isZero();
    }

    @Test
    void aUrlOutsideMalIsRejectedBeforeAnyRequest() {
        CrawlHandler handler = handler();

        assertThatThrownBy(() -> handler.handle("https://example.org/anime/1", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MAL_BASE_URL");
        assertThat(mirror.paths()).isEmpty();
    }
}
