package dev.animerec.batch.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.animerec.batch.TestDatabase;
import dev.animerec.schedule.UrlKind;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The priority rules of SYSTEM.md section 1, one at a time, with hand-built rows on a real PostgreSQL. */
class ScheduleSelectorIT {

    private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");

    private final JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.dataSource());
    private final TransactionTemplate transaction =
            new TransactionTemplate(new DataSourceTransactionManager(TestDatabase.dataSource()));
    private final ScheduleSelector selector = new ScheduleSelector(jdbc, Duration.ofHours(1));

    @BeforeEach
    void clean() {
        TestDatabase.clean(jdbc);
    }

    @Test
    void neverScheduledComesFirst() {
        anime(1, days(30), days(29), days(0), 100);
        anime(2, null, null, null, 0);

        assertThat(pick(UrlKind.ANIME, 2)).containsExactly(url(2), url(1));
    }

    @Test
    void scheduledWithinSevenDaysAndNotCrawledSinceGoesLast() {
        anime(1, days(2), null, days(0), 50);       // scheduled 2 days ago, never crawled: probably failing
        anime(2, days(3), days(4), days(0), 50);    // crawled before its last scheduling 3 days ago: same
        anime(3, days(20), days(1), null, 0);       // crawled since its scheduling: normal
        anime(4, days(8), null, null, 0);           // waiting for 8 days: out of the window, normal again

        assertThat(pick(UrlKind.ANIME, 4)).containsExactly(url(4), url(3), url(1), url(2));
    }

    @Test
    void longestSinceCrawledBeforeMoreRecentlyOrMoreOftenInspected() {
        anime(1, days(11), days(10), days(0), 90);
        anime(2, days(31), days(30), null, 0);
        anime(3, days(21), days(20), days(5), 1);

        assertThat(pick(UrlKind.ANIME, 3)).containsExactly(url(2), url(3), url(1));
    }

    @Test
    void mostRecentlyInspectedBreaksTiesOfCrawlDate() {
        anime(1, days(11), days(10), days(6), 90);
        anime(2, days(11), days(10), null, 90);
        anime(3, days(11), days(10), days(1), 1);

        assertThat(pick(UrlKind.ANIME, 3)).containsExactly(url(3), url(1), url(2));
    }

    @Test
    void highestInspectedCountBreaksTiesOfCrawlAndInspectionDates() {
        anime(1, null, null, days(1), 3);
        anime(2, null, null, days(1), 30);
        anime(3, null, null, days(1), 0);

        assertThat(pick(UrlKind.ANIME, 3)).containsExactly(url(2), url(1), url(3));
    }

    @Test
    void pickedRowsAreMarkedScheduledAndTheOthersAreUntouched() {
        anime(1, null, null, null, 0);
        anime(2, days(10), days(9), null, 0);
        jdbc.update("UPDATE anime_schedule SET scheduled_count = 4 WHERE anime_id = 2");

        assertThat(pick(UrlKind.ANIME, 1)).containsExactly(url(1));
        assertThat(pick(UrlKind.ANIME, 5)).containsExactly(url(2));

        Map<String, Object> one = jdbc.queryForMap("SELECT * FROM anime_schedule WHERE anime_id = 1");
        assertThat(((Timestamp) one.get("last_scheduled_date")).toInstant()).isEqualTo(NOW);
        assertThat(one.get("scheduled_count")).isEqualTo(1);
        Map<String, Object> two = jdbc.queryForMap("SELECT * FROM anime_schedule WHERE anime_id = 2");
        assertThat(two.get("scheduled_count")).isEqualTo(5);
    }

    @Test
    void urlStillWithinTheRequeueHoldOffIsNotHandedOutAgain() {
        anime(1, NOW.minus(Duration.ofMinutes(10)), null, null, 0);
        anime(2, NOW.minus(Duration.ofHours(2)), null, null, 0);

        assertThat(pick(UrlKind.ANIME, 2)).containsExactly(url(2));
    }

    @Test
    void profilesUseTheirOwnTable() {
        jdbc.update("INSERT INTO profile_schedule (url, username) VALUES (?, ?)",
                "https://myanimelist.net/profile/Elizi", "Elizi");
        anime(1, null, null, null, 0);

        assertThat(pick(UrlKind.PROFILE, 5)).containsExactly("https://myanimelist.net/profile/Elizi");
    }

    @Test
    void pickingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> selector.pick(UrlKind.ANIME, 1, NOW))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transaction");
    }

    @Test
    void pickingInATransactionOfAnotherDataSourceIsRefused() {
        TransactionTemplate elsewhere = new TransactionTemplate(
                new DataSourceTransactionManager(TestDatabase.postgres().getPostgresDatabase()));
        assertThatThrownBy(() -> elsewhere.execute(status -> selector.pick(UrlKind.ANIME, 1, NOW)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transaction");
    }

    private List<String> pick(UrlKind kind, int max) {
        return transaction.execute(status -> selector.pick(kind, max, NOW));
    }

    private static Instant days(int ago) {
        return NOW.minus(Duration.ofDays(ago));
    }

    private static String url(int animeId) {
        return "https://myanimelist.net/anime/" + animeId;
    }

    private void anime(int id, Instant scheduled, Instant crawled, Instant inspected, int inspectedCount) {
        jdbc.update("INSERT INTO anime_schedule (url, anime_id, last_scheduled_date, scheduled_count,"
                        + " last_crawled_date, crawled_count, last_inspected_date, inspected_count)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                url(id), id, timestamp(scheduled), scheduled == null ? 0 : 1, timestamp(crawled),
                crawled == null ? 0 : 1, timestamp(inspected), inspectedCount);
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
