package dev.animerec.batch.queue;

import dev.animerec.schedule.CrawlRequest;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the crawl requests go on Pub/Sub ({@code gcp} profile). {@code createMissing} lets a fresh project
 * or the emulator start without a provisioning step; production infrastructure may turn it off.
 */
@ConfigurationProperties("animerec.crawl-queue")
public record CrawlQueueProperties(String topic, String subscription, Boolean createMissing, Long publishTimeoutMs) {

    public CrawlQueueProperties {
        topic = topic != null ? topic : CrawlRequest.QUEUE;
        subscription = subscription != null ? subscription : CrawlRequest.QUEUE + "-workers";
        createMissing = createMissing != null ? createMissing : Boolean.TRUE;
        publishTimeoutMs = publishTimeoutMs != null ? publishTimeoutMs : 10_000L;
    }
}
