package dev.animerec.vertex.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.animerec.pipeline.BuildInfo;
import dev.animerec.pipeline.Flow;
import dev.animerec.pipeline.Module;
import dev.animerec.pipeline.PipelineDefinition;
import dev.animerec.pipeline.Stage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Generates the Vertex AI pipeline spec (KFP IR, schema 2.1.0) of the ML flow from
 * {@link PipelineDefinition#cloud(Flow)}: one task per stage, each Spark stage a Dataproc Serverless batch
 * launched by the Google Cloud Pipeline Components container (as {@code DataprocSparkBatchOp} compiles), each
 * GKE-job stage (publish) a container task of its module's image. Dependencies are the definition's
 * {@link PipelineDefinition#upstream}; every {@code {name}} of a stage's cloud arguments becomes a pipeline
 * input parameter.
 */
public final class VertexPipelineSpec {

    public static final Path GENERATED = Path.of("vertex-pipeline", "generated", "anime_rec_ml_pipeline.json");
    public static final Flow FLOW = Flow.ML;
    public static final String PIPELINE_NAME = "anime-rec-ml";
    public static final String SCHEMA_VERSION = "2.1.0";

    /** The Google Cloud Pipeline Components release whose Dataproc launcher runs the Spark batches. */
    public static final String GCPC_IMAGE = "gcr.io/ml-pipeline/google-cloud-pipeline-components:2.22.0";
    static final List<String> GCPC_SPARK_BATCH_COMMAND = List.of("python3", "-u", "-m",
            "google_cloud_pipeline_components.container.v1.dataproc.create_spark_batch.launcher");
    /** The launcher's output: the Dataproc batch and operation it created, for the Vertex console. */
    public static final String GCP_RESOURCES = "gcp_resources";
    /** Vertex-side parameter: the region the Dataproc batches run in. */
    public static final String LOCATION = "location";

    /**
     * The run's own name, which the Vertex AI backend substitutes in each run (KFP's
     * {@code dsl.PIPELINE_JOB_NAME_PLACEHOLDER}): unique per run, and made of {@code [a-z0-9-]}, so it can name a
     * folder, a BigQuery value and a Redis key.
     */
    public static final String RUN_NAME = "{{$.pipeline_job_name}}";

    /**
     * Definition parameters the backend fills in per run instead of the caller: every run of a schedule is a
     * model version of its own (a schedule repeats its request's parameter values, so a value given there would
     * be the same every day and each run would overwrite the last). Bound in every task as a runtime constant.
     */
    public static final Map<String, String> PER_RUN = Map.of("model_version", RUN_NAME);

    /** The publish task's network settings: what it needs to reach Memorystore and Cloud SQL from a peered VPC. */
    public static final String REDIS_HOST = "redis_host";
    public static final String REDIS_PORT = "redis_port";
    public static final String DATASOURCE_URL = "datasource_url";

    /** Parameters of the Vertex deployment beyond {@link PipelineDefinition#CLOUD_PARAMETERS}. */
    public static final Map<String, String> VERTEX_PARAMETERS;
    /** Vertex parameters that may be left empty. */
    static final Set<String> OPTIONAL = Set.of(SparkBatchPayload.SERVICE_ACCOUNT);

    static {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(LOCATION, "Google Cloud region of the Dataproc Serverless batches, e.g. europe-west1");
        for (Module module : Module.values()) {
            if (module.cloudRuntime() == Module.CloudRuntime.GKE_JOB) {
                parameters.put(imageParameter(module), "container image of " + module.directory()
                        + " (Artifact Registry), e.g. europe-west1-docker.pkg.dev/PROJECT/anime-rec/"
                        + module.directory() + ":TAG");
            }
        }
        parameters.put(REDIS_HOST, "Memorystore for Redis private IP publish writes to (reached through the job's"
                + " VPC network, --network), e.g. 10.20.1.4");
        parameters.put(REDIS_PORT, "Memorystore for Redis port, e.g. 6379");
        parameters.put(DATASOURCE_URL, "JDBC url of Cloud SQL (private IP) holding publish's Spring Batch job"
                + " repository, e.g. jdbc:postgresql://10.20.0.3:5432/animerec");
        VERTEX_PARAMETERS = java.util.Collections.unmodifiableMap(parameters);
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private VertexPipelineSpec() {
    }

    /** The pipeline input parameter holding a module's image. */
    public static String imageParameter(Module module) {
        return module.directory().replace('-', '_') + "_image";
    }

    /** What every pipeline parameter means (definition parameters first). */
    public static Map<String, String> parameterDescriptions() {
        Map<String, String> all = new LinkedHashMap<>(PipelineDefinition.CLOUD_PARAMETERS);
        all.putAll(VERTEX_PARAMETERS);
        return all;
    }

    /** The spec as stable, pretty-printed JSON ending with a newline. */
    public static String json() {
        try {
            return JSON.writeValueAsString(build(BuildInfo.load())) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode build(BuildInfo build) {
        List<Stage> stages = PipelineDefinition.cloud(FLOW);
        if (stages.isEmpty()) {
            throw new IllegalStateException("the pipeline definition has no cloud stage in flow " + FLOW);
        }
        ObjectNode spec = JSON.createObjectNode();
        ObjectNode components = spec.putObject("components");
        ObjectNode executors = spec.putObject("deploymentSpec").putObject("executors");
        ObjectNode info = spec.putObject("pipelineInfo");
        info.put("name", PIPELINE_NAME);
        info.put("displayName", "anime-rec ML: training, batch inference, evaluation, publish");
        info.put("description", "Generated by " + VertexPipelineSpec.class.getName() + " from "
                + PipelineDefinition.class.getName() + " (flow " + FLOW + "); do not edit, run ./anime-rec vertex generate");
        ObjectNode root = spec.putObject("root");
        ObjectNode tasks = root.putObject("dag").putObject("tasks");
        Set<String> used = new LinkedHashSet<>();
        for (Stage stage : stages) {
            Task task = switch (stage.module().cloudRuntime()) {
                case DATAPROC_SERVERLESS -> sparkBatchTask(stage, build);
                case GKE_JOB -> containerTask(stage);
                case GKE_DEPLOYMENT, DATAFLOW -> throw new IllegalStateException(stage.id() + " is an always-on service");
            };
            String component = "comp-" + stage.id();
            String executor = "exec-" + stage.id();
            ObjectNode componentNode = components.putObject(component);
            componentNode.put("executorLabel", executor);
            ObjectNode inputs = componentNode.putObject("inputDefinitions").putObject("parameters");
            task.inputs().forEach(name -> inputs.putObject(name).put("parameterType", "STRING"));
            if (!task.outputs().isEmpty()) {
                ObjectNode outputs = componentNode.putObject("outputDefinitions").putObject("parameters");
                task.outputs().forEach(name -> outputs.putObject(name).put("parameterType", "STRING"));
            }
            executors.putObject(executor).set("container", task.container());

            ObjectNode taskNode = tasks.putObject(stage.id());
            // The inputs (BigQuery tables, a gs:// home) change without the parameters changing: never reuse a run.
            taskNode.putObject("cachingOptions").put("enableCache", false);
            taskNode.putObject("componentRef").put("name", component);
            List<String> upstream = PipelineDefinition.upstream(stage, stages);
            if (!upstream.isEmpty()) {
                upstream.forEach(taskNode.putArray("dependentTasks")::add);
            }
            ObjectNode bindings = taskNode.putObject("inputs").putObject("parameters");
            for (String name : task.inputs()) {
                if (PER_RUN.containsKey(name)) {
                    bindings.putObject(name).putObject("runtimeValue").put("constant", PER_RUN.get(name));
                } else {
                    bindings.putObject(name).put("componentInputParameter", name);
                }
            }
            taskNode.putObject("taskInfo").put("name", stage.id());
            used.addAll(task.inputs());
        }
        ObjectNode rootInputs = root.putObject("inputDefinitions").putObject("parameters");
        Map<String, String> descriptions = parameterDescriptions();
        for (String name : descriptions.keySet()) {
            if (!used.contains(name) || PER_RUN.containsKey(name)) {
                continue;
            }
            ObjectNode parameter = rootInputs.putObject(name);
            parameter.put("parameterType", "STRING");
            parameter.put("description", descriptions.get(name));
            if (OPTIONAL.contains(name)) {
                parameter.put("defaultValue", "");
                parameter.put("isOptional", true);
            }
        }
        List<String> undeclared = new ArrayList<>(used);
        undeclared.removeAll(descriptions.keySet());
        if (!undeclared.isEmpty()) {
            throw new IllegalStateException("cloud arguments use undeclared parameters " + undeclared
                    + "; declare them in PipelineDefinition.CLOUD_PARAMETERS");
        }
        spec.put("schemaVersion", SCHEMA_VERSION);
        spec.put("sdkVersion", "anime-rec-vertex-pipeline-" + build.projectVersion());
        return spec;
    }

    /** A Spark stage as the Dataproc Serverless launcher of Google Cloud Pipeline Components runs it. */
    static Task sparkBatchTask(Stage stage, BuildInfo build) {
        String payload = SparkBatchPayload.json(SparkBatchPayload.of(stage, build));
        ObjectNode container = JSON.createObjectNode();
        container.put("image", GCPC_IMAGE);
        GCPC_SPARK_BATCH_COMMAND.forEach(container.putArray("command")::add);
        ArrayNode args = container.putArray("args");
        args.add("--type").add("DataprocSparkBatch");
        args.add("--payload").add(payload);
        args.add("--project").add(Placeholders.input("project"));
        args.add("--location").add(Placeholders.input(LOCATION));
        // Empty: the launcher names each batch itself (type, time, random suffix), so daily runs never collide.
        args.add("--batch_id").add("");
        args.add("--gcp_resources").add(Placeholders.outputFile(GCP_RESOURCES));
        Set<String> inputs = new LinkedHashSet<>();
        inputs.add("project");
        inputs.add(LOCATION);
        inputs.addAll(Placeholders.kfpInputNames(payload));
        return new Task(List.copyOf(inputs), List.of(GCP_RESOURCES), container);
    }

    /**
     * A stage of a GKE-job module as a plain container task of the module's image (its entrypoint is the main class).
     * Publish gets what a GKE pod has from the chart and a pipeline task does not: where the model versions are
     * ({@code --artefacts}, the Spark stages' {@code models_uri}) and the private addresses of Memorystore and
     * Cloud SQL, reached through the job's peered VPC network.
     */
    static Task containerTask(Stage stage) {
        String image = imageParameter(stage.module());
        ObjectNode container = JSON.createObjectNode();
        container.put("image", Placeholders.input(image));
        List<String> command = new ArrayList<>(stage.cloudCommand());
        if (stage.id().equals("publish")) {
            // Added unless the definition's cloud arguments already carry them (Composer's pods need --artefacts too).
            Map<String, String> vertexOnly = new LinkedHashMap<>();
            vertexOnly.put("--artefacts", "{models_uri}");
            vertexOnly.put("--redis-host", "{" + REDIS_HOST + "}");
            vertexOnly.put("--redis-port", "{" + REDIS_PORT + "}");
            vertexOnly.put("--datasource-url", "{" + DATASOURCE_URL + "}");
            vertexOnly.forEach((flag, value) -> {
                if (!command.contains(flag)) {
                    command.add(flag);
                    command.add(value);
                }
            });
        }
        Placeholders.toKfp(command).forEach(container.putArray("args")::add);
        ObjectNode profile = container.putArray("env").addObject();
        profile.put("name", "SPRING_PROFILES_ACTIVE");
        profile.put("value", "gcp");
        Set<String> inputs = new LinkedHashSet<>();
        inputs.add(image);
        inputs.addAll(Placeholders.definitionNames(command));
        return new Task(List.copyOf(inputs), List.of(), container);
    }

    record Task(List<String> inputs, List<String> outputs, ObjectNode container) {
    }
}
