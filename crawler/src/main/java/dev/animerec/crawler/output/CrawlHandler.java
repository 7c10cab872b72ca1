package dev.animerec.crawler.output;

import dev.animerec.crawler.crawl.UrlCrawler;
import dev.animerec.crawler.http.FetchException;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.crawler.parse.Parsed;
import dev.animerec.items.Item;
import dev.animerec.schedule.MalUrl;
import dev.animerec.schedule.ScheduleRepository;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crawls one url end to end: items onto the ingestion queue first (durable), then the schedule (crawled;
 * inspected for every link seen). A url whose crawl fails (after the client's last attempt, or on a page
 * no parser can read) is recorded as failed with the reason, which also writes its dead letter. A url
 * crawled without an optional sub-page the source does not have emits its other items, is marked crawled,
 * and the missing sub-page is recorded ({@link MissingPages}).
 * <p>
 * A failure of the sink or of the schedule database is not the url's fault: it propagates, so the caller's
 * transaction rolls back and the queue message is delivered again.
 */
public final class CrawlHandler {

    private static final Logger log = LoggerFactory.getLogger(CrawlHandler.class);

    /**
     * What became of one url: its items when crawled, the reason when dead-lettered; {@code missingPages}
     * names the optional sub-pages a crawled url went without (null when none).
     */
    public record Outcome(String url, boolean crawled, List<Item> items, int links, String failure,
                          String missingPages) {
    }

    private final UrlCrawler crawler;
    private final ItemSink sink;
    private final ScheduleRepository schedule;

    private final MissingPages missingPages;

    public CrawlHandler(UrlCrawler crawler, ItemSink sink, ScheduleRepository schedule, MissingPages missingPages) {
        this.crawler = crawler;
        this.sink = sink;
        this.schedule = schedule;
        this.missingPages = missingPages;
    }

    /**
     * @param url an anime or profile url on MAL or on the configured MAL base; anything else is the
     *            caller's to reject ({@link UrlCrawler#entity} throws {@link IllegalArgumentException})
     * @param attempt how many times this url has been handed out, 1 the first time
     */
    public Outcome handle(String url, int attempt) throws InterruptedException {
        MalUrl entity = crawler.entity(url);
        Parsed parsed;
        try {
            parsed = crawler.crawl(url);
        } catch (FetchException | ParseException e) {
            int attempts = e instanceof FetchException f ? Math.max(attempt, f.attempts()) : attempt;
            return deadLetter(entity, url, attempts, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            // A parser bug must not block the queue behind one url: it is dead-lettered like a bad page,
            // with the stack trace in the log for whoever fixes the parser.
            log.error("unexpected failure crawling {}", url, e);
            return deadLetter(entity, url, attempt, "unexpected " + e);
        }
        sink.publish(parsed.items());
        Instant now = Instant.now();
        schedule.markCrawled(entity, now);
        schedule.markInspected(parsed.links(), now);
        String missing = null;
        if (!parsed.missing().isEmpty()) {
            missing = missingPages.record(entity, attempt, parsed.missing());
            log.info("crawled {} without {}", url, missing);
        }
        return new Outcome(url, true, parsed.items(), parsed.links().size(), null, missing);
    }

    private Outcome deadLetter(MalUrl entity, String url, int attempts, String reason) {
        schedule.markFailed(entity, attempts, reason, Instant.now());
        log.warn("dead letter {}: {}", url, reason);
        return new Outcome(url, false, List.of(), 0, reason, null);
    }
}
