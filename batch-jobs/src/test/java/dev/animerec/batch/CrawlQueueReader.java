package dev.animerec.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.animerec.schedule.CrawlRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.integration.jdbc.store.channel.PostgresChannelMessageStoreQueryProvider;
import org.springframework.messaging.Message;

/** Drains the local crawl queue the way the crawler does (same store, region and group), as parsed JSON. */
public final class CrawlQueueReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CrawlQueueReader() {
    }

    public static List<JsonNode> drain() throws Exception {
        JdbcChannelMessageStore store = new JdbcChannelMessageStore(TestDatabase.dataSource());
        store.setRegion(CrawlRequest.QUEUE);
        store.setChannelMessageStoreQueryProvider(new PostgresChannelMessageStoreQueryProvider());
        store.afterPropertiesSet();
        List<JsonNode> messages = new ArrayList<>();
        Message<?> message;
        while ((message = store.pollMessageFromGroup(CrawlRequest.QUEUE)) != null) {
            if (!(message.getPayload() instanceof String json)) {
                throw new AssertionError("crawl queue payload must be a JSON string, was " + message.getPayload());
            }
            messages.add(MAPPER.readTree(json));
        }
        return messages;
    }
}
