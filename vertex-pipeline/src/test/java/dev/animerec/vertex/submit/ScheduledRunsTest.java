package dev.animerec.vertex.submit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.aiplatform.v1.CreateScheduleRequest;
import com.google.cloud.aiplatform.v1.PipelineJob;
import com.google.protobuf.util.JsonFormat;
import dev.animerec.vertex.spec.Placeholders;
import dev.animerec.vertex.spec.VertexPipelineSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * A daily schedule's two runs produce two model versions. There is no Vertex AI here, so the two runs are what
 * the backend does with the schedule's one request, as KFP's IR defines it: each run gets a name of its own, and
 * every task input is its pipeline parameter's value or its runtime constant, with the run placeholders
 * ({@code {{$.pipeline_job_name}}}) substituted; the executor's input placeholders then take those values. The
 * test reads the request the schedule would store and resolves it twice.
 */
class ScheduledRunsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One run's resolved arguments, per task. */
    private static Map<String, List<String>> run(CreateScheduleRequest schedule, String runName) throws Exception {
        PipelineJob job = schedule.getSchedule().getCreatePipelineJobRequest().getPipelineJob();
        JsonNode spec = JSON.readTree(JsonFormat.printer().print(job.getPipelineSpec()));
        Map<String, List<String>> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> task : (Iterable<Map.Entry<String, JsonNode>>)
                () -> spec.path("root").path("dag").path("tasks").fields()) {
            Map<String, String> inputs = new LinkedHashMap<>();
            task.getValue().path("inputs").path("parameters").fields().forEachRemaining(binding -> {
                JsonNode source = binding.getValue();
                String value = source.has("componentInputParameter")
                        ? job.getRuntimeConfig().getParameterValuesOrThrow(
                                source.path("componentInputParameter").asText()).getStringValue()
                        : source.path("runtimeValue").path("constant").asText();
                inputs.put(binding.getKey(), value.replace(VertexPipelineSpec.RUN_NAME, runName));
            });
            String executor = spec.path("components").path(task.getValue().path("componentRef").path("name").asText())
                    .path("executorLabel").asText();
            JsonNode container = spec.path("deploymentSpec").path("executors").path(executor).path("container");
            List<String> args = new ArrayList<>();
            container.path("args").forEach(arg -> args.add(Placeholders.KFP_INPUT.matcher(arg.asText())
                    .replaceAll(m -> Matcher.quoteReplacement(inputs.get(m.group(1))))));
            resolved.put(task.getKey(), args);
        }
        return resolved;
    }

    /** The value after {@code flag} in a task's arguments, looking into a Spark batch payload if there is one. */
    private static String valueOf(List<String> args, String flag) throws Exception {
        int payload = args.indexOf("--payload");
        List<String> searched = args;
        if (payload >= 0) {
            searched = new ArrayList<>();
            for (JsonNode arg : JSON.readTree(args.get(payload + 1)).path("spark_batch").path("args")) {
                searched.add(arg.asText());
            }
        }
        return searched.get(searched.indexOf(flag) + 1);
    }

    @Test
    void twoDailyRunsOfOneScheduleWriteAndPublishTwoVersions() throws Exception {
        VertexTarget target = VertexTarget.of("anime-rec-prod", "europe-west1", "gs://anime-rec-prod-ml", null,
                PipelineJobRequestsTest.NETWORK, PipelineJobRequestsTest.NETWORK_PARAMETERS);
        CreateScheduleRequest schedule = PipelineJobRequests.schedule(VertexPipelineSpec.json(), target);
        assertThat(schedule.getSchedule().getCron()).isEqualTo("TZ=Etc/UTC 30 3 * * *");
        assertThat(schedule.getSchedule().getCreatePipelineJobRequest().getPipelineJob().getRuntimeConfig()
                .getParameterValuesMap()).doesNotContainKey("model_version");

        Map<String, List<String>> monday = run(schedule, "anime-rec-ml-daily-20261207033000");
        Map<String, List<String>> tuesday = run(schedule, "anime-rec-ml-daily-20261208033000");

        for (Map<String, List<String>> day : List.of(monday, tuesday)) {
            String version = valueOf(day.get("ml-prepare"), "--version");
            for (Map.Entry<String, List<String>> task : day.entrySet()) {
                String flag = task.getKey().equals("publish") ? "--model-version" : "--version";
                assertThat(valueOf(task.getValue(), flag)).as("%s of run %s", task.getKey(), version).isEqualTo(version);
                assertThat(String.join(" ", task.getValue())).doesNotContain("{{$.inputs").doesNotContain(VertexPipelineSpec.RUN_NAME);
            }
            // Publish reads the version the Spark stages wrote, from where they wrote it, over the peered VPC.
            List<String> publish = day.get("publish");
            assertThat(valueOf(publish, "--artefacts")).isEqualTo(valueOf(day.get("ml-infer"), "--home"))
                    .isEqualTo("gs://anime-rec-prod-ml/anime-rec");
            assertThat(valueOf(publish, "--redis-host")).isEqualTo("10.20.1.4");
            assertThat(valueOf(publish, "--redis-port")).isEqualTo("6379");
            assertThat(valueOf(publish, "--datasource-url")).isEqualTo("jdbc:postgresql://10.20.0.3:5432/animerec");
        }
        assertThat(valueOf(monday.get("publish"), "--model-version")).isEqualTo("anime-rec-ml-daily-20261207033000");
        assertThat(valueOf(tuesday.get("publish"), "--model-version")).isEqualTo("anime-rec-ml-daily-20261208033000");
        assertThat(schedule.getSchedule().getCreatePipelineJobRequest().getPipelineJob().getNetwork())
                .isEqualTo(PipelineJobRequestsTest.NETWORK);
    }
}
