package dev.animerec.batch;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.animerec.batch.cli.AnimeRecCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
        quietLogging();
        System.exit(new CommandLine(new AnimeRecCommand()).execute(args));
    }

    /**
     * Commands that run without a Spring context (import, the benchmarks) would otherwise get logback's
     * default DEBUG console; Spring applies application.yml's levels when a context starts.
     */
    public static void quietLogging() {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        logging.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        logging.getLogger("dev.animerec").setLevel(Level.INFO);
    }
}
