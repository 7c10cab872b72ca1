package dev.animerec.batch.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.animerec.batch.BatchJobsApplication;
import dev.animerec.batch.CrawlQueueReader;
import dev.animerec.batch.TestDatabase;
import dev.animerec.batch.jobs.JobExecutionView;
import dev.animerec.batch.jobs.JobExecutions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.JobParametersInvalidException;
import org.springframework.batch.core.Job;
import org.springframework.batch.test.JobLauncherTestUtils;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Job crawl-schedule end to end on a real PostgreSQL with the local (JDBC) crawl queue. */
@SpringBatchTest
@SpringBootTest(classes = BatchJobsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"animerec.schedule.chunk-size=10", "spring.data.redis.host=127.0.0.1"})
class CrawlScheduleJobIT {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestDatabase::jdbcUrl);
    }

    @Autowired
    private JobLauncherTestUtils jobLauncher;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private JobExecutions jobExecutions;
    @Autowired
    @Qualifier("crawlScheduleJob")
    private Job crawlScheduleJob;

    @BeforeEach
    void thirtyNeverScheduledAnime() {
        jobLauncher.setJob(crawlScheduleJob); // the context holds several jobs (crawl-schedule, etl)
        TestDatabase.clean(jdbc);
        jdbc.update("INSERT INTO anime_schedule (url, anime_id, last_inspected_date, inspected_count)"
                + " SELECT 'https://myanimelist.net/anime/' || i, i, now() - i * interval '1 hour', 1"
                + " FROM generate_series(1, 30) i");
    }

    @AfterEach
    void removeQueueFault() {
        jdbc.execute("DROP TRIGGER IF EXISTS crawl_queue_fault ON int_channel_message");
    }

    @Test
    void queuesOneJsonCrawlRequestPerPickedUrlInPriorityOrder() throws Exception {
        Instant before = Instant.now();
        JobExecution execution = jobLauncher.launchJob(parameters("anime", 25));

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        var step = execution.getStepExecutions().iterator().next();
        assertThat(step.getWriteCount()).isEqualTo(25);
        assertThat(step.getCommitCount()).isEqualTo(3);

        List<JsonNode> queued = CrawlQueueReader.drain();
        assertThat(queued).hasSize(25);
        // Most recently inspected first: anime 1 was inspected an hour ago, anime 30 thirty hours ago.
        assertThat(queued.get(0).get("url").asText()).isEqualTo("https://myanimelist.net/anime/1");
        assertThat(queued.get(24).get("url").asText()).isEqualTo("https://myanimelist.net/anime/25");
        JsonNode first = queued.get(0);
        assertThat(first.get("kind").asText()).isEqualTo("anime");
        assertThat(first.get("attempt").asInt()).isEqualTo(1);
        assertThat(Instant.parse(first.get("scheduledAt").asText())).isBetween(before, Instant.now());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM anime_schedule WHERE scheduled_count = 1",
                Integer.class)).isEqualTo(25);
    }

    @Test
    void stopsWhenEveryUrlIsScheduled() throws Exception {
        assertThat(jobLauncher.launchJob(parameters("anime", 100)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(CrawlQueueReader.drain()).hasSize(30);

        JobExecution again = jobLauncher.launchJob(parameters("anime", 100));
        assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(again.getStepExecutions().iterator().next().getWriteCount()).isZero();
        assertThat(CrawlQueueReader.drain()).isEmpty();
    }

    @Test
    void rejectsAnUnknownKindAndANonPositiveMax() {
        assertThatThrownBy(() -> jobLauncher.launchJob(parameters("manga", 5)))
                .isInstanceOf(JobParametersInvalidException.class).hasMessageContaining("manga");
        assertThatThrownBy(() -> jobLauncher.launchJob(parameters("anime", 0)))
                .isInstanceOf(JobParametersInvalidException.class).hasMessageContaining("maxUrls");
    }

    @Test
    void aFailedChunkLeavesNoMarkAndTheRestartQueuesOnlyTheRest() throws Exception {
        // The queue accepts 10 messages, then fails: chunk 1 commits, chunk 2 rolls back.
        jdbc.execute("CREATE OR REPLACE FUNCTION crawl_queue_fault_fct() RETURNS trigger AS $$ BEGIN"
                + " IF (SELECT count(*) FROM int_channel_message) >= 10 THEN RAISE EXCEPTION 'crawl queue is down';"
                + " END IF; RETURN NEW; END; $$ LANGUAGE plpgsql");
        jdbc.execute("CREATE TRIGGER crawl_queue_fault BEFORE INSERT ON int_channel_message"
                + " FOR EACH ROW EXECUTE PROCEDURE crawl_queue_fault_fct()");

        JobExecution failed = jobLauncher.launchJob(parameters("anime", 25));
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM anime_schedule WHERE scheduled_count > 0",
                Integer.class)).isEqualTo(10);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM int_channel_message", Integer.class)).isEqualTo(10);

        removeQueueFault();
        JobExecutionView restarted = jobExecutions.restart(failed.getId());

        assertThat(restarted.status()).isEqualTo("COMPLETED");
        assertThat(restarted.instanceId()).isEqualTo(failed.getJobInstance().getInstanceId());
        assertThat(restarted.written()).isEqualTo(15);
        List<JsonNode> queued = CrawlQueueReader.drain();
        assertThat(queued).hasSize(25);
        assertThat(queued.stream().map(node -> node.get("url").asText()).distinct()).hasSize(25);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM anime_schedule WHERE scheduled_count = 1",
                Integer.class)).isEqualTo(25);
        assertThat(jobExecutions.list(5)).extracting(JobExecutionView::id)
                .startsWith(restarted.id(), failed.getId());
        assertThatThrownBy(() -> jobExecutions.restart(restarted.id()))
                .isInstanceOf(JobExecutions.NotRestartableException.class);
        assertThatThrownBy(() -> jobExecutions.restart(987_654))
                .isInstanceOf(JobExecutions.UnknownExecutionException.class);
    }

    private static JobParameters parameters(String kind, long maxUrls) {
        return new JobParametersBuilder()
                .addString(CrawlScheduleJobConfiguration.KIND, kind)
                .addLong(CrawlScheduleJobConfiguration.MAX_URLS, maxUrls)
                .addString("requestedAt", Instant.now().toString() + "/" + System.nanoTime())
                .toJobParameters();
    }

}
