package dev.animerec.crawler.http;

import dev.animerec.crawler.politeness.HostBudget;
import dev.animerec.crawler.politeness.HostPermits;
import dev.animerec.crawler.politeness.RequestBudgets;
import dev.animerec.crawler.politeness.RobotsTxt;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one polite client of one host: every request (retries and robots.txt included) first takes a permit
 * from the host's {@link HostBudget} in the {@link RequestBudgets} store, which every worker of the fleet
 * shares; 429, 5xx, timeouts and connection errors are retried with {@link RetryPolicy} honouring
 * Retry-After; other 4xx fail at once. With {@code robots} on, urls the host's robots.txt disallows for our
 * User-Agent are never requested, and its Crawl-delay widens the budget's spacing; the robots.txt is read
 * again once it is {@code robotsTtl} old.
 */
public final class HostClient {

    private static final Logger log = LoggerFactory.getLogger(HostClient.class);

    /** How one host is to be treated. Headers carry e.g. MAL API's {@code X-MAL-CLIENT-ID}. */
    public record Settings(String name, String baseUrl, HostBudget budget, RetryPolicy retry, boolean robots,
                           Duration robotsTtl, String userAgent, Duration timeout, Map<String, String> headers) {
    }

    /**
     * After a failed re-read of robots.txt the rules read before stay in force; the next re-read is tried
     * this much later, not on every request (each try costs a request of the budget).
     */
    private static final Duration ROBOTS_RETRY = Duration.ofMinutes(5);

    private final Settings settings;
    private final HostPermits permits;
    private final HttpClient http;
    private final AtomicLong requests = new AtomicLong();
    private RobotsTxt robots;
    private Instant nextRobotsRead = Instant.MIN;

    public HostClient(Settings settings, RequestBudgets budgets) {
        this.settings = settings;
        this.permits = new HostPermits(budgets, settings.budget());
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public Settings settings() {
        return settings;
    }

    /** Requests sent so far (each attempt counts), for progress logs and tests. */
    public long requestCount() {
        return requests.get();
    }

    public boolean serves(String url) {
        return url.startsWith(settings.baseUrl());
    }

    public String get(String url) throws FetchException, InterruptedException {
        URI uri = URI.create(url);
        if (settings.robots()) {
            RobotsTxt rules = robots();
            if (rules == null) {
                throw new FetchException("cannot read " + settings.baseUrl() + "/robots.txt", 0, 1, null);
            }
            if (!rules.allows(url)) {
                throw new FetchException("disallowed by " + settings.baseUrl() + "/robots.txt: " + url, 0, 0, null);
            }
        }
        RetryPolicy retry = settings.retry();
        String lastFailure = null;
        int lastStatus = 0;
        Throwable lastCause = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            Duration retryAfter = null;
            try {
                HttpResponse<byte[]> response = send(uri);
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return new String(response.body(), StandardCharsets.UTF_8);
                }
                lastStatus = status;
                lastFailure = "HTTP " + status;
                if (status != 429 && status < 500) {
                    throw new FetchException("HTTP " + status + " for " + url, status, attempt, null);
                }
                retryAfter = response.headers().firstValue("Retry-After").map(HostClient::retryAfter).orElse(null);
            } catch (HttpTimeoutException e) {
                lastFailure = "timeout after " + settings.timeout().toMillis() + " ms";
                lastCause = e;
                lastStatus = 0;
            } catch (IOException e) {
                lastFailure = "I/O error: " + e;
                lastCause = e;
                lastStatus = 0;
            }
            if (attempt < retry.maxAttempts()) {
                Duration delay = retry.delay(attempt, retryAfter);
                log.warn("{} attempt {}/{} of {} failed ({}); retrying in {} ms", settings.name(), attempt,
                        retry.maxAttempts(), url, lastFailure, delay.toMillis());
                Thread.sleep(delay.toMillis());
            }
        }
        throw new FetchException(lastFailure + " for " + url + " after " + retry.maxAttempts() + " attempts",
                lastStatus, retry.maxAttempts(), lastCause);
    }

    private HttpResponse<byte[]> send(URI uri) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(settings.timeout()).GET()
                .header("User-Agent", settings.userAgent());
        settings.headers().forEach(builder::header);
        HttpRequest request = builder.build();
        try (HostPermits.Permit permit = permits.take(this::crawlDelay)) {
            requests.incrementAndGet();
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    /** The Crawl-delay of the robots.txt in force; none for hosts whose robots.txt is not read. */
    private synchronized Duration crawlDelay() {
        return robots == null ? Duration.ZERO : robots.crawlDelay();
    }

    /** The robots.txt in force, read (again) when missing or older than the TTL; null when never read. */
    private synchronized RobotsTxt robots() throws InterruptedException {
        Instant now = Instant.now();
        if ((robots == null || robots.olderThan(settings.robotsTtl(), now)) && !now.isBefore(nextRobotsRead)) {
            RobotsTxt read = readRobots(now);
            if (read != null) {
                robots = read;
            } else {
                nextRobotsRead = robots == null ? now : now.plus(ROBOTS_RETRY);
            }
        }
        return robots;
    }

    private RobotsTxt readRobots(Instant now) throws InterruptedException {
        String url = settings.baseUrl() + "/robots.txt";
        try {
            HttpResponse<byte[]> response = send(URI.create(url));
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                RobotsTxt read = RobotsTxt.parse(url, new String(response.body(), StandardCharsets.UTF_8),
                        settings.userAgent(), now);
                log.info("{}: read {} (Crawl-delay {} s, read again after {})", settings.name(), url,
                        read.crawlDelay().toMillis() / 1000.0, settings.robotsTtl());
                return read;
            }
            if (status >= 400 && status < 500 && status != 429) {
                log.info("{} has no robots.txt (HTTP {}): no restriction", settings.name(), status);
                return RobotsTxt.missing(status, now);
            }
            log.warn("{}: {} answered HTTP {}; {}", settings.name(), url, status, robots == null
                    ? "nothing is fetched from the host until it can be read" : "the rules read before stay in force");
            return null;
        } catch (IOException e) {
            log.warn("{}: cannot read {} ({}); {}", settings.name(), url, e.toString(), robots == null
                    ? "nothing is fetched from the host until it can be read" : "the rules read before stay in force");
            return null;
        }
    }

    /** Retry-After is delta-seconds or an HTTP date. */
    static Duration retryAfter(String value) {
        String v = value.trim();
        if (v.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            Duration d = Duration.between(Instant.now(),
                    ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return d.isNegative() ? Duration.ZERO : d;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
