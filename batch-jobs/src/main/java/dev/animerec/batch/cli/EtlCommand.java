package dev.animerec.batch.cli;

import dev.animerec.batch.etl.EtlJobConfiguration;
import java.util.concurrent.Callable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "etl", mixinStandardHelpOptions = true,
        description = "Run the ETL job once: landing -> staging -> processed, with validation gates."
                + " A failed run is resumed with `jobs restart ID`.")
class EtlCommand implements Callable<Integer> {

    @Option(names = "--version", description = "processed version to publish (default: the UTC time, e.g. 20260101T120000Z)")
    String version;

    @Override
    public Integer call() throws Exception {
        try (ConfigurableApplicationContext context = ApplicationContexts.withoutWebServer()) {
            return run(context, version == null ? EtlJobConfiguration.newVersion() : version);
        }
    }

    /** Runs the job in an open context; used by `demo` too. Returns the process exit code. */
    static int run(ConfigurableApplicationContext context, String version) throws Exception {
        Job job = context.getBean(EtlJobConfiguration.JOB_NAME + "Job", Job.class);
        long started = System.nanoTime();
        JobExecution execution = context.getBean(JobLauncher.class)
                .run(job, new JobParametersBuilder().addString("version", version).toJobParameters());
        double seconds = (System.nanoTime() - started) / 1e9;
        for (var step : execution.getStepExecutions()) {
            System.out.printf("  %-13s %-9s%n", step.getStepName(), step.getStatus());
            step.getExecutionContext().entrySet().stream()
                    .filter(entry -> !entry.getKey().startsWith("batch."))
                    .sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(entry -> System.out.printf("      %-55s %,d%n", entry.getKey(), (Long) entry.getValue()));
        }
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            System.err.printf("etl %s after %.1f s (execution %d): %s%n", execution.getStatus(), seconds,
                    execution.getId(), execution.getAllFailureExceptions().stream().map(Throwable::getMessage).toList());
            System.err.println("resume it with: ./anime-rec jobs restart " + execution.getId());
            return 1;
        }
        System.out.printf("etl COMPLETED in %.1f s: processed version %s%n", seconds, version);
        return 0;
    }
}
