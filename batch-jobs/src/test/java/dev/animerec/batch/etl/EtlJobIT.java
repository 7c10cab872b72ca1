package dev.animerec.batch.etl;

import static dev.animerec.batch.etl.Landing.anime;
import static dev.animerec.batch.etl.Landing.entry;
import static dev.animerec.batch.etl.Landing.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.animerec.batch.warehouse.Warehouse;
import dev.animerec.batch.warehouse.WarehouseConfiguration;
import dev.animerec.batch.warehouse.WarehousePaths;
import dev.animerec.items.Item;
import dev.animerec.items.ListStatus;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.test.JobLauncherTestUtils;
import org.springframework.batch.test.JobRepositoryTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The etl job end to end on a real PostgreSQL job repository and DuckDB: publish, gate, restart. */
@SpringBatchTest
@SpringBootTest(classes = EtlJobIT.App.class)
@ActiveProfiles("local")
class EtlJobIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({EtlJobConfiguration.class, WarehouseConfiguration.class})
    static class App {
    }

    static final Path HOME;

    static {
        try {
            HOME = Files.createTempDirectory("etl-job-it");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        registry.add("animerec.local.home", HOME::toString);
        registry.add("animerec.local.postgres-port", EtlJobIT::freePort);
        registry.add("animerec.local.redis-port", EtlJobIT::freePort);
        registry.add("spring.batch.job.enabled", () -> "false");
        registry.add("spring.cloud.gcp.core.enabled", () -> "false");
        registry.add("spring.cloud.gcp.pubsub.enabled", () -> "false");
    }

    @Autowired
    JobLauncherTestUtils launcher;
    @Autowired
    JobRepositoryTestUtils repositoryUtils;
    @Autowired
    WarehousePaths paths;
    @Autowired
    Warehouse warehouse;

    @BeforeEach
    void clean() throws IOException {
        repositoryUtils.removeJobExecutions();
        deleteRecursively(paths.landing());
        deleteRecursively(paths.processed());
    }

    private static List<Item> goodLanding() {
        List<Item> items = new ArrayList<>(List.of(anime(1, 12, "Finished Airing"), anime(2, 24, "Finished Airing"),
                user("alice"), user("bob")));
        items.add(entry("alice", 1, ListStatus.COMPLETED, 9, 12));
        items.add(entry("alice", 2, ListStatus.PLAN_TO_WATCH, 0, 0));
        items.add(entry("bob", 2, ListStatus.WATCHING, 0, 3));
        items.add(entry("bob", 99, ListStatus.COMPLETED, 7, 1));
        return items;
    }

    private static JobParameters version(String version) {
        return new JobParametersBuilder().addString("version", version).toJobParameters();
    }

    @Test
    void publishesAProcessedVersionAndPointsCurrentAtIt() throws Exception {
        Landing.write(paths, "good", goodLanding());
        JobExecution execution = launcher.launchJob(version("v1"));
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(warehouse.currentVersion()).contains("v1");
        for (String table : List.of("anime", "user", "user_anime", "user_list", "anime_anime", "user_user")) {
            assertThat(paths.processed().resolve("v1").resolve(table + ".parquet")).exists();
        }
        assertThat(warehouse.queryLong("SELECT COUNT(*) FROM read_parquet('"
                + paths.processed().resolve("v1/user_anime.parquet") + "')")).isEqualTo(3);
        // The held lists keep every crawled entry, the one the cleaning dropped (bob's unknown anime 99) too.
        assertThat(warehouse.queryLong("SELECT COUNT(*) FROM read_parquet('"
                + paths.processed().resolve("v1/user_list.parquet") + "') WHERE anime_id = 99")).isEqualTo(1);
        assertThat(warehouse.queryLong("SELECT COUNT(*) FROM read_parquet('"
                + paths.processed().resolve("v1/user_list.parquet") + "')")).isEqualTo(4);
        StepExecution filter = steps(execution).get("etl-filter");
        assertThat(filter.getExecutionContext().getLong("user_anime.unknown_anime_or_user")).isEqualTo(1);
    }

    @Test
    void aFailedCheckFailsTheJobAndLeavesProcessedUntouched() throws Exception {
        Landing.write(paths, "good", goodLanding());
        assertThat(launcher.launchJob(version("v1")).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        byte[] before = Files.readAllBytes(paths.processed().resolve("v1/user_anime.parquet"));

        // Every list entry of the new landing data is filtered out: the "not empty" gate must stop it.
        deleteRecursively(paths.landing());
        Landing.write(paths, "bad", List.of(anime(1, 12, "Finished Airing"), user("alice"),
                entry("alice", 1, ListStatus.DROPPED, 0, 0)));
        JobExecution failed = launcher.launchJob(version("v2"));

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(steps(failed).get("etl-validate").getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.getAllFailureExceptions().get(0)).hasMessageContaining("user_anime_not_empty");
        assertThat(warehouse.currentVersion()).contains("v1");
        assertThat(paths.processed().resolve("v2")).doesNotExist();
        assertThat(Files.readAllBytes(paths.processed().resolve("v1/user_anime.parquet"))).isEqualTo(before);
    }

    @Test
    void aRestartedJobResumesAtTheFailedStepAndMatchesAnUninterruptedRun() throws Exception {
        Landing.write(paths, "good", goodLanding());
        assertThat(launcher.launchJob(version("reference")).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, Object> reference = snapshot("reference");

        // Block the publish step: a plain file where the version directory's parent must be.
        Path processed = paths.processed();
        deleteRecursively(processed);
        Files.createDirectories(processed.getParent());
        Files.writeString(processed, "not a directory");
        JobExecution first = launcher.launchJob(version("restarted"));
        assertThat(first.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(steps(first).get("etl-publish").getStatus()).isEqualTo(BatchStatus.FAILED);

        Files.delete(processed);
        JobExecution second = launcher.launchJob(version("restarted"));
        assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(second.getJobInstance().getId()).isEqualTo(first.getJobInstance().getId());
        assertThat(second.getStepExecutions()).extracting(StepExecution::getStepName).containsExactly("etl-publish");
        assertThat(snapshot("restarted")).isEqualTo(reference);
    }

    private Map<String, Object> snapshot(String version) {
        Map<String, Object> tables = new java.util.TreeMap<>();
        for (String table : List.of("anime", "user", "user_anime", "user_list", "anime_anime", "user_user")) {
            tables.put(table, warehouse.query("SELECT CAST(to_json(t) AS VARCHAR) AS row FROM read_parquet('"
                    + paths.processed().resolve(version).resolve(table + ".parquet") + "') AS t ORDER BY ALL", 1000));
        }
        return tables;
    }

    /** Steps by name (a helper returning a bare StepExecution would be taken by @SpringBatchTest as a factory). */
    private static Map<String, StepExecution> steps(JobExecution execution) {
        Map<String, StepExecution> steps = new java.util.HashMap<>();
        execution.getStepExecutions().forEach(s -> steps.put(s.getStepName(), s));
        return steps;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        if (Files.isRegularFile(path)) {
            Files.delete(path);
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path each : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }
}
