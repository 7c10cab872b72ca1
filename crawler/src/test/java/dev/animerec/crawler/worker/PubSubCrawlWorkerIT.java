package dev.animerec.crawler.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.spring.pubsub.PubSubAdmin;
import com.google.cloud.spring.pubsub.core.PubSubTemplate;
import com.google.cloud.spring.pubsub.support.AcknowledgeablePubsubMessage;
import dev.animerec.crawler.CrawlerSpringApplication;
import dev.animerec.crawler.MalMirror;
import dev.animerec.testing.PubSubEmulator;
import dev.animerec.testing.TestResources;
import dev.animerec.crawler.TestPostgres;
import dev.animerec.crawler.TestSettings;
import dev.animerec.items.AnimeItem;
import dev.animerec.items.Item;
import dev.animerec.items.ItemJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The gcp binding for real: profile {@code gcp}, crawl requests pulled from the Pub/Sub emulator's
 * subscription {@code crawl-requests-workers}, items published to topic {@code items} and read back from
 * {@code items-ingest}. Skipped, loudly, where the emulator is not installed.
 */
class PubSubCrawlWorkerIT {

    @TempDir
    static Path home;

    private static PubSubEmulator emulator;
    private static MalMirror mirror;
    private static ConfigurableApplicationContext worker;

    @BeforeAll
    static void start() throws Exception {
        emulator = PubSubEmulator.startOrSkip("PubSubCrawlWorkerIT");
        TestPostgres.clean();
        mirror = new MalMirror().answer(404404, 404);
        SpringApplicationBuilder builder = new SpringApplicationBuilder(CrawlerSpringApplication.class)
                .web(WebApplicationType.NONE)
                .profiles("gcp")
                .properties("animerec.crawler.mode=worker",
                        "spring.datasource.url=" + TestPostgres.jdbcUrl(),
                        "spring.cloud.gcp.pubsub.emulator-host=" + emulator.hostPort(),
                        "spring.cloud.gcp.project-id=anime-rec-test",
                        "animerec.local.home=" + home);
        TestSettings.properties(mirror.baseUrl()).forEach((key, value) -> builder.properties(key + "=" + value));
        worker = builder.run();
    }

    @AfterAll
    static void stop() throws Exception {
        TestResources.closeAll(worker, mirror, emulator);
    }

    @Test
    void requestsFromTheSubscriptionBecomeItemsOnTheTopicAndScheduleMarks() throws Exception {
        PubSubTemplate pubSub = worker.getBean(PubSubTemplate.class);
        pubSub.publish("crawl-requests", "{\"url\":\"https://myanimelist.net/anime/49827\",\"kind\":\"anime\","
                + "\"scheduledAt\":\"2025-01-01T00:00:00Z\",\"attempt\":1}").get(10, TimeUnit.SECONDS);
        pubSub.publish("crawl-requests", "{\"url\":\"https://myanimelist.net/anime/404404\",\"kind\":\"anime\","
                + "\"scheduledAt\":\"2025-01-01T00:00:00Z\",\"attempt\":3}").get(10, TimeUnit.SECONDS);

        // Anime 49827, its related anime 80 and the three reviews its main page shows (the mirror's reviews page).
        List<Item> items = pull(pubSub, "items-ingest", 5);

        assertThat(items).hasSize(5);
        assertThat(items).filteredOn(AnimeItem.class::isInstance).singleElement()
                .satisfies(anime -> assertThat(((AnimeItem) anime).title())
                        .isEqualTo("Kidou Senshi Gundam: Cucuruz Doan no Shima"));
        JdbcTemplate jdbc = TestPostgres.jdbc();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (jdbc.queryForObject("SELECT count(*) FROM crawl_dead_letter", Integer.class) == 0
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(jdbc.queryForObject("SELECT crawled_count FROM anime_schedule WHERE anime_id = 49827",
                Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForMap("SELECT url, attempts, reason FROM crawl_dead_letter"))
                .containsEntry("url", "https://myanimelist.net/anime/404404")
                .containsEntry("attempts", 3)
                .satisfies(row -> assertThat((String) row.get("reason")).contains("HTTP 404"));
    }

    @Test
    void aRequestWhoseItemsCannotBePublishedIsNackedAndCrawledAgainLater() throws Exception {
        PubSubTemplate pubSub = worker.getBean(PubSubTemplate.class);
        PubSubAdmin admin = worker.getBean(PubSubAdmin.class);
        admin.deleteSubscription("items-ingest");
        admin.deleteTopic("items");
        JdbcTemplate jdbc = TestPostgres.jdbc();
        try {
            pubSub.publish("crawl-requests", "{\"url\":\"https://myanimelist.net/anime/7\",\"kind\":\"anime\","
                    + "\"scheduledAt\":\"2025-01-01T00:00:00Z\",\"attempt\":1}").get(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (mirror.paths().stream().filter("/anime/7"::equals).count() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(mirror.paths()).as("delivered again after the nack").filteredOn("/anime/7"::equals)
                    .hasSizeGreaterThanOrEqualTo(2);
            assertThat(jdbc.queryForList("SELECT crawled_count FROM anime_schedule WHERE anime_id = 7", Integer.class))
                    .as("no crawled mark while the items are not durable").allMatch(count -> count == 0);
        } finally {
            admin.createTopic("items");
            admin.createSubscription("items-ingest", "items");
        }

        // Every item of the crawl (anime, its related anime, the three reviews), pulled so that no other test sees them.
        assertThat(pull(pubSub, "items-ingest", 5)).extracting(Item::url)
                .allMatch(url -> url.endsWith("/anime/7") || url.endsWith("/anime/7/_/reviews?p=1"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (jdbc.queryForObject("SELECT count(*) FROM anime_schedule WHERE anime_id = 7 AND crawled_count > 0",
                Integer.class) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(jdbc.queryForObject("SELECT crawled_count FROM anime_schedule WHERE anime_id = 7", Integer.class))
                .isGreaterThanOrEqualTo(1);
    }

    private static List<Item> pull(PubSubTemplate pubSub, String subscription, int expected) throws Exception {
        List<Item> received = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (received.size() < expected && System.nanoTime() < deadline) {
            for (AcknowledgeablePubsubMessage message : pubSub.pull(subscription, expected, true)) {
                received.add(ItemJson.read(message.getPubsubMessage().getData().toString(StandardCharsets.UTF_8)));
                message.ack().get(10, TimeUnit.SECONDS);
            }
        }
        return received;
    }
}
