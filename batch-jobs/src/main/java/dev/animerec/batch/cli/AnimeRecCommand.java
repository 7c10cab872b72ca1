package dev.animerec.batch.cli;

import picocli.CommandLine.Command;

/** The top-level command of the batch side; each subcommand is its own class. */
@Command(name = "anime-rec", mixinStandardHelpOptions = true,
        description = "anime-rec batch side: crawl scheduling, seeding, import, ETL and job operations.",
        subcommands = {
            ScheduleCommand.class,
            SeedCommand.class,
            JobsCommand.class,
            SchedulerCommand.class,
            ImportCommand.class,
            EtlCommand.class,
            PublishCommand.class,
        })
public class AnimeRecCommand {
}
