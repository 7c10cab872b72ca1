package dev.animerec.crawler.http;

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
 * from the host's {@link RateLimiter}; 429, 5xx, timeouts and connection errors are retried with
 * {@link RetryPolicy} honouring Retry-After; other 4xx fail at once; with {@code robots} on, urls the host's
 * robots.txt disallows for our User-Agent are never requested.
 */
public final class HostClient {

    private static final Logger log = LoggerFactory.getLogger(HostClient.class);

    /** How one host is to be treated. Headers carry e.g. MAL API's {@code X-MAL-CLIENT-ID}. */
    public record Settings(String name, String baseUrl, RateLimiter limiter, RetryPolicy retry, boolean robots,
                           String userAgent, Duration timeout, Map<String, String> headers) {
    }

    private final Settings settings;
    private final HttpClient http;
    private final AtomicLong requests = new AtomicLong();
    private volatile RobotsRules robots;

    public HostClient(Settings settings) {
        this.settings = settings;
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
            RobotsRules rules = robots();
            if (rules == null) {
                throw new FetchException("cannot read " + settings.baseUrl() + "/robots.txt", 0, 1, null);
            }
            if (!rules.allows(pathAndQuery(uri))) {
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
        RateLimiter.Ticket ticket = settings.limiter().acquire();
        try {
            requests.incrementAndGet();
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.timeout()).GET()
                    .header("User-Agent", settings.userAgent());
            settings.headers().forEach(request::header);
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } finally {
            settings.limiter().complete(ticket);
        }
    }

    private RobotsRules robots() throws InterruptedException {
        RobotsRules rules = robots;
        if (rules == null) {
            synchronized (this) {
                if (robots == null) {
                    robots = loadRobots();
                }
                rules = robots;
            }
        }
        return rules;
    }

    private RobotsRules loadRobots() throws InterruptedException {
        String url = settings.baseUrl() + "/robots.txt";
        try {
            HttpResponse<byte[]> response = send(URI.create(url));
            if (response.statusCode() == 200) {
                return RobotsRules.parse(new String(response.body(), StandardCharsets.UTF_8), settings.userAgent());
            }
            // No robots.txt (4xx) means no restriction, as the robots exclusion standard says.
            log.info("{} has no robots.txt (HTTP {}): no restriction", settings.name(), response.statusCode());
            return RobotsRules.ALLOW_ALL;
        } catch (IOException e) {
            log.warn("{}: cannot read {} ({}); will ask again on the next request", settings.name(), url, e.toString());
            return null;
        }
    }

    private static String pathAndQuery(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
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
