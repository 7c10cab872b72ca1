package dev.animerec.crawler.output;

import com.google.cloud.spring.pubsub.core.PubSubTemplate;
import dev.animerec.items.Item;
import dev.animerec.items.ItemJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The ingestion queue on Google Cloud: one Pub/Sub message per item (the item's wire format), on the
 * {@code items} topic. Returns only when Pub/Sub has accepted every item, so a caller may ack after it.
 */
public final class PubSubItemSink implements ItemSink {

    private final PubSubTemplate pubSub;
    private final String topic;
    private final Duration timeout;

    public PubSubItemSink(PubSubTemplate pubSub, String topic, Duration timeout) {
        this.pubSub = pubSub;
        this.topic = topic;
        this.timeout = timeout;
    }

    @Override
    public void publish(List<Item> items) {
        List<CompletableFuture<String>> sent = new ArrayList<>(items.size());
        for (Item item : items) {
            sent.add(pubSub.publish(topic, ItemJson.write(item)));
        }
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish " + items.size() + " items to Pub/Sub topic " + topic
                    + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted publishing items to Pub/Sub topic " + topic, e);
        }
    }
}
