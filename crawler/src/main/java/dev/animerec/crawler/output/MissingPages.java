package dev.animerec.crawler.output;

import dev.animerec.crawler.parse.Parsed;
import dev.animerec.schedule.MalUrl;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Records the optional sub-pages a crawl went without, one {@code crawl_dead_letter} row each with kind
 * {@value #KIND}, the sub-page's url and why it was missing, so an operator sees which items a url lacks. The
 * url itself is marked crawled: its next crawl, at the schedule's normal cadence, fetches the sub-page again.
 */
public final class MissingPages {

    public static final String KIND = "missing-page";

    private final JdbcTemplate jdbc;

    public MissingPages(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the pages; returns them as one line for the outcome and the log. */
    String record(MalUrl entity, int attempt, List<Parsed.MissingPage> pages) {
        Timestamp now = Timestamp.from(Instant.now());
        for (Parsed.MissingPage page : pages) {
            jdbc.update("INSERT INTO crawl_dead_letter (url, kind, attempts, reason, failed_at) VALUES (?, ?, ?, ?, ?)",
                    page.url(), KIND, attempt, "sub-page of " + entity.url() + " missing (" + page.reason()
                            + "); the url's other items were emitted", now);
        }
        return pages.stream().map(p -> p.url() + " (" + p.reason() + ")").collect(Collectors.joining(", "));
    }
}
