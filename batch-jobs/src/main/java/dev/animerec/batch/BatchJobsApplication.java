package dev.animerec.batch;

import dev.animerec.batch.cli.AnimeRecCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import picocli.CommandLine;

/**
 * The batch side of anime-rec: crawl scheduling, seeding, job operations (and later ETL and publishing).
 * The command line is parsed first, so {@code --help} or a typo never starts a database; each command then
 * starts the Spring context it needs (a web server only for the long-running {@code scheduler}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BatchJobsApplication {

    public static void main(String[] args) {
        System.exit(new CommandLine(new AnimeRecCommand()).execute(args));
    }
}
