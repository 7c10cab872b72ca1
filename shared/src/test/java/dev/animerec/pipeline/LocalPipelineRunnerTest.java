package dev.animerec.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPipelineRunnerTest {

    @TempDir
    Path home;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    private LocalPipelineRunner planned(Source source) {
        LocalPipelineRunner runner = new LocalPipelineRunner(source, home, Path.of(""),
                new PrintStream(output, true, StandardCharsets.UTF_8), false);
        runner.plan();
        return runner;
    }

    private static List<String> names(LocalPipelineRunner runner) {
        return runner.tasks().stream().map(LocalPipelineRunner.Task::name).toList();
    }

    @Test
    void firstRunRunsEveryStageWithTheSparkStagesInOneJvm() {
        assertThat(names(planned(Source.SNAPSHOT))).containsExactly("import-snapshot", "seed-schedule",
                "schedule-anime", "schedule-profiles", "ingest", "etl", "ml-prepare..ml-evaluate", "publish");
    }

    @Test
    void secondRunReusesFinishedStagesButRepublishes() {
        RunState state = RunState.load(home);
        for (Stage stage : PipelineDefinition.local(Source.SNAPSHOT)) {
            state.record(stage.id(), new RunState.Finished("2026-11-26T00:00:00Z", 10, "SNAPSHOT"));
        }
        LocalPipelineRunner runner = planned(Source.SNAPSHOT);
        assertThat(names(runner)).containsExactly("schedule-anime", "schedule-profiles", "publish");
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("reuse   etl");
    }

    @Test
    void aStageRunsAgainWhenSomethingItDependsOnRuns() {
        RunState state = RunState.load(home);
        for (Stage stage : PipelineDefinition.local(Source.SNAPSHOT)) {
            if (!stage.id().equals("ingest")) {
                state.record(stage.id(), new RunState.Finished("2026-11-26T00:00:00Z", 10, "SNAPSHOT"));
            }
        }
        assertThat(names(planned(Source.SNAPSHOT))).containsExactly("schedule-anime", "schedule-profiles", "ingest",
                "etl", "ml-prepare..ml-evaluate", "publish");
    }

    @Test
    void fusedSparkCommandRunsTheStepsInOrderInOneMlCli() {
        LocalPipelineRunner.Task spark = planned(Source.SNAPSHOT).tasks().stream()
                .filter(task -> task.module() == Module.SPARK_ML).findFirst().orElseThrow();
        assertThat(spark.arguments(home)).containsExactly("prepare,retrieve,rank,infer,similar,evaluate", "--home", home.toString());
    }

    @Test
    void etaFollowsTheCriticalPathOfExpectedDurations() {
        LocalPipelineRunner runner = planned(Source.SNAPSHOT);
        long expected = 0;
        for (String id : List.of("import-snapshot", "ingest", "etl", "ml-prepare", "ml-retrieve", "ml-rank",
                "ml-infer", "ml-similar", "ml-evaluate", "publish")) {
            expected += PipelineDefinition.stage(id).expectedSeconds();
        }
        assertThat(runner.remainingSeconds(System.nanoTime())).isEqualTo(expected);
    }

    @Test
    void clockFormatsMinutesAndHours() {
        assertThat(LocalPipelineRunner.clock(75)).isEqualTo("1:15");
        assertThat(LocalPipelineRunner.clock(3725)).isEqualTo("1:02:05");
    }
}
