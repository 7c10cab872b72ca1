package dev.animerec.batch.etl;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The long-running process's ETL: the {@code etl} job every {@code animerec.etl.fixed-delay} (hourly by
 * default). A failed run stays a failed, restartable job execution and the next round comes anyway.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "animerec.scheduler.enabled", havingValue = "true")
public class EtlLoop {

    private static final Logger log = LoggerFactory.getLogger(EtlLoop.class);

    private final JobLauncher launcher;
    private final Job etlJob;

    public EtlLoop(JobLauncher launcher, Job etlJob) {
        this.launcher = launcher;
        this.etlJob = etlJob;
    }

    @Scheduled(fixedDelayString = "${animerec.etl.fixed-delay:PT1H}",
            initialDelayString = "${animerec.etl.initial-delay:PT1M}")
    public void round() {
        String version = EtlJobConfiguration.newVersion();
        try {
            JobExecution execution = launcher.run(etlJob,
                    new JobParametersBuilder().addString("version", version).toJobParameters());
            log.info("etl {} for version {} (execution {})", execution.getStatus(), version, execution.getId());
        } catch (Exception e) {
            log.error("etl could not run for version {}: {}", version, e.toString(), e);
        }
    }
}
