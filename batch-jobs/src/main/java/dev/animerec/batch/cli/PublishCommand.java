package dev.animerec.batch.cli;

import dev.animerec.batch.publish.PublishJobConfiguration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Load a model version's recommendations, similar lists, anime cards, user lists and fold-in"
                + " artefacts into Redis under a new version, then flip animerec:current to it atomically."
                + " A failed run is resumed with `jobs restart ID`.")
class PublishCommand implements Callable<Integer> {

    @Option(names = "--model-version", description = "model version under models/ (default: models/CURRENT)")
    String modelVersion;

    @Option(names = "--processed-version",
            description = "processed warehouse version for cards and lists (default: warehouse/processed/CURRENT)")
    String processedVersion;

    @Override
    public Integer call() throws Exception {
        try (ConfigurableApplicationContext context = ApplicationContexts.withoutWebServer()) {
            Job job = context.getBean(PublishJobConfiguration.JOB_NAME + "Job", Job.class);
            long started = System.nanoTime();
            JobExecution execution = context.getBean(JobLauncher.class).run(job, new JobParametersBuilder()
                    .addString("modelVersion", modelVersion == null ? "" : modelVersion)
                    .addString("processedVersion", processedVersion == null ? "" : processedVersion)
                    .addString("requestedAt", Instant.now().toString())
                    .toJobParameters());
            double seconds = (System.nanoTime() - started) / 1e9;
            execution.getStepExecutions().forEach(step -> System.out.printf("  %-24s %-9s %s%n", step.getStepName(),
                    step.getStatus(), step.getExecutionContext().entrySet().stream()
                            .filter(entry -> !entry.getKey().startsWith("batch."))
                            .map(entry -> entry.getKey() + "=" + entry.getValue()).toList()));
            Object version = execution.getExecutionContext().get("redisVersion");
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                System.err.printf("publish %s after %.1f s (execution %d, version %s): %s%n", execution.getStatus(),
                        seconds, execution.getId(), version,
                        execution.getAllFailureExceptions().stream().map(Throwable::getMessage).toList());
                System.err.println("resume it with: ./anime-rec jobs restart " + execution.getId());
                return 1;
            }
            System.out.printf("publish COMPLETED in %.1f s: animerec:current = %s%n", seconds, version);
            return 0;
        }
    }
}
