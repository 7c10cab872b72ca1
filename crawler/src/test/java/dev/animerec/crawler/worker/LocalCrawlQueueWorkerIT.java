package dev.animerec.crawler.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.animerec.crawler.CrawlerSpringApplication;
import dev.animerec.crawler.MalMirror;
import dev.animerec.crawler.TestPostgres;
import dev.animerec.crawler.TestSettings;
import dev.animerec.schedule.CrawlRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.integration.jdbc.store.channel.PostgresChannelMessageStoreQueryProvider;
import org.springframework.integration.store.MessageGroupQueue;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The local queue worker for real: the Spring Boot application in worker mode, the crawl queue in a real
 * PostgreSQL written the way the scheduler writes it (JDBC channel message store, region and group
 * {@code crawl-requests}, JSON string payloads), a local MAL mirror replaying recorded pages.
 */
class LocalCrawlQueueWorkerIT {

    @TempDir
    Path home;

    private MalMirror mirror;
    private JdbcTemplate jdbc;
    private QueueChannel producer;
    private ConfigurableApplicationContext worker;

    @BeforeEach
    void start() throws Exception {
        TestPostgres.clean();
        jdbc = TestPostgres.jdbc();
        mirror = new MalMirror();
        JdbcChannelMessageStore store = new JdbcChannelMessageStore(TestPostgres.dataSource());
        store.setRegion(CrawlRequest.QUEUE);
        store.setChannelMessageStoreQueryProvider(new PostgresChannelMessageStoreQueryProvider());
        store.afterPropertiesSet();
        producer = new QueueChannel(new MessageGroupQueue(store, CrawlRequest.QUEUE));
    }

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.close();
        }
        mirror.close();
    }

    private ConfigurableApplicationContext startWorker() {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(CrawlerSpringApplication.class)
                .web(WebApplicationType.NONE)
                .properties("animerec.crawler.mode=worker",
                        "spring.datasource.url=" + TestPostgres.jdbcUrl(),
                        "animerec.local.home=" + home,
                        "animerec.crawler.worker.concurrency=2",
                        "animerec.crawler.worker.poll-interval=PT0.1S");
        TestSettings.properties(mirror.baseUrl()).forEach((key, value) -> builder.properties(key + "=" + value));
        return builder.run();
    }

    private void enqueue(String json) {
        producer.send(MessageBuilder.withPayload(json).build());
    }

    private static String request(String url, String kind) {
        return "{\"url\":\"" + url + "\",\"kind\":\"" + kind + "\",\"scheduledAt\":\"2025-01-01T00:00:00Z\",\"attempt\":1}";
    }

    private int queued() {
        return jdbc.queryForObject("SELECT count(*) FROM int_channel_message WHERE region = ?", Integer.class,
                CrawlRequest.QUEUE);
    }

    private int crawledCount(int animeId) {
        List<Integer> counts = jdbc.queryForList("SELECT crawled_count FROM anime_schedule WHERE anime_id = ?",
                Integer.class, animeId);
        return counts.isEmpty() ? 0 : counts.get(0);
    }

    private long spoolFiles() throws Exception {
        Path inbox = home.resolve("spool/inbox");
        if (!Files.isDirectory(inbox)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(inbox)) {
            return files.filter(f -> f.toString().endsWith(".jsonl")).count();
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }

    @Test
    void queuedUrlsAreCrawledAndBadOnesDeadLetteredUntilTheQueueIsEmpty() throws Exception {
        mirror.answer(404404, 404);
        enqueue(request("https://myanimelist.net/anime/49827", "anime"));
        enqueue(request("https://myanimelist.net/anime/404404", "anime"));
        enqueue("{\"url\": \"https://myanimelist.net/anime/1\", \"kind\": \"manga\", \"attempt\": 1}");
        enqueue("not json at all");
        producer.send(MessageBuilder.withPayload(42).build());

        worker = startWorker();
        await("the queue is empty", () -> queued() == 0);

        assertThat(crawledCount(49827)).isEqualTo(1);
        assertThat(spoolFiles()).isEqualTo(1);
        List<Map<String, Object>> dead = jdbc.queryForList("SELECT url, kind, reason FROM crawl_dead_letter ORDER BY id");
        assertThat(dead).hasSize(4);
        assertThat(dead).anySatisfy(row -> {
            assertThat(row.get("url")).isEqualTo("https://myanimelist.net/anime/404404");
            assertThat((String) row.get("reason")).contains("HTTP 404");
        });
        assertThat(dead).anySatisfy(row -> {
            assertThat((String) row.get("url")).contains("manga");
            assertThat((String) row.get("reason")).contains("malformed crawl request").contains("unknown url kind");
        });
        assertThat(dead).anySatisfy(row -> {
            assertThat(row.get("url")).isEqualTo("not json at all");
            assertThat(row.get("kind")).isEqualTo("invalid");
        });
        assertThat(dead).anySatisfy(row -> {
            assertThat(row.get("url")).isEqualTo("42");
            assertThat((String) row.get("reason")).contains("must be a JSON string");
        });
    }

    @Test
    void aWorkerKilledMidBatchLosesNothingOnRestart() throws Exception {
        mirror.hang(2);
        for (int id : List.of(49827, 2, 3, 4, 5)) {
            enqueue(request("https://myanimelist.net/anime/" + id, "anime"));
        }

        worker = startWorker();
        assertThat(mirror.awaitHang(60)).as("the fetch of anime 2 reached the mirror").isTrue();
        await("the other pollers crawled the other urls",
                () -> crawledCount(49827) == 1 && crawledCount(3) == 1 && crawledCount(4) == 1 && crawledCount(5) == 1);
        // Taken but not committed: the request of the hanging fetch is still in the store for everyone else.
        assertThat(queued()).isEqualTo(1);

        worker.close();
        worker = null;

        assertThat(queued()).as("the interrupted url went back to the queue").isEqualTo(1);
        assertThat(crawledCount(2)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM crawl_dead_letter", Integer.class)).isZero();

        mirror.release();
        worker = startWorker();
        await("the queue is empty", () -> queued() == 0);

        for (int id : List.of(49827, 2, 3, 4, 5)) {
            assertThat(crawledCount(id)).as("anime " + id + " crawled").isEqualTo(1);
        }
        assertThat(spoolFiles()).isEqualTo(5);
    }
}
