package dev.animerec.batch.publish;

import dev.animerec.published.RedisLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongBiFunction;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionListener;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.item.ExecutionContext;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code publish} job: loads one model version and the processed tables into Redis under a new version
 * (cards, lists, recommendations, similar, serving artefacts: one step each), flips {@code animerec:current}
 * once every table holds its recorded count, then removes versions retired longer ago than the grace period.
 * Job parameters: {@code modelVersion} and {@code processedVersion} (blank = the CURRENT pointers),
 * {@code requestedAt} (makes each run a new instance). The Redis version is chosen once and kept in the job
 * execution context, so {@code jobs restart} completes the same half-written version.
 */
@Configuration(proxyBeanMethods = false)
public class PublishJobConfiguration {

    public static final String JOB_NAME = "publish";
    static final String VERSION = "redisVersion";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @Bean
    RedisVersionStore redisVersionStore(RedisConnectionFactory connections) {
        return new RedisVersionStore(connections);
    }

    @Bean
    PublishSteps publishSteps(RedisVersionStore store, @Value("${animerec.publish.batch-size:500}") int batchSize) {
        return new PublishSteps(store, batchSize);
    }

    @Bean
    Job publishJob(JobRepository jobRepository, PlatformTransactionManager transactionManager, PublishSteps steps,
                   RedisVersionStore store, @Value("${animerec.local.home:var}") Path home,
                   @Value("${animerec.publish.grace-period:PT10M}") Duration grace,
                   @Value("${animerec.publish.abandoned-after:PT24H}") Duration abandonedAfter) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(new JobExecutionListener() {
                    @Override
                    public void beforeJob(JobExecution execution) {
                        ExecutionContext context = execution.getExecutionContext();
                        if (!context.containsKey(VERSION)) {
                            JobParameters parameters = execution.getJobParameters();
                            PublishInputs inputs = PublishInputs.resolve(home, parameters.getString("modelVersion"),
                                    parameters.getString("processedVersion"));
                            // The job instance id keeps two publishes within one second apart.
                            String version = inputs.modelVersion() + "." + STAMP.format(Instant.now()) + "-"
                                    + execution.getJobInstance().getInstanceId();
                            context.putString(VERSION, version);
                            context.putString("modelVersion", inputs.modelVersion());
                            context.putString("processedVersion", inputs.processedVersion());
                            store.startLoading(version);
                            store.putManifest(version, Map.of("version", version,
                                    "model_version", inputs.modelVersion(),
                                    "processed_version", inputs.processedVersion(),
                                    "started_at", Instant.now().toString()));
                        }
                    }
                })
                .start(load("publish-cards", RedisLayout.CARDS, jobRepository, transactionManager, home, store, steps::cards))
                .next(load("publish-lists", RedisLayout.LISTS, jobRepository, transactionManager, home, store, steps::lists))
                .next(load("publish-recommendations", RedisLayout.RECOMMENDATIONS, jobRepository, transactionManager,
                        home, store, (inputs, version) -> steps.recommendations(inputs, version, steps.cardIds(version))))
                .next(load("publish-similar", RedisLayout.SIMILAR, jobRepository, transactionManager, home, store,
                        steps::similar))
                .next(load("publish-serving", RedisLayout.SERVING, jobRepository, transactionManager, home, store,
                        steps::servingArtefacts))
                .next(new StepBuilder("publish-flip", jobRepository).tasklet((contribution, chunk) -> {
                    String version = version(chunk.getStepContext().getJobExecutionContext());
                    Map<String, String> manifest = store.manifest(version);
                    Map<String, Long> expected = new LinkedHashMap<>();
                    for (String table : List.of(RedisLayout.CARDS, RedisLayout.LISTS, RedisLayout.RECOMMENDATIONS,
                            RedisLayout.SIMILAR, RedisLayout.SERVING)) {
                        String count = manifest.get(table);
                        if (count == null) {
                            throw new IllegalStateException("manifest of " + version + " has no count for " + table);
                        }
                        expected.put(table, Long.parseLong(count));
                    }
                    store.putManifest(version, Map.of("published_at", Instant.now().toString()));
                    store.flip(version, expected).ifPresent(previous -> chunk.getStepContext().getStepExecution()
                            .getExecutionContext().putString("previous", previous));
                    return RepeatStatus.FINISHED;
                }, transactionManager).build())
                .next(new StepBuilder("publish-cleanup", jobRepository).tasklet((contribution, chunk) -> {
                    List<String> removed = store.removeExpired(grace, abandonedAfter, Instant.now());
                    chunk.getStepContext().getStepExecution().getExecutionContext()
                            .putString("removed", String.join(",", removed));
                    return RepeatStatus.FINISHED;
                }, transactionManager).build())
                .build();
    }

    private static Step load(String name, String table, JobRepository jobRepository,
                             PlatformTransactionManager transactionManager, Path home, RedisVersionStore store,
                             ToLongBiFunction<PublishInputs, String> work) {
        Tasklet tasklet = (contribution, chunk) -> {
            Map<String, Object> job = chunk.getStepContext().getJobExecutionContext();
            String version = version(job);
            PublishInputs inputs = PublishInputs.resolve(home, (String) job.get("modelVersion"),
                    (String) job.get("processedVersion"));
            long count = work.applyAsLong(inputs, version);
            if (count == 0) {
                throw new IllegalStateException(name + ": nothing to publish from model " + inputs.modelVersion()
                        + " / processed " + inputs.processedVersion());
            }
            store.putManifest(version, Map.of(table, Long.toString(count)));
            contribution.incrementWriteCount(count);
            chunk.getStepContext().getStepExecution().getExecutionContext().putLong(table, count);
            return RepeatStatus.FINISHED;
        };
        return new StepBuilder(name, jobRepository).tasklet(tasklet, transactionManager).build();
    }

    private static String version(Map<String, Object> jobContext) {
        return (String) jobContext.get(VERSION);
    }
}
