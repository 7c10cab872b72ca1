package dev.animerec.batch.cli;

import dev.animerec.artefacts.ArtefactStore;
import dev.animerec.batch.publish.PublishInputs;
import dev.animerec.batch.publish.PublishJobConfiguration;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.boot.WebApplicationType;
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

    @Option(names = "--artefacts", description = "artefact store the ML flow wrote the model versions to: "
            + "gs://BUCKET/PREFIX or a folder (default: the local home); the version is copied into the home first")
    String artefacts;

    // The network settings of a publish run outside the cluster (a Vertex AI pipeline task peered to the VPC):
    // the private addresses of Memorystore and Cloud SQL, given as arguments because a pipeline task has no
    // ConfigMap. Inside GKE they come from the chart's ConfigMap as SPRING_* variables instead.
    @Option(names = "--redis-host", description = "Redis (Memorystore) host (default: spring.data.redis.host)")
    String redisHost;

    @Option(names = "--redis-port", description = "Redis port (default: spring.data.redis.port)")
    Integer redisPort;

    @Option(names = "--datasource-url", description = "JDBC url of the job repository database (default: spring.datasource.url)")
    String datasourceUrl;

    Map<String, Object> springOverrides() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        if (redisHost != null && !redisHost.isBlank()) {
            overrides.put("spring.data.redis.host", redisHost);
        }
        if (redisPort != null) {
            overrides.put("spring.data.redis.port", redisPort);
        }
        if (datasourceUrl != null && !datasourceUrl.isBlank()) {
            overrides.put("spring.datasource.url", datasourceUrl);
        }
        return overrides;
    }

    @Override
    public Integer call() throws Exception {
        try (ConfigurableApplicationContext context = ApplicationContexts.start(WebApplicationType.NONE,
                springOverrides())) {
            if (artefacts != null && !artefacts.isBlank()) {
                // The model version leaves the store for the home, where the publish steps read it.
                Path home = Path.of(context.getEnvironment().getProperty("animerec.local.home", "var"));
                PublishInputs inputs = PublishInputs.resolve(ArtefactStore.open(artefacts), home, modelVersion,
                        processedVersion);
                System.out.printf("model version %s copied from %s to %s%n", inputs.modelVersion(), artefacts,
                        inputs.model());
                modelVersion = inputs.modelVersion();
            }
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
