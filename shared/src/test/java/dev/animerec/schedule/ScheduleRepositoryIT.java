package dev.animerec.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The schedule upserts against a real PostgreSQL with the project's migrations. */
class ScheduleRepositoryIT {

    private static EmbeddedPostgres postgres;
    private static JdbcTemplate jdbc;
    private ScheduleRepository repository;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.start();
        Flyway.configure().dataSource(postgres.getPostgresDatabase()).load().migrate();
        jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void clean() {
        jdbc.execute("TRUNCATE anime_schedule, profile_schedule, crawl_dead_letter");
        repository = new ScheduleRepository(jdbc);
    }

    @Test
    void seedAddsOnlyNewUrlsAndDeduplicates() {
        assertThat(repository.seed(List.of(MalUrl.anime(1), MalUrl.anime(5), MalUrl.anime(1),
                MalUrl.profile("Elizi")))).isEqualTo(3);
        assertThat(repository.seed(List.of(MalUrl.anime(1), MalUrl.anime(15)))).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM anime_schedule", Integer.class)).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT username FROM profile_schedule", String.class)).isEqualTo("Elizi");
        assertThat(repository.seed(List.of(MalUrl.profile("ELIZI")))).as("same user, other spelling").isZero();
        repository.markInspected(List.of(MalUrl.profile("elizi")), Instant.now());
        assertThat(jdbc.queryForObject("SELECT inspected_count FROM profile_schedule", Integer.class)).isEqualTo(1);
    }

    @Test
    void crawledInspectedAndFailedAreCountedUpserts() {
        Instant t1 = Instant.parse("2023-01-01T00:00:00Z");
        Instant t2 = Instant.parse("2023-01-02T00:00:00Z");
        repository.markCrawled(MalUrl.anime(1), t1);
        repository.markCrawled(MalUrl.anime(1), t2);
        repository.markInspected(List.of(MalUrl.anime(1), MalUrl.anime(5), MalUrl.anime(5)), t2);
        repository.markFailed(MalUrl.anime(5), 4, "HTTP 500 after 4 attempts", t2);

        Map<String, Object> one = jdbc.queryForMap("SELECT * FROM anime_schedule WHERE anime_id = 1");
        assertThat(one.get("crawled_count")).isEqualTo(2);
        assertThat(((java.sql.Timestamp) one.get("last_crawled_date")).toInstant()).isEqualTo(t2);
        assertThat(one.get("inspected_count")).isEqualTo(1);
        Map<String, Object> five = jdbc.queryForMap("SELECT * FROM anime_schedule WHERE anime_id = 5");
        assertThat(five.get("inspected_count")).isEqualTo(1);
        assertThat(five.get("crawled_count")).isEqualTo(0);
        assertThat(five.get("failed_count")).isEqualTo(1);
        assertThat(five.get("last_failure")).isEqualTo("HTTP 500 after 4 attempts");
        assertThat(jdbc.queryForObject("SELECT reason FROM crawl_dead_letter WHERE url = ?", String.class,
                "https://myanimelist.net/anime/5")).isEqualTo("HTTP 500 after 4 attempts");
    }
}
