package dev.animerec.batch.schedule;

import dev.animerec.schedule.UrlKind;
import java.time.Duration;
import java.time.Instant;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** Runs {@code crawl-schedule} once, synchronously, and sums up what it queued. */
@Component
public class CrawlScheduleLauncher {

    private final JobLauncher jobLauncher;
    private final Job crawlScheduleJob;

    public CrawlScheduleLauncher(JobLauncher jobLauncher, @Qualifier("crawlScheduleJob") Job crawlScheduleJob) {
        this.jobLauncher = jobLauncher;
        this.crawlScheduleJob = crawlScheduleJob;
    }

    public ScheduleRun run(UrlKind kind, long maxUrls) throws Exception {
        JobExecution execution = jobLauncher.run(crawlScheduleJob, new JobParametersBuilder()
                .addString(CrawlScheduleJobConfiguration.KIND, kind.wireName())
                .addLong(CrawlScheduleJobConfiguration.MAX_URLS, maxUrls)
                // Each request is a new job instance; a failed one is resumed with `jobs restart ID`.
                .addString("requestedAt", Instant.now().toString())
                .toJobParameters());
        long queued = execution.getStepExecutions().stream().mapToLong(StepExecution::getWriteCount).sum();
        Duration took = execution.getStartTime() == null || execution.getEndTime() == null ? Duration.ZERO
                : Duration.between(execution.getStartTime(), execution.getEndTime());
        return new ScheduleRun(execution.getId(), kind, maxUrls, queued, took, execution.getStatus().toString(),
                execution.getExitStatus().getExitDescription());
    }

    /** What one run did. */
    public record ScheduleRun(long executionId, UrlKind kind, long maxUrls, long queued, Duration took,
            String status, String failure) {

        public boolean completed() {
            return "COMPLETED".equals(status);
        }

        @Override
        public String toString() {
            double seconds = Math.max(took.toMillis(), 1) / 1000.0;
            return String.format("crawl-schedule #%d kind=%s: %s, %d of max %d urls queued in %.2f s (%.0f urls/s)%s",
                    executionId, kind.wireName(), status, queued, maxUrls, seconds, queued / seconds,
                    completed() || failure == null || failure.isBlank() ? "" : "\n  failure: " + failure.lines().findFirst().orElse(""));
        }
    }
}
