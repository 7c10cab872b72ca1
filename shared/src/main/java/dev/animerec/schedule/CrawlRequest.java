package dev.animerec.schedule;

import java.time.Instant;

/**
 * A message on the crawl queue: crawl this url. {@code attempt} starts at 1 and grows each time the
 * request is handed out again after a failure.
 */
public record CrawlRequest(String url, UrlKind kind, Instant scheduledAt, int attempt) {

    /** Spring Integration region and group of the local (JDBC) crawl queue; Pub/Sub topic on gcp. */
    public static final String QUEUE = "crawl-requests";
}
