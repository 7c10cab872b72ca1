package dev.animerec.vertex.submit;

import dev.animerec.pipeline.Module;
import dev.animerec.vertex.spec.SparkBatchPayload;
import dev.animerec.vertex.spec.VertexPipelineSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where the pipeline runs and the values of its parameters. Defaults follow the layout the README documents:
 * everything under {@code BUCKET/anime-rec/}, datasets {@code processed} and {@code models} of the project,
 * images in the region's Artifact Registry repository {@code anime-rec}. {@code network} is the VPC the run is
 * peered to ({@code projects/NUMBER/global/networks/NAME}), the one of Memorystore and Cloud SQL, which publish
 * reaches by their private addresses. The model version is no parameter: each run's own name is its version.
 */
public record VertexTarget(String project, String region, String bucket, String serviceAccount, String network,
        Map<String, String> parameters) {

    public VertexTarget {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(network, "network");
        if (!project.matches("[a-z][a-z0-9-]{4,28}[a-z0-9]")) {
            throw new IllegalArgumentException("--project must be a Google Cloud project id, got '" + project + "'");
        }
        if (!region.matches("[a-z]+-[a-z]+[0-9]+")) {
            throw new IllegalArgumentException("--region must be a Google Cloud region like europe-west1, got '" + region + "'");
        }
        if (!bucket.matches("gs://[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]")) {
            throw new IllegalArgumentException("--bucket must be gs://BUCKET (no folder), got '" + bucket + "'");
        }
        if (!network.matches("projects/[0-9]+/global/networks/[a-z]([-a-z0-9]*[a-z0-9])?")) {
            throw new IllegalArgumentException("--network must be the VPC of Memorystore and Cloud SQL as "
                    + "projects/PROJECT_NUMBER/global/networks/NAME, got '" + network + "'");
        }
        parameters = Map.copyOf(parameters);
    }

    /**
     * The target with every parameter filled: explicit values win over the defaults.
     *
     * @param overrides parameter name to value (unknown names are rejected)
     */
    public static VertexTarget of(String project, String region, String bucket, String serviceAccount,
            String network, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        String home = bucket + "/anime-rec";
        values.put("project", project);
        values.put("bq_processed", project + ".processed");
        values.put("bq_results", project + ".models");
        values.put("models_uri", home);
        values.put(VertexPipelineSpec.LOCATION, region);
        values.put(VertexPipelineSpec.REDIS_PORT, "6379");
        values.put(SparkBatchPayload.JARS_URI, home + "/jars");
        values.put(SparkBatchPayload.SERVICE_ACCOUNT, serviceAccount == null ? "" : serviceAccount);
        for (Module module : Module.values()) {
            if (module.cloudRuntime() == Module.CloudRuntime.GKE_JOB) {
                values.put(VertexPipelineSpec.imageParameter(module), region + "-docker.pkg.dev/" + project
                        + "/anime-rec/" + module.directory() + ":latest");
            }
        }
        for (Map.Entry<String, String> override : overrides.entrySet()) {
            if (VertexPipelineSpec.PER_RUN.containsKey(override.getKey())) {
                throw new IllegalArgumentException("'" + override.getKey() + "' is not a parameter on Vertex AI: "
                        + "every run takes its own name as its value, so no two runs share a model version");
            }
            if (!VertexPipelineSpec.parameterDescriptions().containsKey(override.getKey())) {
                throw new IllegalArgumentException("unknown pipeline parameter '" + override.getKey() + "'; known: "
                        + VertexPipelineSpec.parameterDescriptions().keySet());
            }
            values.put(override.getKey(), override.getValue());
        }
        return new VertexTarget(project, region, bucket, serviceAccount == null ? "" : serviceAccount,
                network == null ? "" : network, values);
    }

    /** {@code projects/P/locations/R}. */
    public String parent() {
        return "projects/" + project + "/locations/" + region;
    }

    /** Where Vertex AI keeps the run's outputs (the launchers' {@code gcp_resources}, logs). */
    public String pipelineRoot() {
        return bucket + "/anime-rec/pipeline-root";
    }

    /** The regional Vertex AI endpoint. */
    public String endpoint() {
        return region + "-aiplatform.googleapis.com:443";
    }
}
