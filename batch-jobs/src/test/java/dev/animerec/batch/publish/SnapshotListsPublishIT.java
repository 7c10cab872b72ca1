package dev.animerec.batch.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.animerec.batch.etl.EtlStages;
import dev.animerec.batch.importer.AnimeImporter;
import dev.animerec.batch.importer.InteractionsImporter;
import dev.animerec.batch.warehouse.DuckDbWarehouse;
import dev.animerec.batch.warehouse.WarehousePaths;
import dev.animerec.items.ListStatus;
import dev.animerec.published.RedisLayout;
import dev.animerec.userlist.UserList;
import dev.animerec.userlist.UserListCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.test.JobLauncherTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The bundled snapshot through the real import, the real ETL and the publish job: every user's published list is
 * their whole list as in the snapshot (303,441 entries, every status, anime the metadata lacks included), the seven
 * users the ETL's cleaning removes from the training table among them (issue 15).
 */
@SpringBatchTest
@SpringBootTest(classes = PublishJobIT.App.class)
@ActiveProfiles("local")
class SnapshotListsPublishIT {

    static final Path SNAPSHOT = Path.of("..", "data", "snapshot");
    static final List<String> CLEANED_AWAY = List.of("AAAbreu88", "Anime_Sucks", "Heidi83", "adam_the_weeb",
            "amyinredmoon", "angel_asmaria", "anthi-light");
    static final Path HOME;

    static {
        try {
            HOME = Files.createTempDirectory("snapshot-lists-publish-it");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("animerec.local.home", HOME::toString);
        registry.add("animerec.local.postgres-port", PublishJobIT::freePort);
        registry.add("animerec.local.redis-port", PublishJobIT::freePort);
        registry.add("spring.batch.job.enabled", () -> "false");
        registry.add("spring.cloud.gcp.core.enabled", () -> "false");
        registry.add("spring.cloud.gcp.pubsub.enabled", () -> "false");
    }

    @Autowired
    JobLauncherTestUtils launcher;
    @Autowired
    StringRedisTemplate redis;

    @Test
    void everySnapshotUsersWholeListIsPublishedThoughTheEtlCleansSomeAway() throws Exception {
        WarehousePaths paths = WarehousePaths.under(HOME);
        java.util.Set<Integer> animeIds = new HashSet<>();
        new AnimeImporter(paths).importFile(SNAPSHOT.resolve("anime_info.csv.gz"), Instant.parse("2022-03-10T00:00:00Z"),
                animeIds);
        new InteractionsImporter(paths).importFile(SNAPSHOT.resolve("animelist_2023.csv.gz"),
                Instant.parse("2023-01-31T00:00:00Z"), animeIds, rows -> { });
        try (DuckDbWarehouse warehouse = new DuckDbWarehouse(paths)) {
            EtlStages stages = new EtlStages(warehouse);
            stages.staging();
            stages.merge();
            stages.filter();
            stages.validate();
            stages.publish("snapshot");
        }
        PublishFixtures.model(HOME, "m1", 1);

        JobExecution execution = launcher.launchJob(new JobParametersBuilder().addString("modelVersion", "m1")
                .addString("processedVersion", "snapshot").addString("requestedAt", Instant.now().toString())
                .toJobParameters());
        assertThat(execution.getStatus()).as(execution.getAllFailureExceptions().toString())
                .isEqualTo(BatchStatus.COMPLETED);
        String version = redis.opsForValue().get(RedisLayout.CURRENT);

        Map<String, Map<Integer, String>> raw = rawLists();
        assertThat(raw).hasSize(576);
        Map<Object, Object> lists = redis.opsForHash().entries(RedisLayout.key(version, RedisLayout.LISTS));
        assertThat(lists).hasSize(576);
        long entries = 0;
        for (Map.Entry<String, Map<Integer, String>> user : raw.entrySet()) {
            String json = (String) lists.get(user.getKey().toLowerCase(Locale.ROOT));
            assertThat(json).as(user.getKey()).isNotNull();
            UserList list = UserListCodec.read(json);
            assertThat(list.username()).isEqualTo(user.getKey());
            Map<Integer, String> published = new HashMap<>();
            list.entries().forEach(entry -> published.put(entry.animeId(), entry.status()));
            assertThat(published).as(user.getKey()).isEqualTo(user.getValue());
            entries += published.size();
        }
        assertThat(entries).isEqualTo(303_441);
        for (String user : CLEANED_AWAY) {
            assertThat(UserListCodec.read((String) lists.get(user.toLowerCase(Locale.ROOT))).entries())
                    .as(user).isNotEmpty();
        }
    }

    /** username -> anime id -> status, straight from the snapshot's CSV. */
    private static Map<String, Map<Integer, String>> rawLists() throws IOException {
        Map<String, Map<Integer, String>> lists = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(SNAPSHOT.resolve("animelist_2023.csv.gz"))), StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",");
                lists.computeIfAbsent(f[1], user -> new HashMap<>()).put(Integer.parseInt(f[2]),
                        ListStatus.fromMalCode(Integer.parseInt(f[4])).wireName());
            }
        }
        return lists;
    }
}
