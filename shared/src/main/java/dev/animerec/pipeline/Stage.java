package dev.animerec.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One step of the pipeline: one process of one module. The local runner, the Composer DAGs and the Vertex AI
 * pipeline all read these (see {@link PipelineDefinition}); none of them keeps its own list.
 *
 * @param id            task id everywhere (local runner, Airflow task id, Vertex task name)
 * @param title         what the stage does, in a few words
 * @param flow          the cadence group (Composer DAG) it belongs to
 * @param module        whose main class runs it
 * @param args          arguments in every world
 * @param localArgs     arguments appended locally; {@code {home}} is the local home
 * @param cloudArgs     arguments appended on Google Cloud; {@code {name}} placeholders are the deployment's
 *                      parameters (see {@link PipelineDefinition#CLOUD_PARAMETERS})
 * @param after         stages that must have finished first (a stage absent from a run is ignored)
 * @param localSources  which local runs include it (empty: never local)
 * @param onCloud       whether Composer / Vertex schedule it (always-on services and local-only steps do not)
 * @param reuse         when a local re-run may skip it
 * @param expectedSeconds the stage's duration on the snapshot on a 2-core machine: the ETA before a first run
 */
public record Stage(String id, String title, Flow flow, Module module, List<String> args, List<String> localArgs,
        List<String> cloudArgs, List<String> after, Set<Source> localSources, boolean onCloud, Reuse reuse,
        int expectedSeconds) {

    public Stage {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("stage id must be lower-case words joined by '-': " + id);
        }
        args = List.copyOf(args);
        localArgs = List.copyOf(localArgs);
        cloudArgs = List.copyOf(cloudArgs);
        after = List.copyOf(after);
        localSources = Set.copyOf(localSources);
        if (onCloud && (module.cloudRuntime() == Module.CloudRuntime.GKE_DEPLOYMENT
                || module.cloudRuntime() == Module.CloudRuntime.DATAFLOW)) {
            throw new IllegalArgumentException(id + ": " + module + " runs as an always-on service on Google Cloud,"
                    + " not as a scheduled task");
        }
    }

    /** When a local run may reuse the result of an earlier run instead of running the stage again. */
    public enum Reuse {
        /** Skip when it finished before and no stage it depends on ran again in this run. */
        WHEN_INPUTS_UNCHANGED,
        /** Run every time (cheap, or its effect lives outside the local home's files, like Redis). */
        NEVER
    }

    /** Arguments of a local run, {@code {home}} replaced. */
    public List<String> localCommand(String home) {
        return substitute(concat(args, localArgs), Map.of("home", home));
    }

    /** Arguments on Google Cloud, with the {@code {name}} placeholders still in (each deployer fills them). */
    public List<String> cloudCommand() {
        return concat(args, cloudArgs);
    }

    static List<String> substitute(List<String> arguments, Map<String, String> values) {
        return arguments.stream().map(argument -> {
            String result = argument;
            for (Map.Entry<String, String> value : values.entrySet()) {
                result = result.replace("{" + value.getKey() + "}", value.getValue());
            }
            return result;
        }).toList();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
