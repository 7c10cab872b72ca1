package dev.animerec.ui.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.spring.autoconfigure.core.GcpContextAutoConfiguration;
import com.google.cloud.spring.autoconfigure.pubsub.GcpPubSubAutoConfiguration;
import com.google.cloud.spring.autoconfigure.pubsub.GcpPubSubEmulatorAutoConfiguration;
import com.google.cloud.spring.pubsub.PubSubAdmin;
import com.google.cloud.spring.pubsub.core.PubSubTemplate;
import com.google.cloud.spring.pubsub.support.AcknowledgeablePubsubMessage;
import dev.animerec.testing.PubSubEmulator;
import dev.animerec.testing.TestResources;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The gcp click-stream path for real: profile {@code gcp}, {@link ClickStream} with the Pub/Sub sink against the
 * Pub/Sub emulator, events read back from a pull subscription on the topic. The messages must carry exactly the
 * columns of the BigQuery table schema ({@code bigquery/clickstream_event.json}, minus Pub/Sub's metadata columns),
 * which are the columns of the local {@code clickstream_event} table: one event shape both ways. Skipped, loudly,
 * where the emulator is not installed.
 */
class ClickStreamPubSubIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PUBSUB_METADATA = Set.of("subscription_name", "message_id", "publish_time",
            "attributes");

    private static PubSubEmulator emulator;
    private static ConfigurableApplicationContext context;

    @Configuration
    @ImportAutoConfiguration({GcpContextAutoConfiguration.class, GcpPubSubEmulatorAutoConfiguration.class,
            GcpPubSubAutoConfiguration.class,
            JacksonAutoConfiguration.class})
    @Import({PubSubClickEventSink.class, ClickStream.class})
    static class ClickStreamOnPubSub {
    }

    @BeforeAll
    static void start() throws Exception {
        emulator = PubSubEmulator.startOrSkip("ClickStreamPubSubIT");
        context = new SpringApplicationBuilder(ClickStreamOnPubSub.class)
                .web(WebApplicationType.NONE)
                .profiles("gcp")
                .run("--spring.cloud.gcp.pubsub.emulator-host=" + emulator.hostPort(),
                        "--spring.cloud.gcp.project-id=anime-rec-test",
                        "--animerec.clickstream.pubsub.topic=clickstream-test",
                        "--animerec.clickstream.pubsub.create-missing=true",
                        "--animerec.clickstream.pubsub.publish-timeout=PT20S");
    }

    @AfterAll
    static void stop() throws Exception {
        TestResources.closeAll(context, emulator);
    }

    @Test
    void eventsArriveOnTheTopicAsRowsOfTheBigQueryAndPostgresSchema() throws Exception {
        context.getBean(PubSubAdmin.class).createSubscription("clickstream-test-reader", "clickstream-test");
        ClickStream clicks = context.getBean(ClickStream.class);
        Instant at = Instant.parse("2026-11-26T17:00:00.123Z");
        clicks.offer(new ClickEvent(at, "Alice_\"quoted\"", EventType.IMPRESSION, 5114, "because_you_watched"));
        clicks.offer(new ClickEvent(at, null, EventType.PAGE_VIEW, null, "api"));
        clicks.put(new ClickEvent(at, "alice", EventType.NOT_INTERESTED, 21, "ui"));
        clicks.flush();
        assertThat(clicks.written()).isEqualTo(3);
        assertThat(clicks.dropped()).isZero();

        List<JsonNode> rows = pull(context.getBean(PubSubTemplate.class), "clickstream-test-reader", 3);

        assertThat(rows).hasSize(3);
        Set<String> columns = bigQueryColumns();
        assertThat(columns).isEqualTo(postgresColumns());
        rows.forEach(row -> assertThat(fieldNames(row)).isEqualTo(columns));
        JsonNode impression = rows.stream().filter(row -> row.get("event_type").asText().equals("impression"))
                .findFirst().orElseThrow();
        assertThat(impression.get("occurred_at").asText()).isEqualTo("2026-11-26T17:00:00.123Z");
        assertThat(impression.get("username").asText()).isEqualTo("Alice_\"quoted\"");
        assertThat(impression.get("anime_id").asInt()).isEqualTo(5114);
        assertThat(impression.get("context").asText()).isEqualTo("because_you_watched");
        JsonNode pageView = rows.stream().filter(row -> row.get("event_type").asText().equals("page_view"))
                .findFirst().orElseThrow();
        assertThat(pageView.get("username").isNull()).isTrue();
        assertThat(pageView.get("anime_id").isNull()).isTrue();
        assertThat(rows).anySatisfy(row -> {
            assertThat(row.get("event_type").asText()).isEqualTo("not_interested");
            assertThat(row.get("anime_id").asInt()).isEqualTo(21);
        });
    }

    private static List<JsonNode> pull(PubSubTemplate pubSub, String subscription, int expected) throws Exception {
        List<JsonNode> received = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (received.size() < expected && System.nanoTime() < deadline) {
            for (AcknowledgeablePubsubMessage message : pubSub.pull(subscription, expected, true)) {
                received.add(JSON.readTree(message.getPubsubMessage().getData().toString(StandardCharsets.UTF_8)));
                message.ack().get(10, TimeUnit.SECONDS);
            }
        }
        return received;
    }

    private static Set<String> fieldNames(JsonNode row) {
        Set<String> names = new LinkedHashSet<>();
        row.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The table schema the README's {@code bq mk} uses, without the columns Pub/Sub fills itself. */
    private static Set<String> bigQueryColumns() throws IOException {
        Set<String> names = new LinkedHashSet<>();
        try (InputStream schema = ClickStreamPubSubIT.class.getResourceAsStream("/bigquery/clickstream_event.json")) {
            for (JsonNode field : JSON.readTree(schema)) {
                if (!PUBSUB_METADATA.contains(field.get("name").asText())) {
                    names.add(field.get("name").asText());
                }
            }
        }
        return names;
    }

    /** The columns of {@code clickstream_event} in shared's migration, without the serial id. */
    private static Set<String> postgresColumns() throws IOException {
        String migration;
        try (InputStream sql = ClickStreamPubSubIT.class.getResourceAsStream("/db/migration/V4__clickstream.sql")) {
            migration = new String(sql.readAllBytes(), StandardCharsets.UTF_8);
        }
        String table = migration.substring(migration.indexOf("CREATE TABLE clickstream_event"),
                migration.indexOf(");", migration.indexOf("CREATE TABLE clickstream_event")));
        Set<String> names = new LinkedHashSet<>();
        Matcher column = Pattern.compile("(?m)^\\s{4}(\\w+)\\s+[A-Z]").matcher(table);
        while (column.find()) {
            if (!column.group(1).equals("id")) {
                names.add(column.group(1));
            }
        }
        return names;
    }
}
