package dev.animerec.crawler.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.animerec.crawler.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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

/** A local server replays the recorded fixtures and scripted failures; windows are shortened to keep it fast. */
class HostClientTest {

    private MockWebServer server;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    private HostClient client(RateLimiter limiter, RetryPolicy retry, boolean robots, Duration timeout) {
        String base = server.url("/").toString().replaceAll("/$", "");
        return new HostClient(new HostClient.Settings("test", base, limiter, retry, robots,
                "anime-rec-crawler/0.1 (+test)", timeout, Map.of("X-MAL-CLIENT-ID", "abc")));
    }

    private static RetryPolicy fastRetry(int attempts) {
        return new RetryPolicy(attempts, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    @Test
    void budgetIsNeverExceededInAnyWindowUnderConcurrency() throws Exception {
        List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
        String page = Fixtures.read("jikan/anime-success.json");
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                arrivals.add(System.nanoTime());
                return new MockResponse().setBody(page);
            }
        });
        // Jikan's shape (3/s and 60/min) scaled down: 3 per 150 ms and 6 per 600 ms.
        RateLimiter limiter = new RateLimiter(List.of(new RateLimiter.Budget(3, Duration.ofMillis(150)),
                new RateLimiter.Budget(6, Duration.ofMillis(600))));
        HostClient client = client(limiter, fastRetry(1), false, Duration.ofSeconds(5));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            results.add(pool.submit(() -> client.get(server.url("/v4/anime/457").toString())));
        }
        for (Future<String> result : results) {
            assertThat(result.get(20, TimeUnit.SECONDS)).contains("Mushishi");
        }
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(arrivals);
        Collections.sort(sorted);
        assertThat(sorted).hasSize(14);
        assertThat(maxInWindow(sorted, Duration.ofMillis(150))).isLessThanOrEqualTo(3);
        assertThat(maxInWindow(sorted, Duration.ofMillis(600))).isLessThanOrEqualTo(6);
    }

    private static int maxInWindow(List<Long> sorted, Duration window) {
        int max = 0;
        for (int i = 0; i < sorted.size(); i++) {
            int j = i;
            while (j < sorted.size() && sorted.get(j) - sorted.get(i) < window.toNanos()) {
                j++;
            }
            max = Math.max(max, j - i);
        }
        return max;
    }

    @Test
    void tooManyRequestsHonoursRetryAfter() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "1"));
        server.enqueue(new MockResponse().setBody(Fixtures.read("jikan/anime-success.json")));
        HostClient client = client(new RateLimiter(List.of(new RateLimiter.Budget(100, Duration.ofSeconds(1)))),
                fastRetry(3), false, Duration.ofSeconds(5));
        long start = System.nanoTime();
        assertThat(client.get(server.url("/v4/anime/457").toString())).contains("Mushishi");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(server.takeRequest().getHeader("X-MAL-CLIENT-ID")).isEqualTo("abc");
    }

    @Test
    void serverErrorsAreRetriedThenSucceed() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(500).setBody(Fixtures.read("jikan/reviews-anime-http500.json")));
        server.enqueue(new MockResponse().setResponseCode(503));
        server.enqueue(new MockResponse().setBody("ok"));
        HostClient client = client(new RateLimiter(List.of(new RateLimiter.Budget(100, Duration.ofSeconds(1)))),
                fastRetry(3), false, Duration.ofSeconds(5));
        assertThat(client.get(server.url("/x").toString())).isEqualTo("ok");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void lastAttemptFailureIsReportedWithStatusAndAttempts() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse().setResponseCode(500));
        }
        HostClient client = client(new RateLimiter(List.of(new RateLimiter.Budget(100, Duration.ofSeconds(1)))),
                fastRetry(3), false, Duration.ofSeconds(5));
        assertThatThrownBy(() -> client.get(server.url("/x").toString()))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.attempts()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("HTTP 500").contains("after 3 attempts");
                });
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void timeoutsAreRetried() throws Exception {
        server.enqueue(new MockResponse().setBody("slow").setHeadersDelay(1500, TimeUnit.MILLISECONDS));
        server.enqueue(new MockResponse().setBody("fast"));
        HostClient client = client(new RateLimiter(List.of(new RateLimiter.Budget(100, Duration.ofSeconds(1)))),
                fastRetry(2), false, Duration.ofMillis(300));
        assertThat(client.get(server.url("/x").toString())).isEqualTo("fast");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void notFoundIsNotRetried() {
        server.enqueue(new MockResponse().setResponseCode(404).setBody(Fixtures.read("jikan/anime-failure.json")));
        HostClient client = client(new RateLimiter(List.of(new RateLimiter.Budget(100, Duration.ofSeconds(1)))),
                fastRetry(5), false, Duration.ofSeconds(5));
        assertThatThrownBy(() -> client.get(server.url("/v4/anime/-1").toString()))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void robotsTxtDisallowedUrlsAreNeverRequested() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getPath().equals("/robots.txt")) {
                    return new MockResponse().setBody("User-agent: *\nDisallow: /login.php\nDisallow: /*/load.json$\n");
                }
                return new MockResponse().setBody(Fixtures.read("mal/anime_49827_details.html"));
            }
        });
        HostClient client = client(new RateLimiter(List.of(new RateLimiter.Budget(100, Duration.ofSeconds(1)))),
                fastRetry(1), true, Duration.ofSeconds(5));
        assertThat(client.get(server.url("/anime/49827").toString())).contains("Cucuruz Doan");
        assertThatThrownBy(() -> client.get(server.url("/login.php?from=x").toString()))
                .isInstanceOf(FetchException.class).hasMessageContaining("robots.txt");
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(server.takeRequest().getPath()).isEqualTo("/robots.txt");
        assertThat(server.takeRequest().getHeader("User-Agent")).startsWith("anime-rec-crawler");
    }
}
