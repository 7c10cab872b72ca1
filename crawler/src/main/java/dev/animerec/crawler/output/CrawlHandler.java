package dev.animerec.crawler.output;

import dev.animerec.crawler.crawl.UrlCrawler;
import dev.animerec.crawler.http.FetchException;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.crawler.parse.Parsed;
import dev.animerec.schedule.MalUrl;
import dev.animerec.schedule.ScheduleRepository;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crawls one url end to end: items onto the ingestion queue first (durable), then the schedule (crawled;
 * inspected for every link seen). A url that fails after its last attempt is recorded as failed with the
 * reason, which also writes its dead letter. Either way the caller may then ack the queue message.
 */
public final class CrawlHandler {

    private static final Logger log = LoggerFactory.getLogger(CrawlHandler.class);

    /** What became of one url. */
    public record Outcome(String url, boolean crawled, int items, int links, String failure) {
    }

    private final UrlCrawler crawler;
    private final ItemSink sink;
    private final ScheduleRepository schedule;

    public CrawlHandler(UrlCrawler crawler, ItemSink sink, ScheduleRepository schedule) {
        this.crawler = crawler;
        this.sink = sink;
        this.schedule = schedule;
    }

    public Outcome handle(String url, int attempt) throws InterruptedException {
        MalUrl entity;
        try {
            entity = crawler.entity(url);
        } catch (IllegalArgumentException e) {
            // Not a schedulable url: no schedule row to mark, the reason goes to the log and the caller.
            log.error("dead letter {}: {}", url, e.getMessage());
            return new Outcome(url, false, 0, 0, e.getMessage());
        }
        try {
            Parsed parsed = crawler.crawl(url);
            sink.publish(parsed.items());
            Instant now = Instant.now();
            schedule.markCrawled(entity, now);
            schedule.markInspected(parsed.links(), now);
            return new Outcome(url, true, parsed.items().size(), parsed.links().size(), null);
        } catch (FetchException | ParseException e) {
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            int attempts = e instanceof FetchException f ? Math.max(attempt, f.attempts()) : attempt;
            schedule.markFailed(entity, attempts, reason, Instant.now());
            log.warn("dead letter {}: {}", url, reason);
            return new Outcome(url, false, 0, 0, reason);
        }
    }
}
