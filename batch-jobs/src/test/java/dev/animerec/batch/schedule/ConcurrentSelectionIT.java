package dev.animerec.batch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.animerec.batch.TestDatabase;
import dev.animerec.schedule.UrlKind;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** N pickers at the same time over one table never hand out the same url. */
class ConcurrentSelectionIT {

    private static final int PICKERS = 8;
    private static final int ROUNDS = 5;
    private static final int PER_PICK = 100;

    @Test
    void parallelSelectionsReturnDisjointSets() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.dataSource());
        TestDatabase.clean(jdbc);
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        // Every tier is populated, and the demand (8 x 5 x 100 = 4,000) exceeds the 2,900 eligible rows
        // (100 were scheduled 10 minutes ago, within the re-queue hold-off), so the pickers run out of rows
        // and compete for the last tier too.
        jdbc.update("INSERT INTO anime_schedule (url, anime_id, last_inspected_date, inspected_count)"
                + " SELECT 'https://myanimelist.net/anime/' || i, i, ?::timestamptz - i * interval '1 minute', i % 7"
                + " FROM generate_series(1, 1000) i", Timestamp.from(now));
        jdbc.update("INSERT INTO anime_schedule (url, anime_id, last_scheduled_date, scheduled_count,"
                + " last_crawled_date, crawled_count) SELECT 'https://myanimelist.net/anime/' || i, i,"
                + " ?::timestamptz - interval '30 days', 1, ?::timestamptz - i * interval '1 minute', 1"
                + " FROM generate_series(1001, 2000) i", Timestamp.from(now), Timestamp.from(now));
        jdbc.update("INSERT INTO anime_schedule (url, anime_id, last_scheduled_date, scheduled_count)"
                + " SELECT 'https://myanimelist.net/anime/' || i, i, ?::timestamptz - CASE WHEN i % 10 = 0"
                + " THEN interval '10 minutes' ELSE (i % 10) * interval '1 day' END, 1"
                + " FROM generate_series(2001, 3000) i", Timestamp.from(now));

        ScheduleSelector selector = new ScheduleSelector(jdbc, Duration.ofHours(1));
        TransactionTemplate transaction =
                new TransactionTemplate(new DataSourceTransactionManager(TestDatabase.dataSource()));
        ExecutorService pool = Executors.newFixedThreadPool(PICKERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int p = 0; p < PICKERS; p++) {
            results.add(pool.submit(() -> {
                start.await();
                List<String> mine = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    mine.addAll(transaction.execute(status -> selector.pick(UrlKind.ANIME, PER_PICK, now)));
                }
                return mine;
            }));
        }
        start.countDown();
        List<String> all = new ArrayList<>();
        for (Future<List<String>> result : results) {
            all.addAll(result.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        Set<String> distinct = new HashSet<>(all);
        assertThat(distinct).hasSameSizeAs(all);
        assertThat(all).hasSize(2900);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM anime_schedule WHERE last_scheduled_date = ?",
                Integer.class, Timestamp.from(now))).isEqualTo(all.size());
    }
}
