package dev.animerec.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@link PipelineDefinition} as JSON for the consumers that are not Java: the Composer DAGs read
 * {@code composer/dags/anime_rec_pipeline.json} (checked in; {@code PipelineSpecTest} fails when it drifts
 * from the Java definition). {@code ./anime-rec pipeline-spec} regenerates it.
 */
public final class PipelineSpecWriter {

    public static final Path COMPOSER_SPEC = Path.of("composer", "dags", "anime_rec_pipeline.json");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PipelineSpecWriter() {
    }

    public static void main(String[] args) throws IOException {
        Path target = args.length > 0 ? Path.of(args[0]) : COMPOSER_SPEC;
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.writeString(target, spec());
        System.out.println("wrote " + target);
    }

    /** The whole definition as stable, pretty-printed JSON (ends with a newline). */
    public static String spec() {
        BuildInfo build = BuildInfo.load();
        ObjectNode root = JSON.createObjectNode();
        root.put("generated_by", PipelineSpecWriter.class.getName() + " from " + PipelineDefinition.class.getName()
                + "; do not edit, run ./anime-rec pipeline-spec");
        ObjectNode parameters = root.putObject("cloud_parameters");
        PipelineDefinition.CLOUD_PARAMETERS.forEach(parameters::put);
        ArrayNode flows = root.putArray("flows");
        for (Flow flow : Flow.values()) {
            ObjectNode node = flows.addObject();
            node.put("flow", name(flow));
            node.put("dag_id", flow.dagId());
            node.put("schedule", flow.cron());
            List<Stage> cloud = PipelineDefinition.cloud(flow);
            ArrayNode tasks = node.putArray("tasks");
            for (Stage stage : cloud) {
                ObjectNode task = tasks.addObject();
                task.put("id", stage.id());
                task.put("title", stage.title());
                task.put("module", stage.module().directory());
                task.put("main_class", stage.module().mainClass());
                task.put("runtime", name(stage.module().cloudRuntime()));
                stage.cloudCommand().forEach(task.putArray("arguments")::add);
                PipelineDefinition.upstream(stage, cloud).forEach(task.putArray("upstream")::add);
                if (stage.module().cloudRuntime() == Module.CloudRuntime.DATAPROC_SERVERLESS) {
                    ObjectNode dataproc = task.putObject("dataproc");
                    dataproc.put("runtime_version", DataprocRuntime.VERSION);
                    DataprocRuntime.jarUris(stage.module(), build).forEach(dataproc.putArray("jar_file_uris")::add);
                    DataprocRuntime.sparkProperties(stage.module()).forEach(dataproc.putObject("properties")::put);
                    dataproc.put("service_account", "{" + DataprocRuntime.SERVICE_ACCOUNT + "}");
                }
            }
        }
        ArrayNode stages = root.putArray("stages");
        for (Stage stage : PipelineDefinition.stages()) {
            ObjectNode node = stages.addObject();
            node.put("id", stage.id());
            node.put("flow", name(stage.flow()));
            node.put("module", stage.module().directory());
            node.put("on_cloud", stage.onCloud());
            stage.after().forEach(node.putArray("after")::add);
            stage.localSources().stream().map(PipelineSpecWriter::name).sorted()
                    .forEach(node.putArray("local_sources")::add);
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
