package dev.animerec.batch.bench;

import dev.animerec.bench.BenchFigures;
import dev.animerec.batch.schedule.ScheduleSelector;
import dev.animerec.schedule.UrlKind;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Benchmark of the crawl selection: fills a throwaway PostgreSQL (the project's migrations, data in a
 * temporary folder removed at the end) with ROWS anime schedule rows in a realistic mix of the priority tiers,
 * then times picks of PICK urls (lock + mark + commit) and prints the executed statements' plans with
 * {@code EXPLAIN (ANALYZE, BUFFERS)} (through auto_explain, so the plans are those of the real statements).
 *
 * <p>Usage: {@code SelectionBenchmark [ROWS=5000000] [PICK=10000] [RUNS=5]}.
 */
public final class SelectionBenchmark {

    private static final int FILL_BATCH = 500_000;

    private SelectionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
        int pick = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path data = Files.createTempDirectory("anime-rec-selection-bench");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(true)
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("maintenance_work_mem", "512MB")
                .setServerConfig("max_wal_size", "4GB")
                .start();
                Connection connection = postgres.getPostgresDatabase().getConnection()) {
            SingleConnectionDataSource dataSource = new SingleConnectionDataSource(connection, true);
            Flyway.configure().dataSource(dataSource).load().migrate();
            PlanCapturingJdbcTemplate jdbc = new PlanCapturingJdbcTemplate(dataSource);
            fill(jdbc, rows);
            printTiers(jdbc);

            ScheduleSelector selector = new ScheduleSelector(jdbc, Duration.ofHours(1));
            TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            List<Long> millis = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                long started = System.nanoTime();
                List<String> picked = transaction.execute(status -> selector.pick(UrlKind.ANIME, pick, Instant.now()));
                long took = (System.nanoTime() - started) / 1_000_000;
                millis.add(took);
                System.out.printf("run %d: picked and marked %,d of %,d urls in %,d ms (wall, incl. commit)%n",
                        run, picked.size(), rows, took);
            }

            // One more pick with auto_explain on, rolled back: the plans of exactly the statements pick() runs.
            jdbc.execute("LOAD 'auto_explain'");
            jdbc.execute("SET auto_explain.log_min_duration = 0");
            jdbc.execute("SET auto_explain.log_analyze = on");
            jdbc.execute("SET auto_explain.log_buffers = on");
            jdbc.execute("SET auto_explain.log_level = notice");
            jdbc.execute("SET client_min_messages = notice");
            jdbc.capturing = true;
            transaction.execute(status -> {
                selector.pick(UrlKind.ANIME, pick, Instant.now());
                status.setRollbackOnly();
                return null;
            });
            jdbc.capturing = false;
            System.out.println("\n=== EXPLAIN (ANALYZE, BUFFERS) of the statements of one pick (rolled back) ===");
            // The lock statement's plan quotes its 10,000 urls: long lines are cut.
            jdbc.plans.forEach(plan -> System.out.println(plan.lines()
                    .map(line -> line.length() > 240 ? line.substring(0, 240) + " ..." : line)
                    .collect(java.util.stream.Collectors.joining("\n")) + "\n"));

            List<Long> sorted = millis.stream().sorted().toList();
            long median = sorted.get(sorted.size() / 2);
            System.out.printf("%nSUMMARY rows=%,d pick=%,d runs=%d: median %,d ms, min %,d ms, max %,d ms; target < 2,000 ms: %s%n",
                    rows, pick, runs, median, sorted.get(0), sorted.get(sorted.size() - 1),
                    median < 2_000 ? "met" : "NOT met");
            BenchFigures figures = new BenchFigures();
            String picks = String.format("pick %,d of %,d urls (%d runs)", pick, rows, runs);
            figures.add(picks + ": median", median, "ms");
            figures.add(picks + ": min", sorted.get(0), "ms");
            figures.add(picks + ": max", sorted.get(sorted.size() - 1), "ms");
            figures.writeIfRequested();
        }
    }

    /**
     * A realistic mix (ids 1..rows, seeded random so every run is the same):
     * 0.1 % never scheduled, 10 % scheduled within the last 7 days and not crawled since (half of them never
     * crawled), 1 % scheduled 8-60 days ago and not crawled since, the rest crawled after their last
     * scheduling, crawl dates spread over a year; two thirds have been inspected, up to 50 times.
     */
    private static void fill(JdbcTemplate jdbc, int rows) {
        long started = System.nanoTime();
        jdbc.execute("SET synchronous_commit = off");
        jdbc.queryForList("SELECT setseed(0.42)");
        for (int from = 1; from <= rows; from += FILL_BATCH) {
            int to = Math.min(rows, from + FILL_BATCH - 1);
            jdbc.update("""
                    INSERT INTO anime_schedule (url, anime_id, last_scheduled_date, scheduled_count, last_crawled_date,
                                                crawled_count, last_inspected_date, inspected_count)
                    SELECT 'https://myanimelist.net/anime/' || i, i, scheduled, CASE WHEN scheduled IS NULL THEN 0 ELSE 1 END,
                           crawled, CASE WHEN crawled IS NULL THEN 0 ELSE 1 END, inspected,
                           CASE WHEN inspected IS NULL THEN 0 ELSE 1 + (random() * 49)::int END
                    FROM (
                        SELECT i, tier,
                               CASE tier WHEN 'never' THEN NULL
                                         WHEN 'recent' THEN now() - random() * interval '7 days'
                                         WHEN 'old' THEN now() - interval '8 days' - random() * interval '52 days'
                                         ELSE crawled_at - random() * interval '3 days' END AS scheduled,
                               CASE tier WHEN 'never' THEN NULL
                                         WHEN 'recent' THEN CASE WHEN random() < 0.5 THEN NULL ELSE now() - interval '8 days' - random() * interval '300 days' END
                                         WHEN 'old' THEN CASE WHEN random() < 0.5 THEN NULL ELSE now() - interval '61 days' - random() * interval '300 days' END
                                         ELSE crawled_at END AS crawled,
                               CASE WHEN random() < 0.67 THEN now() - random() * interval '365 days' END AS inspected
                        FROM (
                            SELECT i, now() - random() * interval '365 days' AS crawled_at,
                                   CASE WHEN r < 0.001 THEN 'never' WHEN r < 0.101 THEN 'recent'
                                        WHEN r < 0.111 THEN 'old' ELSE 'crawled' END AS tier
                            FROM (SELECT i, random() AS r FROM generate_series(?, ?) i) numbered
                        ) drawn
                    ) rows
                    """, from, to);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("filled %,d / %,d rows (%,.0f rows/s)%n", to, rows, to / seconds);
        }
        jdbc.execute("VACUUM ANALYZE anime_schedule");
        jdbc.execute("SET synchronous_commit = on");
        System.out.printf("fill + VACUUM ANALYZE took %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private static void printTiers(JdbcTemplate jdbc) {
        for (Map<String, Object> row : jdbc.queryForList("""
                SELECT CASE WHEN last_scheduled_date IS NULL THEN 'never scheduled'
                            WHEN last_crawled_date >= last_scheduled_date THEN 'crawled since scheduled'
                            WHEN last_scheduled_date > now() - interval '7 days' THEN 'awaiting crawl, < 7 days'
                            ELSE 'awaiting crawl, >= 7 days' END AS tier, count(*) AS rows
                FROM anime_schedule GROUP BY 1 ORDER BY 1""")) {
            System.out.printf("  %-26s %,d rows%n", row.get("tier"), ((Number) row.get("rows")).longValue());
        }
        for (Map<String, Object> row : jdbc.queryForList("""
                SELECT c.relname AS name, pg_size_pretty(pg_relation_size(c.oid)) AS size
                FROM pg_class c WHERE c.relname LIKE 'anime_schedule%' ORDER BY c.relname""")) {
            System.out.printf("  %-40s %s%n", row.get("name"), row.get("size"));
        }
    }

    /** Collects the NOTICEs that auto_explain sends for each statement: the plans. */
    private static final class PlanCapturingJdbcTemplate extends JdbcTemplate {

        private final List<String> plans = new ArrayList<>();
        private boolean capturing;

        PlanCapturingJdbcTemplate(SingleConnectionDataSource dataSource) {
            super(dataSource);
        }

        @Override
        protected void handleWarnings(Statement statement) throws SQLException {
            if (capturing) {
                for (SQLWarning warning = statement.getWarnings(); warning != null; warning = warning.getNextWarning()) {
                    plans.add(warning.getMessage());
                }
            }
        }
    }
}
