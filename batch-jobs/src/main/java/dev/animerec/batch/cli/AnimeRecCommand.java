package dev.animerec.batch.cli;

import picocli.CommandLine.Command;

/** The top-level command; each subcommand is its own class (the lead adds demo, etl, import, publish). */
@Command(name = "anime-rec", mixinStandardHelpOptions = true,
        description = "anime-rec batch side: crawl scheduling, seeding and job operations.",
        subcommands = {
            ScheduleCommand.class,
            SeedCommand.class,
            JobsCommand.class,
            SchedulerCommand.class,
        })
public class AnimeRecCommand {
}
