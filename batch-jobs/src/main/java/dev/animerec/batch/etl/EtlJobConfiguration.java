package dev.animerec.batch.etl;

import dev.animerec.batch.warehouse.Warehouse;
import dev.animerec.pipeline.Progress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.StepExecutionListener;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code etl} job: one step per stage of SYSTEM.md section 3. Steps are idempotent, so a failed job
 * restarts from its failed step (Spring Batch restart) and ends with the same output as an uninterrupted run.
 * Job parameter {@code version} (identifying) names the processed version it publishes.
 */
@Configuration(proxyBeanMethods = false)
public class EtlJobConfiguration {

    public static final String JOB_NAME = "etl";
    private static final int STEPS = 5;
    private static final DateTimeFormatter VERSION =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** The default processed version name: the UTC time of the run, e.g. 20260101T120000Z. */
    public static String newVersion() {
        return VERSION.format(Instant.now());
    }

    @Bean
    EtlStages etlStages(@Lazy Warehouse warehouse) {
        return new EtlStages(warehouse);
    }

    @Bean
    Job etlJob(JobRepository jobRepository, PlatformTransactionManager transactionManager, EtlStages stages) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(step("etl-staging", 0, jobRepository, transactionManager, countsTasklet(stages::staging)))
                .next(step("etl-merge", 1, jobRepository, transactionManager, countsTasklet(stages::merge)))
                .next(step("etl-filter", 2, jobRepository, transactionManager, countsTasklet(stages::filter)))
                .next(step("etl-validate", 3, jobRepository, transactionManager, (contribution, chunk) -> {
                    stages.validate().forEach(result -> chunk.getStepContext().getStepExecution().getExecutionContext()
                            .putLong("violations." + result.check().name(), result.violations()));
                    return RepeatStatus.FINISHED;
                }))
                .next(step("etl-publish", 4, jobRepository, transactionManager, (contribution, chunk) -> {
                    stages.publish(chunk.getStepContext().getStepExecution().getJobParameters().getString("version"));
                    return RepeatStatus.FINISHED;
                }))
                .build();
    }

    private static Step step(String name, int index, JobRepository jobRepository,
                             PlatformTransactionManager transactionManager, Tasklet tasklet) {
        return new StepBuilder(name, jobRepository)
                .tasklet(tasklet, transactionManager)
                .listener(new StepExecutionListener() {
                    @Override
                    public void beforeStep(StepExecution stepExecution) {
                        Progress.report(name, index, STEPS, "steps");
                    }
                })
                .allowStartIfComplete(false)
                .build();
    }

    /** Runs a stage and records its counts in the step's execution context (visible in `jobs list`). */
    private static Tasklet countsTasklet(Supplier<Map<String, Long>> stage) {
        return (contribution, chunk) -> {
            Map<String, Long> counts = stage.get();
            counts.forEach((name, count) -> chunk.getStepContext().getStepExecution().getExecutionContext()
                    .putLong(name, count));
            contribution.incrementWriteCount(counts.values().stream().mapToLong(Long::longValue).sum());
            return RepeatStatus.FINISHED;
        };
    }
}
