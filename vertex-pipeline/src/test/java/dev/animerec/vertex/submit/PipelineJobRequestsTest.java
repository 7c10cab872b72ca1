package dev.animerec.vertex.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.aiplatform.v1.CreatePipelineJobRequest;
import com.google.cloud.aiplatform.v1.CreateScheduleRequest;
import com.google.protobuf.util.JsonFormat;
import dev.animerec.vertex.spec.VertexPipelineSpec;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineJobRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPEC = VertexPipelineSpec.json();
    static final String NETWORK = "projects/123456789012/global/networks/default";
    static final Map<String, String> NETWORK_PARAMETERS = Map.of("redis_host", "10.20.1.4",
            "datasource_url", "jdbc:postgresql://10.20.0.3:5432/animerec");
    private static final VertexTarget TARGET = VertexTarget.of("anime-rec-prod", "europe-west1", "gs://anime-rec-ml",
            null, NETWORK, NETWORK_PARAMETERS);

    @Test
    void pipelineJobCarriesTheSpecAsAStructUnderTheRegionalParent() throws Exception {
        CreatePipelineJobRequest request = PipelineJobRequests.pipelineJob(SPEC, TARGET,
                Instant.parse("2026-11-26T03:30:05Z"));
        assertThat(request.getParent()).isEqualTo("projects/anime-rec-prod/locations/europe-west1");
        assertThat(request.getPipelineJobId()).isEqualTo("anime-rec-ml-20261126-033005");
        String specBack = JsonFormat.printer().print(request.getPipelineJob().getPipelineSpec());
        assertThat(JSON.readTree(specBack)).isEqualTo(JSON.readTree(SPEC));
        assertThat(request.getPipelineJob().getRuntimeConfig().getGcsOutputDirectory())
                .isEqualTo("gs://anime-rec-ml/anime-rec/pipeline-root");
        assertThat(request.getPipelineJob().getServiceAccount()).as("default service account").isEmpty();
        assertThat(request.getPipelineJob().getNetwork()).as("peered to Memorystore's VPC").isEqualTo(NETWORK);
    }

    @Test
    void everyDeclaredParameterGetsItsValue() {
        var values = PipelineJobRequests.pipelineJob(SPEC, TARGET, Instant.EPOCH).getPipelineJob().getRuntimeConfig()
                .getParameterValuesMap();
        assertThat(values.keySet()).containsExactlyInAnyOrderElementsOf(PipelineJobRequests.rootParameters(SPEC));
        assertThat(values.get("models_uri").getStringValue()).isEqualTo("gs://anime-rec-ml/anime-rec");
        assertThat(values.get("jars_uri").getStringValue()).isEqualTo("gs://anime-rec-ml/anime-rec/jars");
        assertThat(values).as("the model version is each run's own name, no parameter").doesNotContainKey("model_version");
        assertThat(values.get("redis_host").getStringValue()).isEqualTo("10.20.1.4");
        assertThat(values.get("redis_port").getStringValue()).isEqualTo("6379");
        assertThat(values.get("datasource_url").getStringValue()).isEqualTo("jdbc:postgresql://10.20.0.3:5432/animerec");
        assertThat(values.get("bq_processed").getStringValue()).isEqualTo("anime-rec-prod.processed");
        assertThat(values.get("location").getStringValue()).isEqualTo("europe-west1");
        assertThat(values.get("batch_jobs_image").getStringValue())
                .isEqualTo("europe-west1-docker.pkg.dev/anime-rec-prod/anime-rec/batch-jobs:latest");
        assertThat(values.get("dataproc_service_account").getStringValue()).isEmpty();
    }

    @Test
    void overridesAndServiceAccountReachTheJob() {
        Map<String, String> overrides = new HashMap<>(NETWORK_PARAMETERS);
        overrides.put("redis_port", "6378");
        VertexTarget target = VertexTarget.of("anime-rec-prod", "europe-west1", "gs://anime-rec-ml",
                "ml@anime-rec-prod.iam.gserviceaccount.com", NETWORK, overrides);
        var job = PipelineJobRequests.pipelineJob(SPEC, target, Instant.EPOCH).getPipelineJob();
        assertThat(job.getServiceAccount()).isEqualTo("ml@anime-rec-prod.iam.gserviceaccount.com");
        assertThat(job.getRuntimeConfig().getParameterValuesOrThrow("redis_port").getStringValue()).isEqualTo("6378");
    }

    @Test
    void aSpecParameterWithoutValueIsRefused() throws Exception {
        ObjectNode spec = (ObjectNode) JSON.readTree(SPEC);
        ((ObjectNode) spec.path("root").path("inputDefinitions").path("parameters")).putObject("cluster_size")
                .put("parameterType", "STRING");
        assertThatThrownBy(() -> PipelineJobRequests.pipelineJob(spec.toString(), TARGET, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cluster_size");
    }

    @Test
    void scheduleRunsTheSameJobOnTheMlFlowsCronInUtc() {
        CreateScheduleRequest request = PipelineJobRequests.schedule(SPEC, TARGET);
        assertThat(request.getParent()).isEqualTo(TARGET.parent());
        assertThat(request.getSchedule().getCron()).isEqualTo("TZ=Etc/UTC " + VertexPipelineSpec.FLOW.cron());
        assertThat(request.getSchedule().getMaxConcurrentRunCount()).isEqualTo(1);
        assertThat(request.getSchedule().getCreatePipelineJobRequest().getParent()).isEqualTo(TARGET.parent());
        assertThat(request.getSchedule().getCreatePipelineJobRequest().getPipelineJob().getPipelineSpec())
                .isEqualTo(PipelineJobRequests.struct(SPEC));
    }

    @Test
    void badTargetsAreRefusedWithTheOptionName() {
        assertThatThrownBy(() -> VertexTarget.of("anime-rec-prod", "europe-west1", "anime-rec-ml", null, NETWORK, Map.of()))
                .hasMessageContaining("--bucket");
        assertThatThrownBy(() -> VertexTarget.of("anime-rec-prod", "europe-west1", "gs://b-1/folder", null, NETWORK,
                Map.of())).hasMessageContaining("--bucket");
        assertThatThrownBy(() -> VertexTarget.of("Anime Rec", "europe-west1", "gs://anime-rec-ml", null, NETWORK, Map.of()))
                .hasMessageContaining("--project");
        assertThatThrownBy(() -> VertexTarget.of("anime-rec-prod", "europe-west1", "gs://anime-rec-ml", null, NETWORK,
                Map.of("modelversion", "1"))).hasMessageContaining("unknown pipeline parameter 'modelversion'");
        assertThatThrownBy(() -> VertexTarget.of("anime-rec-prod", "europe-west1", "gs://anime-rec-ml", null, NETWORK,
                Map.of("model_version", "20261201"))).hasMessageContaining("every run takes its own name");
        assertThatThrownBy(() -> VertexTarget.of("anime-rec-prod", "europe-west1", "gs://anime-rec-ml", null, "default",
                Map.of())).hasMessageContaining("--network");
    }
}
