package dev.animerec.crawler.politeness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.animerec.crawler.TestPostgres;
import dev.animerec.crawler.http.HostClient;
import dev.animerec.crawler.http.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The budget in a real PostgreSQL, taken by four independent clients (each its own Bucket4j proxy manager,
 * as four pods would have), two threads each, judged by the server's arrival log. Jikan's shape (3/s and
 * 60/min) is scaled down to 3 per 300 ms and 6 per 1.2 s so the test takes seconds.
 */
class PostgresRequestBudgetsIT {

    private final MockWebServer server = new MockWebServer();
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        TestPostgres.jdbc().update("DELETE FROM " + PostgresRequestBudgets.TABLE);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                arrivals.add(System.nanoTime());
                return new MockResponse().setBody("ok");
            }
        });
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    @Test
    void fourClientsTogetherStayWithinEveryWindowOfTheBudget() throws Exception {
        HostBudget budget = new HostBudget("jikan-scaled", List.of(new HostBudget.Limit(3, Duration.ofMillis(300)),
                new HostBudget.Limit(60, Duration.ofSeconds(6))), Duration.ofMillis(20));
        String base = server.url("/").toString().replaceAll("/$", "");
        List<HostClient> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clients.add(new HostClient(new HostClient.Settings("jikan", base, budget,
                    new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(1)), false,
                    Duration.ofHours(1), "anime-rec-crawler/0.1 (+test)", Duration.ofSeconds(5), Map.of()),
                    new PostgresRequestBudgets(TestPostgres.dataSource())));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            HostClient client = clients.get(i % 4);
            results.add(pool.submit(() -> client.get(base + "/v4/anime/1")));
        }
        for (Future<String> result : results) {
            assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo("ok");
        }
        pool.shutdown();

        ArrivalWindows log = new ArrivalWindows(arrivals);
        List<Long> sorted = new ArrayList<>(arrivals);
        Collections.sort(sorted);
        StringBuilder gaps = new StringBuilder("gaps (ms):");
        for (int i = 1; i < sorted.size(); i++) {
            gaps.append(' ').append((sorted.get(i) - sorted.get(i - 1)) / 1_000_000);
        }
        System.out.println(gaps);
        assertThat(log.size()).isEqualTo(40);
        assertThat(log.maxInAnyWindow(Duration.ofMillis(300))).isLessThanOrEqualTo(3);
        assertThat(log.maxInAnyWindow(Duration.ofSeconds(6))).isLessThanOrEqualTo(60);
        // One at a time, 100 ms (60 per 6 s) + the 20 ms margin after the previous completed: evenly, no bursts.
        assertThat(log.shortestGap()).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(TestPostgres.jdbc().queryForObject("SELECT count(*) FROM " + PostgresRequestBudgets.TABLE
                + " WHERE id = ?", Integer.class, "jikan-scaled")).isEqualTo(1);
    }

    @Test
    void aCrawlDelayLearntByOneClientSlowsEveryClient() throws Exception {
        HostBudget budget = new HostBudget("mal-scaled", List.of(new HostBudget.Limit(1, Duration.ofMillis(50))),
                Duration.ZERO);
        HostPermits first = new HostPermits(new PostgresRequestBudgets(TestPostgres.dataSource()), budget);
        HostPermits second = new HostPermits(new PostgresRequestBudgets(TestPostgres.dataSource()), budget);
        first.take(() -> Duration.ZERO).close();
        // The first client read a robots.txt with a 1 s Crawl-delay; the second has not read it yet.
        long start = System.nanoTime();
        first.take(() -> Duration.ofSeconds(1)).close();
        second.take(() -> Duration.ZERO).close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the stricter stored spacing holds")
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }
}
