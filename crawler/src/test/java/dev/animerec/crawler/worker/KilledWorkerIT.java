package dev.animerec.crawler.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.animerec.crawler.CrawlerApplication;
import dev.animerec.crawler.MalMirror;
import dev.animerec.crawler.TestPostgres;
import dev.animerec.crawler.TestSettings;
import dev.animerec.items.AnimeItem;
import dev.animerec.items.Item;
import dev.animerec.items.ItemJson;
import dev.animerec.schedule.CrawlRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.integration.jdbc.store.channel.PostgresChannelMessageStoreQueryProvider;
import org.springframework.integration.store.MessageGroupQueue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.support.MessageBuilder;

/**
 * A real kill: the crawler worker runs as its own JVM ({@code crawler worker}, the production entry point),
 * is sent SIGKILL while one url's fetch is in flight and the others are done, and is started again. No
 * shutdown hook, no context close: what survives is what PostgreSQL and the spool directory kept. Counted
 * afterwards: every queued url crawled exactly once in the schedule, one spool file per url, each url's
 * anime item spooled exactly once and every url's item set whole, no dead letter, no partial spool file.
 */
class KilledWorkerIT {

    private static final List<Integer> ANIME = List.of(49827, 2, 3, 4, 5);
    private static final int HANGING = 2;

    @TempDir
    Path home;

    private MalMirror mirror;
    private JdbcTemplate jdbc;
    private QueueChannel producer;
    private Process worker;

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
    void stop() throws Exception {
        if (worker != null) {
            worker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        mirror.release();
        mirror.close();
    }

    @Test
    void aWorkerKilledWithSigkillMidBatchLosesNoUrlAndLandsNoItemTwice() throws Exception {
        mirror.hang(HANGING);
        for (int id : ANIME) {
            producer.send(MessageBuilder.withPayload("{\"url\":\"https://myanimelist.net/anime/" + id
                    + "\",\"kind\":\"anime\",\"scheduledAt\":\"2025-01-01T00:00:00Z\",\"attempt\":1}").build());
        }

        worker = startWorker("first");
        assertThat(mirror.awaitHang(120)).as("the fetch of anime " + HANGING + " reached the mirror").isTrue();
        await("the other pollers crawled the other urls",
                () -> ANIME.stream().filter(id -> id != HANGING).allMatch(id -> crawledCount(id) == 1));

        kill(worker);
        worker = null;

        // PostgreSQL rolls back the dead worker's open transaction once it sees the connection gone.
        await("the killed worker's url is back on the queue", () -> queued() == 1);
        assertThat(crawledCount(HANGING)).isZero();

        mirror.release();
        worker = startWorker("second");
        await("the queue is empty", () -> queued() == 0 && crawledCount(HANGING) == 1);

        for (int id : ANIME) {
            assertThat(crawledCount(id)).as("anime " + id + " crawled exactly once").isEqualTo(1);
        }
        List<Path> files = spoolFiles();
        assertThat(files).as("one spool file per url").hasSize(ANIME.size());
        // The mirror answers every anime id with 49827's pages, so the items' contents (and uids, when two urls
        // are crawled in the same second) coincide; the page url each item was read from names its url.
        List<String> animeItemUrls = new ArrayList<>();
        int itemsPerFile = -1;
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            assertThat(itemsPerFile == -1 || itemsPerFile == lines.size()).as("every url yielded a whole item set")
                    .isTrue();
            itemsPerFile = lines.size();
            for (String line : lines) {
                Item item = ItemJson.read(line);
                if (item instanceof AnimeItem) {
                    animeItemUrls.add(item.url());
                }
            }
        }
        assertThat(animeItemUrls).as("each url's anime item landed exactly once").hasSize(ANIME.size())
                .doesNotHaveDuplicates();
        for (int id : ANIME) {
            assertThat(animeItemUrls).anyMatch(url -> url.endsWith("/anime/" + id));
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM crawl_dead_letter", Integer.class)).isZero();
        try (Stream<Path> left = Files.list(home.resolve("spool/inbox"))) {
            assertThat(left.filter(f -> !f.toString().endsWith(".jsonl"))).as("no partial spool file").isEmpty();
        }
    }

    private Process startWorker(String name) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), CrawlerApplication.class.getName(), "worker",
                "--spring.datasource.url=" + TestPostgres.jdbcUrl(),
                "--animerec.local.home=" + home,
                "--animerec.crawler.worker.concurrency=2",
                "--animerec.crawler.worker.poll-interval=PT0.1S"));
        TestSettings.properties(mirror.baseUrl()).forEach((key, value) -> command.add("--" + key + "=" + value));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("worker-" + name + ".log").toFile())
                .start();
    }

    /** SIGKILL, as the kernel's OOM killer or a node loss delivers it: no hook runs. */
    private static void kill(Process process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-KILL", String.valueOf(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("killed by signal 9").isEqualTo(128 + 9);
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

    private List<Path> spoolFiles() throws IOException {
        try (Stream<Path> files = Files.list(home.resolve("spool/inbox"))) {
            return files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList();
        }
    }

    private void await(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what + "; worker logs: "
                        + logs());
            }
            Thread.sleep(100);
        }
    }

    private String logs() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(home)) {
            for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                String text = Files.readString(log);
                all.append("\n--- ").append(log.getFileName()).append(" (tail)\n")
                        .append(text.substring(Math.max(0, text.length() - 3000)));
            }
        }
        return all.toString();
    }
}
