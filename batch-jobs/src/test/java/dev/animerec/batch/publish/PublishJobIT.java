package dev.animerec.batch.publish;

import dev.animerec.published.RedisLayout;
import dev.animerec.testing.ConcurrentReaders;
import dev.animerec.userlist.UserList;
import dev.animerec.userlist.UserListCodec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.test.JobLauncherTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The publish job on the embedded Redis and PostgreSQL of the local profile. */
@SpringBatchTest
@SpringBootTest(classes = PublishJobIT.App.class)
@ActiveProfiles("local")
class PublishJobIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(PublishJobConfiguration.class)
    static class App {
    }

    static final Path HOME;
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        try {
            HOME = Files.createTempDirectory("publish-job-it");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("animerec.local.home", HOME::toString);
        registry.add("animerec.local.postgres-port", PublishJobIT::freePort);
        registry.add("animerec.local.redis-port", PublishJobIT::freePort);
        registry.add("animerec.publish.batch-size", () -> "3");
        registry.add("spring.batch.job.enabled", () -> "false");
        registry.add("spring.cloud.gcp.core.enabled", () -> "false");
        registry.add("spring.cloud.gcp.pubsub.enabled", () -> "false");
    }

    @Autowired
    JobLauncherTestUtils launcher;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    RedisVersionStore store;

    @BeforeAll
    static void data() throws Exception {
        PublishFixtures.processed(HOME);
        PublishFixtures.model(HOME, "m2", 6);
        PublishFixtures.model(HOME, "m1", 1);
    }

    @BeforeEach
    void emptyRedis() {
        redis.execute((org.springframework.data.redis.core.RedisCallback<Object>) connection -> {
            connection.serverCommands().flushAll();
            return null;
        });
    }

    /** Wraps the execution: Spring Batch's test listener would take a method returning JobExecution for its own. */
    private record Run(JobExecution execution) {
        BatchStatus status() {
            return execution.getStatus();
        }
    }

    private Run publish(String model) throws Exception {
        return publish(model, "");
    }

    private Run publish(String model, String processed) throws Exception {
        return new Run(launcher.launchJob(new JobParametersBuilder().addString("modelVersion", model)
                .addString("processedVersion", processed).addString("requestedAt", Instant.now().toString() + System.nanoTime())
                .toJobParameters()));
    }

    private String current() {
        return redis.opsForValue().get(RedisLayout.CURRENT);
    }

    private String hget(String version, String table, String field) {
        return (String) redis.opsForHash().get(RedisLayout.key(version, table), field);
    }

    @Test
    void publishesEveryTableUnderANewVersionAndPointsCurrentAtIt() throws Exception {
        JobExecution execution = publish("m1").execution();

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        String version = current();
        assertThat(version).startsWith("m1.");
        assertThat(store.manifest(version)).containsEntry("cards", "12").containsEntry("lists", "3")
                .containsEntry("recs", "2").containsEntry("similar", "12").containsEntry("serving", "2")
                .containsEntry("model_version", "m1").containsEntry("processed_version", "p1")
                .containsKey("published_at");

        JsonNode card = JSON.readTree(hget(version, RedisLayout.CARDS, "12"));
        assertThat(card.get("title").asText()).isEqualTo("Anime 12");
        assertThat(card.get("type").asText()).isEqualTo("TV");
        assertThat(card.get("genres").toString()).isEqualTo("[\"Action\",\"Drama\"]");
        assertThat(card.get("url").asText()).isEqualTo("https://myanimelist.net/anime/12");
        assertThat(card.get("prequels").toString()).isEqualTo("[1]");
        assertThat(card.get("inferred_prequels").toString()).as("a crawled prequel").isEqualTo("[]");
        JsonNode inferred = JSON.readTree(hget(version, RedisLayout.CARDS, "11"));
        assertThat(inferred.get("prequels").toString()).isEqualTo("[2]");
        assertThat(inferred.get("inferred_prequels").toString()).as("inferred from titles and air dates").isEqualTo("[2]");
        assertThat(card.get("members").asLong()).isEqualTo(12000);

        JsonNode bob = JSON.readTree(hget(version, RedisLayout.RECOMMENDATIONS, "bob"));
        assertThat(bob.get("username").asText()).isEqualTo("Bob");
        assertThat(bob.get("items")).hasSize(5);
        assertThat(bob.get("items").get(0).get("id").asInt()).isEqualTo(1);
        assertThat(bob.get("items").get(0).get("reasons").get(0).asText()).contains("because you watched");
        Path deadLetters = HOME.resolve("warehouse/dead-letter/publish/recommendations-" + version + ".jsonl");
        assertThat(Files.readAllLines(deadLetters)).hasSize(2).allMatch(line -> line.contains("anime 99 has no card"));

        UserList alice = UserListCodec.read(hget(version, RedisLayout.LISTS, "alice"));
        assertThat(alice.entries()).as("the held list, not the cleaned one").extracting(UserList.Entry::animeId)
                .containsExactly(1, 2, 3, 8);
        assertThat(alice.byAnime().get(2)).isEqualTo(new UserList.Entry(2, "completed", 7, 12,
                LocalDate.parse("2022-03-01"), Instant.parse("2022-03-01T10:00:00Z")));
        assertThat(alice.status(8)).isEqualTo("dropped");
        assertThat(alice.lastCompleted()).as("latest finish date").isEqualTo(2);
        assertThat(JSON.readTree(hget(version, RedisLayout.LISTS, "alice")).get("last_completed").asInt()).isEqualTo(2);
        UserList bobList = UserListCodec.read(hget(version, RedisLayout.LISTS, "bob"));
        assertThat(bobList.username()).isEqualTo("Bob");
        assertThat(bobList.lastCompleted()).as("no dates: highest scored").isEqualTo(5);
        assertThat(bobList.byAnime()).containsKey(9);
        assertThat(bobList.status(9)).as("on the list without a status").isNull();
        assertThat(UserListCodec.read(hget(version, RedisLayout.LISTS, "carol")).status(7))
                .as("a user the cleaning dropped whole is still published with the list").isEqualTo("watching");

        assertThat(JSON.readTree(hget(version, RedisLayout.SIMILAR, "3"))).hasSize(5);
        assertThat(redis.opsForHash().keys(RedisLayout.key(version, RedisLayout.SERVING)))
                .containsExactlyInAnyOrder("manifest.json", "item_factors.bin");
    }

    /**
     * Readers resolve the pointer once per request and then read only that version, as the serving app does.
     * While m2 and m1 are published again and again, every read must be complete and of one model.
     */
    @Test
    void readersHammeringDuringPublishesNeverSeeAMixedOrEmptyAnswer() throws Exception {
        assertThat(publish("m1").status()).isEqualTo(BatchStatus.COMPLETED);
        ConcurrentReaders readers = ConcurrentReaders.start(4, this::readOnce);
        List<String> published = new ArrayList<>();
        for (String model : List.of("m2", "m1", "m2", "m1")) {
            assertThat(publish(model).status()).isEqualTo(BatchStatus.COMPLETED);
            published.add(current());
        }
        ConcurrentReaders.Outcome outcome = readers.stop();

        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.reads()).isGreaterThan(100);
        assertThat(published).doesNotHaveDuplicates();
        // Within the grace period nothing was removed: every version a reader might still hold is readable.
        for (String version : published) {
            assertThat(hget(version, RedisLayout.RECOMMENDATIONS, "alice")).isNotNull();
        }
    }

    private String readOnce() {
        try {
            String version = current();
            String recommendations = hget(version, RedisLayout.RECOMMENDATIONS, "alice");
            String model = hget(version, RedisLayout.MANIFEST, "model_version");
            if (recommendations == null || model == null) {
                return "empty answer from " + version;
            }
            JsonNode items = JSON.readTree(recommendations).get("items");
            int first = model.equals("m1") ? 1 : 6;
            if (items.size() != 5) {
                return version + ": " + items.size() + " items";
            }
            for (int i = 0; i < items.size(); i++) {
                int id = items.get(i).get("id").asInt();
                if (id != first + i) {
                    return "mixed answer in " + version + ": item " + id + " for model " + model;
                }
                if (hget(version, RedisLayout.CARDS, Integer.toString(id)) == null) {
                    return "missing card " + id + " in " + version;
                }
            }
            String similar = hget(version, RedisLayout.SIMILAR, "4");
            if (similar == null || JSON.readTree(similar).get(0).get(0).asInt() != first) {
                return "similar list of another model in " + version + ": " + similar;
            }
            return null;
        } catch (Exception e) {
            return e.toString();
        }
    }

    @Test
    void retiredVersionsAreRemovedOnlyAfterTheGracePeriod() throws Exception {
        publish("m1");
        String first = current();
        publish("m2");
        String second = current();

        assertThat(store.removeExpired(Duration.ofMinutes(10), Duration.ofHours(24), Instant.now())).isEmpty();
        assertThat(hget(first, RedisLayout.CARDS, "1")).isNotNull();

        assertThat(store.removeExpired(Duration.ofMinutes(10), Duration.ofHours(24), Instant.now().plusSeconds(601)))
                .containsExactly(first);
        assertThat(redis.keys("animerec:v:" + first + ":*")).isEmpty();
        assertThat(hget(second, RedisLayout.CARDS, "1")).isNotNull();
        assertThat(current()).isEqualTo(second);
    }

    @Test
    void anIncompleteVersionIsRefusedAndThePointerStays() throws Exception {
        publish("m1");
        String published = current();
        store.startLoading("half");
        store.put("half", RedisLayout.CARDS, Map.of("1".getBytes(), "{}".getBytes()));

        assertThatThrownBy(() -> store.flip("half", Map.of(RedisLayout.CARDS, 12L)))
                .hasMessageContaining("incomplete");
        assertThat(current()).isEqualTo(published);
        assertThat(store.removeExpired(Duration.ofMinutes(10), Duration.ofHours(1), Instant.now().plusSeconds(3601)))
                .contains("half");
        assertThat(redis.keys("animerec:v:half:*")).isEmpty();
    }

    @Test
    void aProcessedVersionWithoutTheHeldListsFailsTheJobAndLeavesTheCurrentVersion() throws Exception {
        publish("m1");
        String published = current();

        JobExecution failed = publish("m1", "p0").execution();

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.getAllFailureExceptions().get(0)).hasMessageContaining("user_list.parquet")
                .hasMessageContaining("run ./anime-rec etl again");
        assertThat(current()).isEqualTo(published);
    }

    @Test
    void aMissingModelFailsTheJobAndLeavesTheCurrentVersion() throws Exception {
        publish("m1");
        String published = current();

        JobExecution failed = publish("no-such-model").execution();

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.getAllFailureExceptions().get(0)).hasMessageContaining("publish input missing");
        assertThat(current()).isEqualTo(published);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
