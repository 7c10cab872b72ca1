package dev.animerec.crawler.worker;

import dev.animerec.crawler.crawl.UrlCrawler;
import dev.animerec.crawler.output.CrawlHandler;
import dev.animerec.schedule.CrawlRequest;
import dev.animerec.schedule.MalUrl;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One crawl queue message, whatever the binding: read it, crawl its url (items durable, schedule marked) or
 * dead-letter it. Returning normally means the message may be acked; an exception (sink or database down,
 * worker stopping) means it must go back to the queue.
 */
final class CrawlRequestProcessor {

    private static final Logger log = LoggerFactory.getLogger(CrawlRequestProcessor.class);

    private final UrlCrawler crawler;
    private final CrawlHandler handler;
    private final CrawlDeadLetters deadLetters;
    private final long started = System.nanoTime();
    private final AtomicLong crawled = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong items = new AtomicLong();

    CrawlRequestProcessor(UrlCrawler crawler, CrawlHandler handler, CrawlDeadLetters deadLetters) {
        this.crawler = crawler;
        this.handler = handler;
        this.deadLetters = deadLetters;
    }

    void process(String payload) {
        CrawlRequest request;
        try {
            request = CrawlRequestJson.read(payload);
            MalUrl entity = crawler.entity(request.url());
            if (entity.kind() != request.kind()) {
                throw new IllegalArgumentException("crawl request kind " + request.kind().wireName()
                        + " does not match its url, a " + entity.kind().wireName() + " url");
            }
        } catch (IllegalArgumentException e) {
            rejectMalformed(payload, e.getMessage());
            return;
        }
        CrawlHandler.Outcome outcome;
        try {
            outcome = handler.handle(request.url(), request.attempt());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted crawling " + request.url() + "; it stays on the queue", e);
        }
        if (outcome.crawled()) {
            crawled.incrementAndGet();
            items.addAndGet(outcome.items().size());
        } else {
            failed.incrementAndGet();
        }
        logProgress(request.url(), outcome);
    }

    /** A message that names no crawlable url: dead-lettered as it came, so that it can be acked. */
    void rejectMalformed(String payload, String reason) {
        deadLetters.record(payload, "invalid", 1, "malformed crawl request: " + reason);
        log.warn("dead letter (malformed crawl request) {}: {}", payload, reason);
        failed.incrementAndGet();
    }

    private void logProgress(String url, CrawlHandler.Outcome outcome) {
        double minutes = Math.max((System.nanoTime() - started) / 60e9, 1e-9);
        log.info("{} {}: {} items, {} links | so far {} crawled, {} dead-lettered, {} items, {} urls/min",
                outcome.crawled() ? "crawled" : "dead-lettered", url, outcome.items().size(),
                outcome.links(), crawled.get(), failed.get(), items.get(),
                String.format("%.1f", (crawled.get() + failed.get()) / minutes));
    }
}
