package dev.animerec.batch.queue;

import dev.animerec.testing.PubSubEmulator;
import dev.animerec.testing.TestResources;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.spring.pubsub.PubSubAdmin;
import com.google.cloud.spring.pubsub.core.PubSubTemplate;
import com.google.cloud.spring.pubsub.support.AcknowledgeablePubsubMessage;
import dev.animerec.batch.BatchJobsApplication;
import dev.animerec.batch.TestDatabase;
import dev.animerec.batch.schedule.CrawlScheduleLauncher;
import dev.animerec.schedule.UrlKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The gcp binding for real: profile {@code gcp}, crawl requests published to the Pub/Sub emulator and pulled
 * back from subscription {@code crawl-requests-workers}. Skipped, loudly, where the emulator is not installed.
 */
class PubSubCrawlQueueIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static PubSubEmulator emulator;
    private static ConfigurableApplicationContext context;

    @BeforeAll
    static void startEmulatorAndApplication() throws Exception {
        emulator = PubSubEmulator.startOrSkip("PubSubCrawlQueueIT");
        context = new SpringApplicationBuilder(BatchJobsApplication.class)
                .web(WebApplicationType.NONE)
                .profiles("gcp")
                .properties(
                        "spring.datasource.url=" + TestDatabase.jdbcUrl(),
                        "spring.cloud.gcp.pubsub.emulator-host=" + emulator.hostPort(),
                        "spring.cloud.gcp.project-id=anime-rec-test",
                        "spring.data.redis.host=127.0.0.1",
                        "animerec.schedule.chunk-size=4")
                .run();
    }

    @AfterAll
    static void stop() throws Exception {
        TestResources.closeAll(context, emulator);
    }

    @BeforeEach
    void sixProfilesNeverScheduled() {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        TestDatabase.clean(jdbc);
        for (String user : List.of("Elizi", "Littoface", "reltats", "Xinil", "Kineta", "nekomata1037")) {
            jdbc.update("INSERT INTO profile_schedule (url, username) VALUES (?, ?)",
                    "https://myanimelist.net/profile/" + user, user);
        }
    }

    @Test
    void crawlRequestsArePublishedToTheTopicAndReachTheWorkersSubscription() throws Exception {
        CrawlScheduleLauncher.ScheduleRun run = context.getBean(CrawlScheduleLauncher.class).run(UrlKind.PROFILE, 5);

        assertThat(run.completed()).as(run.toString()).isTrue();
        assertThat(run.queued()).isEqualTo(5);
        List<JsonNode> received = pull(5);
        assertThat(received).hasSize(5);
        assertThat(received).allSatisfy(message -> {
            assertThat(message.get("kind").asText()).isEqualTo("profile");
            assertThat(message.get("url").asText()).startsWith("https://myanimelist.net/profile/");
            assertThat(message.get("attempt").asInt()).isEqualTo(1);
            assertThat(message.get("scheduledAt").asText()).endsWith("Z");
        });
        List<String> scheduled = context.getBean(JdbcTemplate.class).queryForList(
                "SELECT url FROM profile_schedule WHERE scheduled_count = 1", String.class);
        assertThat(received).extracting(message -> message.get("url").asText())
                .containsExactlyInAnyOrderElementsOf(scheduled);
    }

    @Test
    void aFailedPublishRollsTheScheduleMarksBack() {
        PubSubAdmin admin = context.getBean(PubSubAdmin.class);
        CrawlQueueProperties queue = context.getBean(CrawlQueueProperties.class);
        admin.deleteSubscription(queue.subscription());
        admin.deleteTopic(queue.topic());
        try {
            CrawlScheduleLauncher.ScheduleRun run = context.getBean(CrawlScheduleLauncher.class).run(UrlKind.PROFILE, 5);

            assertThat(run.status()).isEqualTo("FAILED");
            assertThat(context.getBean(JdbcTemplate.class).queryForObject(
                    "SELECT count(*) FROM profile_schedule WHERE scheduled_count > 0", Integer.class)).isZero();
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            admin.createTopic(queue.topic());
            admin.createSubscription(queue.subscription(), queue.topic());
        }
    }

    private static List<JsonNode> pull(int expected) throws Exception {
        PubSubTemplate pubSub = context.getBean(PubSubTemplate.class);
        String subscription = context.getBean(CrawlQueueProperties.class).subscription();
        List<JsonNode> received = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (received.size() < expected && System.nanoTime() < deadline) {
            for (AcknowledgeablePubsubMessage message : pubSub.pull(subscription, expected, true)) {
                received.add(MAPPER.readTree(message.getPubsubMessage().getData().toString(StandardCharsets.UTF_8)));
                message.ack().get(10, TimeUnit.SECONDS);
            }
        }
        return received;
    }
}
