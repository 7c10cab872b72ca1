package dev.animerec.vertex;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.aiplatform.v1.CreatePipelineJobRequest;
import com.google.cloud.aiplatform.v1.CreateScheduleRequest;
import com.google.cloud.aiplatform.v1.PipelineJob;
import com.google.cloud.aiplatform.v1.Schedule;
import dev.animerec.vertex.spec.VertexPipelineSpec;
import dev.animerec.vertex.submit.PipelineJobRequests;
import dev.animerec.vertex.submit.VertexGateway;
import dev.animerec.vertex.submit.VertexTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./anime-rec vertex generate|submit|schedule}: writes the Vertex AI pipeline spec of the ML flow, runs it
 * once, or schedules it on the flow's cron. Exit codes: 0 done, 1 Vertex AI unavailable or refused, 2 usage.
 */
@Command(name = "vertex", mixinStandardHelpOptions = true,
        description = "Vertex AI pipeline of the ML flow (Dataproc Serverless batches of spark-ml, then publish).",
        subcommands = {VertexCli.Generate.class, VertexCli.Submit.class, VertexCli.ScheduleCommand.class})
public final class VertexCli implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    final Function<String, VertexGateway> gateways;

    VertexCli(Function<String, VertexGateway> gateways) {
        this.gateways = gateways;
    }

    public static void main(String[] args) {
        System.exit(run(endpoint -> new VertexGateway(endpoint, null), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true), args));
    }

    static int run(Function<String, VertexGateway> gateways, PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new VertexCli(gateways));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, line, parsed) -> {
            if (exception instanceof VertexGateway.VertexUnavailableException) {
                line.getErr().println("vertex: " + exception.getMessage());
                return 1;
            }
            if (exception instanceof IllegalArgumentException) {
                line.getErr().println("vertex: " + exception.getMessage());
                return 2;
            }
            throw exception;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Write the pipeline spec (KFP IR JSON) generated from the pipeline definition.")
    static final class Generate implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--out", description = "target file (default: ${DEFAULT-VALUE})")
        Path out = VertexPipelineSpec.GENERATED;

        @Override
        public Integer call() throws IOException {
            String json = VertexPipelineSpec.json();
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(out, json);
            int tasks = new ObjectMapper().readTree(json).path("root").path("dag").path("tasks").size();
            spec.commandLine().getOut().println("wrote " + out + " (" + tasks + " tasks, " + json.length() + " bytes)");
            return 0;
        }
    }

    /** Options shared by submit and schedule (a picocli mixin). */
    static final class TargetOptions {
        @Option(names = "--project", required = true, description = "Google Cloud project id")
        String project;

        @Option(names = "--region", required = true, description = "region of Vertex AI and the Dataproc batches")
        String region;

        @Option(names = "--bucket", required = true, description = "gs://BUCKET: jars, model home and pipeline root live under gs://BUCKET/anime-rec/")
        String bucket;

        @Option(names = "--service-account", description = "service account of the pipeline run and the Dataproc batches (default: the project's default)")
        String serviceAccount;

        @Option(names = "--network", required = true, description = "VPC the run is peered to, the one of Memorystore and Cloud SQL: projects/PROJECT_NUMBER/global/networks/NAME")
        String network;

        @Option(names = "--param", description = "set a pipeline parameter, e.g. --param redis_host=10.20.1.4 (repeatable; redis_host and datasource_url have no default)")
        Map<String, String> overrides = new LinkedHashMap<>();

        @Option(names = "--spec", description = "spec file to send (default: generated from the definition now)")
        Path specFile;

        @Option(names = "--dry-run", description = "print the request as JSON instead of sending it")
        boolean dryRun;

        VertexTarget target() {
            return VertexTarget.of(project, region, bucket, serviceAccount, network, overrides);
        }

        String specJson() throws IOException {
            return specFile == null ? VertexPipelineSpec.json() : Files.readString(specFile);
        }
    }

    /** The shared shape of submit and schedule: build the request, print it on a dry run, else send it. */
    abstract static class RequestCommand<R extends com.google.protobuf.Message> implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.ParentCommand
        VertexCli parent;
        @Mixin
        TargetOptions options;

        abstract R request(String specJson, VertexTarget target);

        abstract void send(R request, VertexTarget target, PrintWriter out);

        @Override
        public Integer call() throws IOException {
            VertexTarget target = options.target();
            R request = request(options.specJson(), target);
            PrintWriter out = spec.commandLine().getOut();
            if (options.dryRun) {
                out.println(PipelineJobRequests.print(request));
            } else {
                send(request, target, out);
            }
            return 0;
        }
    }

    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = "Run the pipeline once on Vertex AI (CreatePipelineJobRequest).")
    static final class Submit extends RequestCommand<CreatePipelineJobRequest> {
        @Override
        CreatePipelineJobRequest request(String specJson, VertexTarget target) {
            return PipelineJobRequests.pipelineJob(specJson, target, Instant.now());
        }

        @Override
        void send(CreatePipelineJobRequest request, VertexTarget target, PrintWriter out) {
            out.println("submitting " + request.getPipelineJobId() + " to " + target.endpoint() + " ...");
            PipelineJob job = parent.gateways.apply(target.endpoint()).submit(request);
            out.println("created " + job.getName() + " (state " + job.getState() + "): https://console.cloud.google.com/"
                    + "vertex-ai/locations/" + target.region() + "/pipelines/runs/" + request.getPipelineJobId()
                    + "?project=" + target.project());
        }
    }

    @Command(name = "schedule", mixinStandardHelpOptions = true,
            description = "Run the pipeline on the ML flow's cron on Vertex AI (CreateScheduleRequest).")
    static final class ScheduleCommand extends RequestCommand<CreateScheduleRequest> {
        @Override
        CreateScheduleRequest request(String specJson, VertexTarget target) {
            return PipelineJobRequests.schedule(specJson, target);
        }

        @Override
        void send(CreateScheduleRequest request, VertexTarget target, PrintWriter out) {
            Schedule schedule = parent.gateways.apply(target.endpoint()).schedule(request);
            out.println("created schedule " + schedule.getName() + " (cron '" + schedule.getCron() + "')");
        }
    }
}
