package dev.animerec.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line parses without starting anything; bad arguments are clear errors (exit code 2). */
class AnimeRecCommandTest {

    private final StringWriter err = new StringWriter();
    private final CommandLine commandLine = new CommandLine(new AnimeRecCommand()).setErr(new PrintWriter(err));

    @Test
    void listsTheSubcommands() {
        assertThat(commandLine.getSubcommands()).containsOnlyKeys("schedule", "seed", "jobs", "scheduler", "import", "etl", "publish");
        assertThat(commandLine.getSubcommands().get("jobs").getSubcommands()).containsOnlyKeys("list", "restart");
    }

    @Test
    void scheduleNeedsAKnownKindAndAMax() {
        assertThat(commandLine.execute("schedule", "--kind", "manga", "--max", "5")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown url kind 'manga'");
        assertThat(commandLine.execute("schedule", "--kind", "anime")).isEqualTo(2);
        assertThat(err.toString()).contains("--max");
    }

    @Test
    void parsesScheduleAndSchedulerOptions() {
        CommandLine.ParseResult schedule = commandLine.parseArgs("schedule", "--kind", "profile", "--max", "500");
        ScheduleCommand command = (ScheduleCommand) schedule.subcommand().commandSpec().userObject();
        assertThat(command.kind).hasToString("PROFILE");
        assertThat(command.max).isEqualTo(500);

        CommandLine.ParseResult scheduler = new CommandLine(new AnimeRecCommand())
                .parseArgs("scheduler", "--delay", "PT30S", "--anime-max", "100", "--port", "9090");
        SchedulerCommand loop = (SchedulerCommand) scheduler.subcommand().commandSpec().userObject();
        assertThat(loop.delay).hasSeconds(30);
        assertThat(loop.animeMax).isEqualTo(100);
        assertThat(loop.profileMax).isNull();
        assertThat(loop.port).isEqualTo(9090);
        assertThat(ApplicationContexts.arguments(loop.overrides())).containsExactly(
                "--animerec.schedule.anime-max-urls=100", "--animerec.schedule.fixed-delay=PT30S",
                "--animerec.scheduler.enabled=true", "--server.port=9090");
    }

    @Test
    void jobsRestartNeedsANumericId() {
        assertThat(commandLine.execute("jobs", "restart", "last")).isEqualTo(2);
        assertThat(err.toString()).contains("ID");
    }
}
