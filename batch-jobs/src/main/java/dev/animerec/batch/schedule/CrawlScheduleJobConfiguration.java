package dev.animerec.batch.schedule;

import dev.animerec.schedule.CrawlRequest;
import dev.animerec.schedule.UrlKind;
import java.time.Clock;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersInvalidException;
import org.springframework.batch.core.JobParametersValidator;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.MessageChannel;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Job {@code crawl-schedule} (parameters {@code kind} = anime | profile, {@code maxUrls}): picks urls by
 * priority and puts a crawl request for each on the crawl queue, one transaction per chunk.
 */
@Configuration(proxyBeanMethods = false)
public class CrawlScheduleJobConfiguration {

    public static final String JOB_NAME = "crawl-schedule";
    public static final String KIND = "kind";
    public static final String MAX_URLS = "maxUrls";

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ScheduleSelector scheduleSelector(JdbcTemplate jdbcTemplate, ScheduleProperties properties) {
        return new ScheduleSelector(jdbcTemplate, properties.requeueHoldoff());
    }

    @Bean
    Job crawlScheduleJob(JobRepository jobRepository, Step pickAndQueueStep) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .validator(CrawlScheduleJobConfiguration::validate)
                .start(pickAndQueueStep)
                .build();
    }

    @Bean
    Step pickAndQueueStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            PickedUrlReader pickedUrlReader, CrawlRequestWriter crawlRequestWriter, ScheduleProperties properties) {
        return new StepBuilder("pick-and-queue", jobRepository)
                .<CrawlRequest, CrawlRequest>chunk(properties.chunkSize(), transactionManager)
                .reader(pickedUrlReader)
                .writer(crawlRequestWriter)
                .listener(new ScheduleProgressListener())
                .build();
    }

    @Bean
    @StepScope
    PickedUrlReader pickedUrlReader(ScheduleSelector scheduleSelector, ScheduleProperties properties, Clock clock,
            @Value("#{jobParameters['" + KIND + "']}") String kind,
            @Value("#{jobParameters['" + MAX_URLS + "']}") Long maxUrls) {
        return new PickedUrlReader(scheduleSelector, UrlKind.parse(kind), maxUrls, properties.chunkSize(), clock);
    }

    @Bean
    CrawlRequestWriter crawlRequestWriter(@Qualifier("crawlQueue") MessageChannel crawlQueue) {
        return new CrawlRequestWriter(crawlQueue);
    }

    private static void validate(JobParameters parameters) throws JobParametersInvalidException {
        String kind = parameters.getString(KIND);
        try {
            UrlKind.parse(kind);
        } catch (IllegalArgumentException e) {
            throw new JobParametersInvalidException(e.getMessage());
        }
        Long maxUrls = parameters.getLong(MAX_URLS);
        if (maxUrls == null || maxUrls <= 0) {
            throw new JobParametersInvalidException("maxUrls must be a positive number, was " + maxUrls);
        }
    }
}
