package dev.animerec.batch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One real PostgreSQL for all integration tests of the JVM, migrated with the project's Flyway scripts,
 * stopped when the JVM exits.
 */
public final class TestDatabase {

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;

    private TestDatabase() {
    }

    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "100").start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            dataSource = postgres.getPostgresDatabase();
            Flyway.configure().dataSource(dataSource).load().migrate();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    System.err.println("could not stop the test PostgreSQL: " + e.getMessage());
                }
            }));
        }
        return postgres;
    }

    /** Always the same instance: a transaction manager and a JdbcTemplate must share it to share a transaction. */
    public static synchronized DataSource dataSource() {
        postgres();
        return dataSource;
    }

    public static String jdbcUrl() {
        return postgres().getJdbcUrl("postgres", "postgres");
    }

    /** Empties the schedule, the crawl queue and the batch job repository. */
    public static void clean(JdbcTemplate jdbc) {
        jdbc.execute("TRUNCATE anime_schedule, profile_schedule, crawl_dead_letter, int_channel_message,"
                + " batch_step_execution_context, batch_job_execution_context, batch_step_execution,"
                + " batch_job_execution_params, batch_job_execution, batch_job_instance");
    }
}
