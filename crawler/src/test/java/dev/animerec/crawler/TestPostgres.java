package dev.animerec.crawler;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One real PostgreSQL per test JVM with the project's Flyway migrations (those of {@code shared}), started on
 * first use and stopped when the JVM exits; each test cleans the tables it reads.
 */
public final class TestPostgres {

    private static EmbeddedPostgres postgres;

    private TestPostgres() {
    }

    public static synchronized DataSource dataSource() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            Flyway.configure().dataSource(postgres.getPostgresDatabase()).load().migrate();
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    System.err.println("could not stop embedded PostgreSQL: " + e);
                }
            }));
        }
        return postgres.getPostgresDatabase();
    }

    public static String jdbcUrl() {
        dataSource();
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public static JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource());
    }

    /** Empties the schedule, the dead letters and the local crawl queue. */
    public static void clean() {
        jdbc().execute("TRUNCATE anime_schedule, profile_schedule, crawl_dead_letter, int_channel_message");
    }
}
