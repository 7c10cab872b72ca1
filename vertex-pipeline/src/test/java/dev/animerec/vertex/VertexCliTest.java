package dev.animerec.vertex;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.aiplatform.v1.CreatePipelineJobRequest;
import com.google.cloud.aiplatform.v1.CreateScheduleRequest;
import com.google.protobuf.util.JsonFormat;
import dev.animerec.vertex.spec.VertexPipelineSpec;
import dev.animerec.vertex.submit.VertexGateway;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VertexCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Any attempt to send fails the test: these runs must stay local. */
    private static final Function<String, VertexGateway> NO_NETWORK = endpoint -> {
        throw new AssertionError("tried to reach " + endpoint);
    };

    private int run(String... args) {
        return VertexCli.run(NO_NETWORK, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void generateWritesTheSpec(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("nested/spec.json");
        assertThat(run("generate", "--out", target.toString())).isZero();
        assertThat(Files.readString(target)).isEqualTo(VertexPipelineSpec.json());
        assertThat(out.toString()).contains("wrote " + target).contains("7 tasks");
    }

    @Test
    void submitDryRunPrintsTheRequestWithoutSendingIt() throws Exception {
        int code = run("submit", "--project", "anime-rec-prod", "--region", "europe-west1", "--bucket",
                "gs://anime-rec-ml", "--network", "projects/123456789012/global/networks/default",
                "--param", "redis_host=10.20.1.4", "--param", "datasource_url=jdbc:postgresql://10.20.0.3:5432/animerec",
                "--dry-run");
        assertThat(code).as(err.toString()).isZero();
        CreatePipelineJobRequest.Builder request = CreatePipelineJobRequest.newBuilder();
        JsonFormat.parser().merge(out.toString(), request);
        assertThat(request.getParent()).isEqualTo("projects/anime-rec-prod/locations/europe-west1");
        assertThat(request.getPipelineJob().getNetwork()).isEqualTo("projects/123456789012/global/networks/default");
        assertThat(request.getPipelineJob().getRuntimeConfig().getParameterValuesOrThrow("redis_host")
                .getStringValue()).isEqualTo("10.20.1.4");
        assertThat(request.getPipelineJob().getRuntimeConfig().getParameterValuesMap()).doesNotContainKey("model_version");
        assertThat(request.getPipelineJob().getPipelineSpec().getFieldsOrThrow("schemaVersion").getStringValue())
                .isEqualTo("2.1.0");
    }

    @Test
    void scheduleDryRunPrintsTheScheduleRequest() throws Exception {
        int code = run("schedule", "--project", "anime-rec-prod", "--region", "europe-west1", "--bucket",
                "gs://anime-rec-ml", "--network", "projects/123456789012/global/networks/default",
                "--param", "redis_host=10.20.1.4", "--param", "datasource_url=jdbc:postgresql://10.20.0.3:5432/animerec",
                "--dry-run");
        assertThat(code).as(err.toString()).isZero();
        CreateScheduleRequest.Builder request = CreateScheduleRequest.newBuilder();
        JsonFormat.parser().merge(out.toString(), request);
        assertThat(request.getSchedule().getCron()).endsWith(VertexPipelineSpec.FLOW.cron());
    }

    @Test
    void usageErrorsExitWithTwoAndSayWhy() {
        assertThat(run("submit", "--region", "europe-west1", "--bucket", "gs://anime-rec-ml", "--dry-run")).isEqualTo(2);
        assertThat(err.toString()).contains("--project");
        assertThat(run("submit", "--project", "anime-rec-prod", "--region", "europe-west1", "--bucket",
                "gs://anime-rec-ml", "--network", "projects/123456789012/global/networks/default", "--param", "nope=1",
                "--dry-run")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown pipeline parameter 'nope'");
        assertThat(run("submit", "--project", "anime-rec-prod", "--region", "europe-west1", "--bucket",
                "gs://anime-rec-ml", "--dry-run")).isEqualTo(2);
        assertThat(err.toString()).contains("--network");
        assertThat(run("submit", "--project", "anime-rec-prod", "--region", "europe-west1", "--bucket",
                "gs://anime-rec-ml", "--network", "projects/123456789012/global/networks/default",
                "--param", "redis_host=10.20.1.4", "--dry-run")).isEqualTo(2);
        assertThat(err.toString()).contains("no value for pipeline parameters [datasource_url]");
        assertThat(run()).isEqualTo(2);
    }
}
