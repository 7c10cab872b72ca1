package dev.animerec.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PipelineDefinitionTest {

    @Test
    void snapshotRunGoesFromImportThroughIngestionEtlAndTrainingToPublish() {
        List<String> ids = PipelineDefinition.local(Source.SNAPSHOT).stream().map(Stage::id).toList();
        assertThat(ids).containsSubsequence("import-snapshot", "ingest", "etl", "ml-prepare", "ml-retrieve", "ml-rank",
                "ml-infer", "ml-evaluate", "publish");
        assertThat(ids).doesNotContain("crawl");
    }

    @Test
    void liveRunCrawlsInsteadOfImporting() {
        List<String> ids = PipelineDefinition.local(Source.LIVE).stream().map(Stage::id).toList();
        assertThat(ids).containsSubsequence("schedule-anime", "crawl", "ingest", "etl", "ml-prepare", "publish");
        assertThat(ids).doesNotContain("import-snapshot", "seed-schedule");
    }

    @Test
    void cloudFlowsScheduleOnlyTasksNotAlwaysOnServices() {
        assertThat(PipelineDefinition.cloud(Flow.CRAWL)).extracting(Stage::id)
                .containsExactly("schedule-anime", "schedule-profiles");
        assertThat(PipelineDefinition.cloud(Flow.ETL)).extracting(Stage::id).containsExactly("etl");
        assertThat(PipelineDefinition.cloud(Flow.ML)).extracting(Stage::id).containsExactly("ml-prepare",
                "ml-retrieve", "ml-rank", "ml-infer", "ml-similar", "ml-evaluate", "publish");
        for (Flow flow : Flow.values()) {
            assertThat(PipelineDefinition.cloud(flow)).allSatisfy(stage -> assertThat(stage.module().cloudRuntime())
                    .isIn(Module.CloudRuntime.GKE_JOB, Module.CloudRuntime.DATAPROC_SERVERLESS));
        }
    }

    @Test
    void publishWaitsForEveryModelOutput() {
        Stage publish = PipelineDefinition.stage("publish");
        assertThat(PipelineDefinition.upstream(publish, PipelineDefinition.cloud(Flow.ML)))
                .containsExactlyInAnyOrder("ml-infer", "ml-similar", "ml-evaluate");
    }

    @Test
    void everyCloudPlaceholderIsADeclaredParameter() {
        for (Stage stage : PipelineDefinition.stages()) {
            for (String argument : stage.cloudCommand()) {
                java.util.regex.Matcher placeholder = java.util.regex.Pattern.compile("\\{(\\w+)}").matcher(argument);
                while (placeholder.find()) {
                    assertThat(PipelineDefinition.CLOUD_PARAMETERS).as(stage.id() + " " + argument)
                            .containsKey(placeholder.group(1));
                }
            }
        }
    }

    @Test
    void localCommandFillsTheHome() {
        assertThat(PipelineDefinition.stage("ml-rank").localCommand("/tmp/h")).containsExactly("rank", "--home",
                "/tmp/h");
        assertThat(PipelineDefinition.stage("ingest").localCommand("w")).startsWith("--drain=true", "--home=w");
    }

    @Test
    void validationRejectsADependencyDefinedLaterOrMissing() {
        Stage first = new Stage("a", "a", Flow.ETL, Module.BATCH_JOBS, List.of("etl"), List.of(), List.of(),
                List.of("b"), Set.of(Source.SNAPSHOT), true, Stage.Reuse.NEVER, 1);
        Stage second = new Stage("b", "b", Flow.ETL, Module.BATCH_JOBS, List.of("etl"), List.of(), List.of(),
                List.of(), Set.of(Source.SNAPSHOT), true, Stage.Reuse.NEVER, 1);
        assertThatThrownBy(() -> PipelineDefinition.validate(List.of(first, second)))
                .hasMessageContaining("a depends on b, which is not defined before it");
        assertThatThrownBy(() -> PipelineDefinition.validate(List.of(second, second)))
                .hasMessageContaining("duplicate stage id b");
    }

    @Test
    void anAlwaysOnServiceCannotBeAScheduledTask() {
        assertThatThrownBy(() -> new Stage("c", "c", Flow.CRAWL, Module.CRAWLER, List.of("worker"), List.of(),
                List.of(), List.of(), Set.of(), true, Stage.Reuse.NEVER, 1))
                .hasMessageContaining("always-on service");
    }
}
