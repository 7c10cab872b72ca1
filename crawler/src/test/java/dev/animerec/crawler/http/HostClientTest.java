package dev.animerec.crawler.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.animerec.crawler.Fixtures;
import dev.animerec.crawler.politeness.HostBudget;
import dev.animerec.crawler.politeness.InProcessRequestBudgets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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

    private HostClient client(HostBudget budget, RetryPolicy retry, boolean robots, Duration timeout) {
        return client(budget, retry, robots, Duration.ofHours(24), timeout);
    }

    private HostClient client(HostBudget budget, RetryPolicy retry, boolean robots, Duration robotsTtl,
                              Duration timeout) {
        String base = server.url("/").toString().replaceAll("/$", "");
        return new HostClient(new HostClient.Settings("test", base, budget, retry, robots, robotsTtl,
                "anime-rec-crawler/0.1 (+test)", timeout, Map.of("X-MAL-CLIENT-ID", "abc")),
                new InProcessRequestBudgets());
    }

    private static HostBudget perSecond(int permits) {
        return new HostBudget("test", List.of(new HostBudget.Limit(permits, Duration.ofSeconds(1))), Duration.ZERO);
    }

    private static RetryPolicy fastRetry(int attempts) {
        return new RetryPolicy(attempts, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    @Test
    void tooManyRequestsHonoursRetryAfter() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "1"));
        server.enqueue(new MockResponse().setBody(Fixtures.read("jikan/anime-success.json")));
        HostClient client = client(perSecond(100),
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
        HostClient client = client(perSecond(100),
                fastRetry(3), false, Duration.ofSeconds(5));
        assertThat(client.get(server.url("/x").toString())).isEqualTo("ok");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void lastAttemptFailureIsReportedWithStatusAndAttempts() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse().setResponseCode(500));
        }
        HostClient client = client(perSecond(100),
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
        HostClient client = client(perSecond(100),
                fastRetry(2), false, Duration.ofMillis(300));
        assertThat(client.get(server.url("/x").toString())).isEqualTo("fast");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void notFoundIsNotRetried() {
        server.enqueue(new MockResponse().setResponseCode(404).setBody(Fixtures.read("jikan/anime-failure.json")));
        HostClient client = client(perSecond(100),
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
        HostClient client = client(perSecond(100),
                fastRetry(1), true, Duration.ofSeconds(5));
        assertThat(client.get(server.url("/anime/49827").toString())).contains("Cucuruz Doan");
        assertThatThrownBy(() -> client.get(server.url("/login.php?from=x").toString()))
                .isInstanceOf(FetchException.class).hasMessageContaining("robots.txt");
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(server.takeRequest().getPath()).isEqualTo("/robots.txt");
        assertThat(server.takeRequest().getHeader("User-Agent")).startsWith("anime-rec-crawler");
    }

    @Test
    void crawlDelayOfRobotsTxtSpacesRequestsBeyondTheBudget() throws Exception {
        List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getPath().equals("/robots.txt")) {
                    return new MockResponse().setBody("User-agent: anime-rec-crawler\nCrawl-delay: 0.5\n"
                            + "Disallow: /private\n\nUser-agent: *\nDisallow: /\n");
                }
                arrivals.add(System.nanoTime());
                return new MockResponse().setBody("ok");
            }
        });
        // The budget alone would allow 100/s; the Crawl-delay of our own group asks for 500 ms.
        HostClient client = client(perSecond(100), fastRetry(1), true, Duration.ofSeconds(5));
        for (int i = 0; i < 4; i++) {
            assertThat(client.get(server.url("/anime/" + i).toString())).isEqualTo("ok");
        }
        assertThatThrownBy(() -> client.get(server.url("/private/x").toString()))
                .isInstanceOf(FetchException.class).hasMessageContaining("robots.txt");
        for (int i = 1; i < arrivals.size(); i++) {
            assertThat(Duration.ofNanos(arrivals.get(i) - arrivals.get(i - 1)))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(495));
        }
        assertThat(arrivals).hasSize(4);
        assertThat(server.getRequestCount()).isEqualTo(5);
    }

    @Test
    void robotsTxtIsReadAgainOnceItsTtlHasPassed() throws Exception {
        List<String> robots = new ArrayList<>(List.of("User-agent: *\nDisallow: /b\n", "User-agent: *\nDisallow: /a\n"));
        server.setDispatcher(new Dispatcher() {
            @Override
            public synchronized MockResponse dispatch(RecordedRequest request) {
                if (request.getPath().equals("/robots.txt")) {
                    return new MockResponse().setBody(robots.size() > 1 ? robots.remove(0) : robots.get(0));
                }
                return new MockResponse().setBody("ok");
            }
        });
        HostClient client = client(perSecond(100), fastRetry(1), true, Duration.ofMillis(300), Duration.ofSeconds(5));
        assertThat(client.get(server.url("/a").toString())).isEqualTo("ok");
        assertThat(client.get(server.url("/a").toString())).isEqualTo("ok");
        Thread.sleep(400);
        assertThatThrownBy(() -> client.get(server.url("/a").toString()))
                .isInstanceOf(FetchException.class).hasMessageContaining("robots.txt");
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < server.getRequestCount(); i++) {
            paths.add(server.takeRequest().getPath());
        }
        assertThat(paths).containsExactly("/robots.txt", "/a", "/a", "/robots.txt");
    }

    @Test
    void aMissingRobotsTxtAllowsEverythingAndAFailingOneBlocksTheHost() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(503));
        server.enqueue(new MockResponse().setResponseCode(404));
        server.enqueue(new MockResponse().setBody("ok"));
        HostClient client = client(perSecond(100), fastRetry(1), true, Duration.ofSeconds(5));
        assertThatThrownBy(() -> client.get(server.url("/anime/1").toString()))
                .isInstanceOf(FetchException.class).hasMessageContaining("cannot read");
        assertThat(client.get(server.url("/anime/1").toString())).isEqualTo("ok");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }
}
