package dev.animerec.batch.schedule;

import dev.animerec.schedule.CrawlRequestJson;
import dev.animerec.schedule.CrawlRequest;
import org.springframework.batch.item.Chunk;
import org.springframework.batch.item.ItemWriter;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.MessageBuilder;

/** Puts each crawl request on the crawl queue channel as its JSON string (no custom headers). */
public class CrawlRequestWriter implements ItemWriter<CrawlRequest> {

    private final MessageChannel crawlQueue;

    public CrawlRequestWriter(MessageChannel crawlQueue) {
        this.crawlQueue = crawlQueue;
    }

    @Override
    public void write(Chunk<? extends CrawlRequest> requests) {
        for (CrawlRequest request : requests) {
            if (!crawlQueue.send(MessageBuilder.withPayload(CrawlRequestJson.write(request)).build())) {
                throw new IllegalStateException("the crawl queue refused " + request.url());
            }
        }
    }
}
