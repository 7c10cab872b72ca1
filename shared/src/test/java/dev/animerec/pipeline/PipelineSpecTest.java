package dev.animerec.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PipelineSpecTest {

    private static final Path CHECKED_IN = Path.of("..").resolve(PipelineSpecWriter.COMPOSER_SPEC);

    @Test
    void checkedInComposerSpecMatchesTheJavaDefinition() throws Exception {
        assertThat(Files.readString(CHECKED_IN))
                .as("composer/dags/anime_rec_pipeline.json is stale: run ./anime-rec pipeline-spec")
                .isEqualTo(PipelineSpecWriter.spec());
    }

    @Test
    void specCarriesEachFlowsTasksWithTheirUpstreamInsideTheFlow() throws Exception {
        JsonNode spec = new ObjectMapper().readTree(PipelineSpecWriter.spec());
        JsonNode ml = null;
        for (JsonNode flow : spec.get("flows")) {
            if (flow.get("flow").asText().equals("ml")) {
                ml = flow;
            }
        }
        assertThat(ml).isNotNull();
        assertThat(ml.get("dag_id").asText()).isEqualTo("anime_rec_ml");
        JsonNode prepare = ml.get("tasks").get(0);
        assertThat(prepare.get("id").asText()).isEqualTo("ml-prepare");
        // etl is in another flow: cadence orders it, so it is no upstream edge inside the ML DAG.
        assertThat(prepare.get("upstream")).isEmpty();
        assertThat(prepare.get("runtime").asText()).isEqualTo("dataproc_serverless");
        assertThat(prepare.get("arguments").toString()).contains("{bq_processed}");
    }
}
