package dev.animerec.batch.cli;

import dev.animerec.batch.seed.SnapshotSeeder;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "seed", mixinStandardHelpOptions = true,
        description = "Seed anime_schedule and profile_schedule from a snapshot folder"
                + " (anime_info.csv.gz, animelist_2023.csv.gz).")
class SeedCommand implements Callable<Integer> {

    @Option(names = "--snapshot", required = true, description = "the snapshot folder, e.g. data/snapshot")
    Path snapshot;

    @Override
    public Integer call() throws Exception {
        try (ConfigurableApplicationContext context = ApplicationContexts.withoutWebServer()) {
            System.out.println(context.getBean(SnapshotSeeder.class).seed(snapshot));
            return 0;
        }
    }
}
