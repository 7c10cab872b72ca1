package dev.animerec.crawler.politeness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.animerec.crawler.CrawlerApplication;
import dev.animerec.crawler.MalMirror;
import dev.animerec.crawler.TestPostgres;
import dev.animerec.schedule.CrawlRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.integration.jdbc.store.channel.PostgresChannelMessageStoreQueryProvider;
import org.springframework.integration.store.MessageGroupQueue;
import org.springframework.integration.support.MessageBuilder;

/**
 * Four crawler workers as four separate JVMs ({@code crawler worker}, as four pods would run it), with the
 * default budgets, on one crawl queue and one budget table in a real PostgreSQL, crawl a local server that
 * replays recorded MAL pages for 60 s. The server's own request log is the judge: MAL's budget of 1 request
 * per second holds over every window, for the fleet as a whole, while every worker did crawl.
 */
class CrawlerFleetBudgetIT {

    private static final int WORKERS = 4;
    private static final Duration MEASURED = Duration.ofSeconds(60);

    /** Worker homes and logs, kept under target/ for a look after a failure. */
    private final Path home = Path.of("target", "fleet-budget-it").toAbsolutePath();

    private MalMirror mirror;
    private final List<Process> workers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(home);
        TestPostgres.clean();
        TestPostgres.jdbc().update("DELETE FROM " + PostgresRequestBudgets.TABLE);
        mirror = new MalMirror();
    }

    @AfterEach
    void stop() throws Exception {
        for (Process worker : workers) {
            worker.destroy();
        }
        for (Process worker : workers) {
            if (!worker.waitFor(30, TimeUnit.SECONDS)) {
                worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        mirror.close();
    }

    @Test
    void fourWorkerProcessesTogetherNeverExceedMalsBudgetInAnyWindow() throws Exception {
        // Far more urls than 60 s can crawl at 1 request/s (an anime is five MAL pages), so the queue never
        // runs dry and every worker keeps asking for permits.
        JdbcChannelMessageStore store = new JdbcChannelMessageStore(TestPostgres.dataSource());
        store.setRegion(CrawlRequest.QUEUE);
        store.setChannelMessageStoreQueryProvider(new PostgresChannelMessageStoreQueryProvider());
        store.afterPropertiesSet();
        QueueChannel queue = new QueueChannel(new MessageGroupQueue(store, CrawlRequest.QUEUE));
        for (int id = 1; id <= 60; id++) {
            queue.send(MessageBuilder.withPayload("{\"url\":\"https://myanimelist.net/anime/" + id
                    + "\",\"kind\":\"anime\",\"scheduledAt\":\"2025-01-01T00:00:00Z\",\"attempt\":1}").build());
        }

        for (int i = 1; i <= WORKERS; i++) {
            workers.add(startWorker(i));
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (mirror.arrivals().isEmpty()) {
            assertThat(System.nanoTime()).as("a worker reached the server within 3 min").isLessThan(deadline);
            assertThat(workers).allMatch(Process::isAlive);
            Thread.sleep(200);
        }
        long first = mirror.arrivals().get(0).nanoTime();
        Thread.sleep(Duration.ofNanos(first + MEASURED.toNanos() - System.nanoTime()).toMillis());
        assertThat(workers).as("no worker died during the run").allMatch(Process::isAlive);

        List<MalMirror.Arrival> log = mirror.arrivals().stream()
                .filter(a -> a.nanoTime() - first < MEASURED.toNanos()).toList();
        ArrivalWindows windows = new ArrivalWindows(log.stream().map(MalMirror.Arrival::nanoTime).toList());
        System.out.printf("fleet budget: %d requests in %d s from %d workers, shortest gap %d ms%n", windows.size(),
                MEASURED.toSeconds(), log.stream().map(MalMirror.Arrival::userAgent).distinct().count(),
                windows.shortestGap().toMillis());
        assertThat(windows.maxInAnyWindow(Duration.ofSeconds(1))).as("most requests in any 1 s window")
                .isLessThanOrEqualTo(1);
        assertThat(windows.maxInAnyWindow(Duration.ofSeconds(10))).as("most requests in any 10 s window")
                .isLessThanOrEqualTo(10);
        // The fleet used its budget (one request 1.02 s after the previous completed), rather than passing by
        // idling; four JVMs starting on a shared 2-core machine are slow at first, hence the slack.
        assertThat(windows.size()).as("requests in %s", MEASURED).isGreaterThanOrEqualTo(40);
        for (int i = 1; i <= WORKERS; i++) {
            String agent = userAgent(i);
            assertThat(log).as("worker %d crawled", i).anyMatch(a -> agent.equals(a.userAgent()));
        }
    }

    private static String userAgent(int worker) {
        return "anime-rec-crawler/0.1 (fleet test worker " + worker + ")";
    }

    private Process startWorker(int i) throws Exception {
        // Failsafe puts the test classpath in a manifest jar; it names the real one in this property.
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", classpath, CrawlerApplication.class.getName(), "worker",
                "--spring.datasource.url=" + TestPostgres.jdbcUrl(),
                "--animerec.local.home=" + home.resolve("worker-" + i),
                "--animerec.crawler.worker.concurrency=2",
                "--animerec.crawler.worker.poll-interval=PT0.2S"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("worker-" + i + ".log").toFile());
        // Only the mirror and the worker's identity are set: the budgets are the defaults (MAL 1/s, 20 ms margin).
        builder.environment().put("MAL_BASE_URL", mirror.baseUrl());
        builder.environment().put("JIKAN_BASE_URL", mirror.baseUrl());
        builder.environment().put("CRAWLER_USER_AGENT", userAgent(i));
        builder.environment().remove("CRAWLER_MAL_PER_SECOND");
        builder.environment().remove("CRAWLER_BUDGET_MARGIN_MS");
        return builder.start();
    }
}
