package dev.animerec.ui.feedback;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.spring.pubsub.PubSubAdmin;
import com.google.cloud.spring.pubsub.core.PubSubTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Profile gcp: one JSON message per event on the click-stream topic, whose BigQuery subscription (table schema
 * {@code bigquery/clickstream_event.json}, see the README) writes each field into the column of the same name: the
 * columns of the local {@code clickstream_event} table without its serial id. A batch counts as written only when
 * Pub/Sub has acknowledged every message of it; a failed batch is retried whole, so BigQuery may see duplicates
 * (a BigQuery subscription is at-least-once anyway).
 */
@Component
@Profile("gcp")
class PubSubClickEventSink implements ClickEventSink {

    private static final Logger log = LoggerFactory.getLogger(PubSubClickEventSink.class);

    private final PubSubTemplate pubSub;
    private final ObjectMapper json;
    private final String topic;
    private final Duration timeout;

    PubSubClickEventSink(PubSubTemplate pubSub, PubSubAdmin admin, ObjectMapper json,
                         @Value("${animerec.clickstream.pubsub.topic}") String topic,
                         @Value("${animerec.clickstream.pubsub.create-missing}") boolean createMissing,
                         @Value("${animerec.clickstream.pubsub.publish-timeout}") Duration timeout) {
        this.pubSub = pubSub;
        this.json = json;
        this.topic = topic;
        this.timeout = timeout;
        if (createMissing && admin.getTopic(topic) == null) {
            admin.createTopic(topic);
            log.info("Created Pub/Sub topic {}", topic);
        }
    }

    @Override
    public void write(List<ClickEvent> batch) throws Exception {
        List<CompletableFuture<String>> sent = new ArrayList<>(batch.size());
        for (ClickEvent event : batch) {
            sent.add(pubSub.publish(topic, message(event)));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The BigQuery row: {@code occurred_at} as an RFC 3339 UTC timestamp, absent values as JSON null. */
    String message(ClickEvent event) {
        ObjectNode row = json.createObjectNode();
        row.put("occurred_at", event.occurredAt().toString());
        row.put("username", event.username());
        row.put("event_type", event.type().column());
        row.put("anime_id", event.animeId());
        row.put("context", event.context());
        return row.toString();
    }

    @Override
    public String describe() {
        return "Pub/Sub topic " + topic;
    }
}
