package dev.animerec.vertex.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.dataproc.v1.Batch;
import com.google.protobuf.util.JsonFormat;
import dev.animerec.pipeline.BuildInfo;
import dev.animerec.pipeline.Module;
import dev.animerec.pipeline.PipelineDefinition;
import dev.animerec.pipeline.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class VertexPipelineSpecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BuildInfo BUILD = BuildInfo.load();
    private static final List<Stage> STAGES = PipelineDefinition.cloud(VertexPipelineSpec.FLOW);
    private static final JsonNode SPEC = VertexPipelineSpec.build(BUILD);
    /** A definition placeholder that survived: one brace, not part of a KFP {{...}} placeholder. */
    private static final Pattern LEFTOVER = Pattern.compile("(?<!\\{)\\{[a-z_]+\\}(?!\\})");

    @Test
    void everyCloudStageOfTheMlFlowIsATaskWithItsComponentAndExecutor() {
        JsonNode tasks = SPEC.path("root").path("dag").path("tasks");
        assertThat(names(tasks)).containsExactlyElementsOf(STAGES.stream().map(Stage::id).toList());
        assertThat(STAGES).extracting(Stage::id).contains("ml-prepare", "ml-infer", "ml-evaluate", "publish");
        for (Stage stage : STAGES) {
            JsonNode task = tasks.path(stage.id());
            assertThat(task.path("taskInfo").path("name").asText()).isEqualTo(stage.id());
            String component = task.path("componentRef").path("name").asText();
            assertThat(SPEC.path("components").has(component)).as("component %s of %s", component, stage.id()).isTrue();
            String executor = SPEC.path("components").path(component).path("executorLabel").asText();
            assertThat(SPEC.path("deploymentSpec").path("executors").path(executor).path("container").path("image")
                    .asText()).as("executor %s of %s", executor, stage.id()).isNotEmpty();
        }
        assertThat(names(SPEC.path("components"))).hasSize(STAGES.size());
        assertThat(names(SPEC.path("deploymentSpec").path("executors"))).hasSize(STAGES.size());
    }

    @Test
    void dependentTasksAreTheDefinitionsUpstream() {
        for (Stage stage : STAGES) {
            JsonNode task = SPEC.path("root").path("dag").path("tasks").path(stage.id());
            List<String> dependencies = new ArrayList<>();
            task.path("dependentTasks").forEach(node -> dependencies.add(node.asText()));
            assertThat(dependencies).as(stage.id()).isEqualTo(PipelineDefinition.upstream(stage, STAGES));
        }
        // Publish waits for the ML stages but not for the crawl scheduling, which Composer runs on its own cadence.
        JsonNode publish = SPEC.path("root").path("dag").path("tasks").path("publish").path("dependentTasks");
        assertThat(publish.toString()).contains("ml-evaluate").doesNotContain("schedule-anime");
    }

    @Test
    void everyPlaceholderIsBoundToADeclaredPipelineParameter() {
        Set<String> rootParameters = new HashSet<>(names(SPEC.path("root").path("inputDefinitions").path("parameters")));
        Set<String> bound = new HashSet<>();
        for (Stage stage : STAGES) {
            JsonNode task = SPEC.path("root").path("dag").path("tasks").path(stage.id());
            JsonNode component = SPEC.path("components").path(task.path("componentRef").path("name").asText());
            JsonNode container = SPEC.path("deploymentSpec").path("executors")
                    .path(component.path("executorLabel").asText()).path("container");
            List<String> texts = strings(container);
            Set<String> used = new HashSet<>();
            texts.forEach(text -> used.addAll(Placeholders.kfpInputNames(text)));
            texts.forEach(text -> assertThat(LEFTOVER.matcher(text).find())
                    .as("unconverted {placeholder} in %s: %s", stage.id(), text).isFalse());
            List<String> declared = names(component.path("inputDefinitions").path("parameters"));
            assertThat(declared).as(stage.id()).containsExactlyInAnyOrderElementsOf(used);
            JsonNode bindings = task.path("inputs").path("parameters");
            for (String input : declared) {
                if (VertexPipelineSpec.PER_RUN.containsKey(input)) {
                    assertThat(bindings.path(input).path("runtimeValue").path("constant").asText())
                            .as("%s.%s filled in per run", stage.id(), input)
                            .isEqualTo(VertexPipelineSpec.PER_RUN.get(input));
                    continue;
                }
                String source = bindings.path(input).path("componentInputParameter").asText();
                assertThat(rootParameters).as("%s.%s bound to %s", stage.id(), input, source).contains(source);
                bound.add(source);
            }
            for (String placeholder : Placeholders.definitionNames(stage.cloudCommand())) {
                assertThat(used).as("cloud argument {%s} of %s", placeholder, stage.id()).contains(placeholder);
            }
        }
        assertThat(bound).as("no unused pipeline parameter").containsExactlyInAnyOrderElementsOf(rootParameters);
        Set<String> callerParameters = new HashSet<>(PipelineDefinition.CLOUD_PARAMETERS.keySet());
        callerParameters.removeAll(VertexPipelineSpec.PER_RUN.keySet());
        assertThat(rootParameters).containsAll(callerParameters).doesNotContainAnyElementsOf(VertexPipelineSpec.PER_RUN.keySet());
    }

    @Test
    void sparkPayloadParsesBackIntoADataprocBatchRunningTheSparkMlJar() throws Exception {
        for (Stage stage : STAGES) {
            if (stage.module() != Module.SPARK_ML) {
                continue;
            }
            Batch.Builder batch = Batch.newBuilder();
            JsonFormat.parser().merge(payload(stage), batch);
            assertThat(batch.getSparkBatch().getMainClass()).isEqualTo(Module.SPARK_ML.mainClass());
            assertThat(batch.getSparkBatch().getArgsList()).isEqualTo(Placeholders.toKfp(stage.cloudCommand()));
            List<String> jars = batch.getSparkBatch().getJarFileUrisList();
            String folder = Placeholders.input(SparkBatchPayload.JARS_URI) + "/";
            assertThat(jars.get(0)).isEqualTo(folder + "spark-ml-" + BUILD.projectVersion() + ".jar");
            assertThat(jars).contains(folder + "shared-" + BUILD.projectVersion() + ".jar");
            assertThat(jars).allMatch(jar -> jar.startsWith(folder) || jar.startsWith("gs://"), "jars on GCS");
            assertThat(batch.getRuntimeConfig().getVersion()).isEqualTo(dev.animerec.pipeline.DataprocRuntime.VERSION);
            for (String side : List.of("driver", "executor")) {
                String options = batch.getRuntimeConfig().getPropertiesOrThrow("spark." + side + ".extraJavaOptions");
                assertThat(options).contains("--add-modules=jdk.incubator.vector",
                        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED").doesNotContain("-Xmx");
            }
            assertThat(batch.getRuntimeConfig().getPropertiesOrThrow("spark.driver.memory")).isEqualTo("6g");
            assertThat(batch.getLabelsOrThrow("stage")).isEqualTo(stage.id());
        }
    }

    @Test
    void modelArtefactsAndVersionComeFromTheSameParametersInEveryStage() throws Exception {
        for (Stage stage : STAGES) {
            List<String> args = stage.module() == Module.SPARK_ML ? sparkArgs(stage) : containerArgs(stage);
            assertThat(valueOf(args, stage.module() == Module.SPARK_ML ? "--version" : "--model-version"))
                    .as(stage.id()).isEqualTo(Placeholders.input("model_version"));
            if (stage.module() == Module.SPARK_ML) {
                assertThat(valueOf(args, "--home")).as(stage.id()).isEqualTo(Placeholders.input("models_uri"));
                assertThat(valueOf(args, "--bq-processed")).isEqualTo(Placeholders.input("bq_processed"));
            }
        }
    }

    /**
     * The shape Google Cloud Pipeline Components' {@code DataprocSparkBatchOp} compiles to (KFP compiler test data
     * {@code dataproc_create_spark_batch_component_pipeline.json}): the same top-level sections, task fields and
     * launcher flags, and a payload of the Batch's snake_case sections.
     */
    @Test
    void structureMatchesACompiledDataprocSparkBatchOp() throws Exception {
        assertThat(names(SPEC)).containsExactlyInAnyOrder("components", "deploymentSpec", "pipelineInfo", "root",
                "schemaVersion", "sdkVersion");
        assertThat(SPEC.path("schemaVersion").asText()).isEqualTo("2.1.0");
        assertThat(SPEC.path("pipelineInfo").path("name").asText()).matches("[a-z][a-z0-9-]*");
        for (JsonNode task : SPEC.path("root").path("dag").path("tasks")) {
            assertThat(names(task)).isSubsetOf("cachingOptions", "componentRef", "dependentTasks", "inputs", "taskInfo");
        }
        for (JsonNode parameter : SPEC.path("root").path("inputDefinitions").path("parameters")) {
            assertThat(parameter.path("parameterType").asText()).isEqualTo("STRING");
        }
        Stage spark = STAGES.stream().filter(stage -> stage.module() == Module.SPARK_ML).findFirst().orElseThrow();
        JsonNode container = container(spark);
        assertThat(container.path("command").toString()).contains("create_spark_batch.launcher");
        List<String> args = strings(container.path("args"));
        assertThat(List.of(args.get(0), args.get(1), args.get(2), args.get(4), args.get(6), args.get(8), args.get(10)))
                .containsExactly("--type", "DataprocSparkBatch", "--payload", "--project", "--location", "--batch_id",
                        "--gcp_resources");
        assertThat(args.get(11)).isEqualTo("{{$.outputs.parameters['gcp_resources'].output_file}}");
        JsonNode component = SPEC.path("components").path("comp-" + spark.id());
        assertThat(component.path("outputDefinitions").path("parameters").path("gcp_resources")
                .path("parameterType").asText()).isEqualTo("STRING");
        assertThat(names(JSON.readTree(args.get(3))))
                .containsExactlyInAnyOrder("labels", "runtime_config", "environment_config", "spark_batch");
    }

    /**
     * Every field is one of the KFP IR messages' fields (JSON names of {@code pipeline_spec.proto},
     * kubeflow/pipelines api/v2alpha1), so a misspelt key cannot be silently ignored by the backend.
     */
    @Test
    void everyFieldIsAFieldOfItsKfpIrMessage() {
        Set<String> pipelineSpec = Set.of("pipelineInfo", "deploymentSpec", "sdkVersion", "schemaVersion",
                "components", "root", "defaultPipelineRoot");
        Set<String> pipelineInfo = Set.of("name", "displayName", "description");
        Set<String> componentSpec = Set.of("inputDefinitions", "outputDefinitions", "dag", "executorLabel",
                "singlePlatformSpecs");
        Set<String> parameterSpec = Set.of("parameterType", "defaultValue", "isOptional", "description");
        Set<String> taskSpec = Set.of("taskInfo", "inputs", "dependentTasks", "cachingOptions", "componentRef",
                "triggerPolicy", "artifactIterator", "parameterIterator", "retryPolicy", "iteratorPolicy");
        Set<String> inputParameterSpec = Set.of("taskOutputParameter", "runtimeValue", "componentInputParameter",
                "taskFinalStatus", "parameterExpressionSelector");
        Set<String> containerSpec = Set.of("image", "command", "args", "lifecycle", "resources", "env");
        Set<String> parameterTypes = Set.of("NUMBER_DOUBLE", "NUMBER_INTEGER", "STRING", "BOOLEAN", "LIST", "STRUCT",
                "TASK_FINAL_STATUS");

        assertThat(names(SPEC)).isSubsetOf(pipelineSpec);
        assertThat(names(SPEC.path("pipelineInfo"))).isSubsetOf(pipelineInfo);
        List<JsonNode> components = new ArrayList<>();
        SPEC.path("components").forEach(components::add);
        components.add(SPEC.path("root"));
        for (JsonNode component : components) {
            assertThat(names(component)).isSubsetOf(componentSpec);
            assertThat(component.has("dag") ^ component.has("executorLabel")).as("dag or executor").isTrue();
            for (String section : List.of("inputDefinitions", "outputDefinitions")) {
                assertThat(names(component.path(section))).isSubsetOf("parameters", "artifacts");
                for (JsonNode parameter : component.path(section).path("parameters")) {
                    assertThat(names(parameter)).isSubsetOf(parameterSpec);
                    assertThat(parameterTypes).contains(parameter.path("parameterType").asText());
                }
            }
        }
        for (JsonNode task : SPEC.path("root").path("dag").path("tasks")) {
            assertThat(names(task)).isSubsetOf(taskSpec);
            assertThat(names(task.path("inputs"))).isSubsetOf("parameters", "artifacts");
            task.path("inputs").path("parameters").forEach(input -> assertThat(names(input)).isSubsetOf(inputParameterSpec));
        }
        assertThat(names(SPEC.path("deploymentSpec"))).containsExactly("executors");
        for (JsonNode executor : SPEC.path("deploymentSpec").path("executors")) {
            assertThat(names(executor)).containsExactly("container");
            assertThat(names(executor.path("container"))).isSubsetOf(containerSpec);
            executor.path("container").path("env").forEach(env -> assertThat(names(env)).isSubsetOf("name", "value"));
        }
    }

    @Test
    void checkedInSpecIsUpToDate() throws Exception {
        Path checkedIn = Path.of("generated", "anime_rec_ml_pipeline.json");
        assertThat(Files.exists(checkedIn)).as("run ./anime-rec vertex generate").isTrue();
        assertThat(Files.readString(checkedIn))
                .as("%s drifted from the pipeline definition: run ./anime-rec vertex generate", checkedIn)
                .isEqualTo(VertexPipelineSpec.json());
    }

    @Test
    void onlySparkStagesBecomeDataprocBatches() {
        assertThatThrownBy(() -> SparkBatchPayload.of(PipelineDefinition.stage("publish"), BUILD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GKE_JOB");
    }

    private static JsonNode container(Stage stage) {
        return SPEC.path("deploymentSpec").path("executors").path("exec-" + stage.id()).path("container");
    }

    private static String payload(Stage stage) {
        List<String> args = strings(container(stage).path("args"));
        return args.get(args.indexOf("--payload") + 1);
    }

    private static List<String> sparkArgs(Stage stage) throws Exception {
        return strings(JSON.readTree(payload(stage)).path("spark_batch").path("args"));
    }

    private static List<String> containerArgs(Stage stage) {
        return strings(container(stage).path("args"));
    }

    private static String valueOf(List<String> args, String flag) {
        int at = args.indexOf(flag);
        assertThat(at).as("flag %s in %s", flag, args).isGreaterThanOrEqualTo(0);
        return args.get(at + 1);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Every string value below a node, in document order. */
    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isTextual()) {
            values.add(node.asText());
        }
        node.forEach(child -> values.addAll(strings(child)));
        return values;
    }
}
