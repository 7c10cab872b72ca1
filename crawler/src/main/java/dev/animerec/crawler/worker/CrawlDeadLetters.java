package dev.animerec.crawler.worker;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Dead letters for queue messages that name no schedulable url (malformed JSON, unknown kind, a url that
 * is not MAL's): they have no schedule row to mark failed, so only {@code crawl_dead_letter} keeps them.
 * Urls that fail to crawl go through {@code ScheduleRepository.markFailed} instead.
 */
final class CrawlDeadLetters {

    /** A raw payload is kept whole up to this many characters; beyond that it is junk, not a url. */
    private static final int MAX_PAYLOAD = 4000;

    private final JdbcTemplate jdbc;

    CrawlDeadLetters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void record(String urlOrPayload, String kind, int attempts, String reason) {
        String kept = urlOrPayload.length() > MAX_PAYLOAD ? urlOrPayload.substring(0, MAX_PAYLOAD) : urlOrPayload;
        jdbc.update("INSERT INTO crawl_dead_letter (url, kind, attempts, reason, failed_at) VALUES (?, ?, ?, ?, ?)",
                kept, kind, attempts, reason, Timestamp.from(Instant.now()));
    }
}
