package dev.animerec.batch.schedule;

import dev.animerec.schedule.UrlKind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Picks the next urls to crawl by the priority rules of SYSTEM.md section 1 and marks them scheduled.
 *
 * <p>The order is: never scheduled; then every url whose last scheduling was crawled, or is older than
 * {@link #PENDING_WINDOW}, by longest since crawled, most recently inspected, most often inspected; last,
 * the urls scheduled within the window and not crawled since (probably failing), in the same key order,
 * except those scheduled less than the re-queue hold-off ago: they are still waiting on the queue, and
 * handing them out again would only duplicate queue entries (and would let a picker re-pick what a
 * concurrent picker committed a moment ago).
 * Each tier reads ordered partial indexes (migration V3) and locks with {@code FOR UPDATE SKIP LOCKED},
 * so that concurrent pickers skip each other's rows instead of waiting or doubling them; the picked rows
 * are marked in the same transaction: the caller's, which must be active.
 */
public class ScheduleSelector {

    /** A url scheduled this recently and not crawled since is probably failing: it goes last. */
    public static final Duration PENDING_WINDOW = Duration.ofDays(7);

    private static final String COLUMNS = "url, last_crawled_date, last_inspected_date, inspected_count";
    private static final String KEYS =
            "last_crawled_date ASC NULLS FIRST, last_inspected_date DESC NULLS LAST, inspected_count DESC";
    private static final String NEVER_SCHEDULED = "last_scheduled_date IS NULL";
    private static final String CRAWLED_SINCE_SCHEDULED =
            "last_scheduled_date IS NOT NULL AND last_crawled_date >= last_scheduled_date";
    private static final String AWAITING_CRAWL = "last_scheduled_date IS NOT NULL"
            + " AND (last_crawled_date IS NULL OR last_crawled_date < last_scheduled_date)";

    private static final RowMapper<String> URL = (row, number) -> row.getString("url");

    private final JdbcTemplate jdbc;
    private final Duration requeueHoldoff;

    public ScheduleSelector(JdbcTemplate jdbc, Duration requeueHoldoff) {
        if (requeueHoldoff.isNegative() || requeueHoldoff.compareTo(PENDING_WINDOW) >= 0) {
            throw new IllegalArgumentException("the re-queue hold-off must be between 0 and " + PENDING_WINDOW
                    + ", was " + requeueHoldoff);
        }
        this.jdbc = jdbc;
        this.requeueHoldoff = requeueHoldoff;
    }

    /**
     * Picks at most {@code max} urls of the kind, best first, and marks them scheduled at {@code now}.
     * Rows locked by a concurrent picker are skipped, never handed out twice.
     */
    public List<String> pick(UrlKind kind, int max, Instant now) {
        if (max <= 0) {
            throw new IllegalArgumentException("max must be positive, was " + max);
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.hasResource(jdbc.getDataSource())) {
            throw new IllegalStateException("picking urls needs a transaction on the schedule's DataSource:"
                    + " the locks and the marks must commit together");
        }
        String table = kind.table();
        Object cutoff = now.minus(PENDING_WINDOW).atOffset(ZoneOffset.UTC);
        List<String> picked = new ArrayList<>(max);

        picked.addAll(jdbc.query(lockedTier(table, NEVER_SCHEDULED), URL, max));
        if (picked.size() < max) {
            picked.addAll(pickMiddleTier(table, max - picked.size(), cutoff));
        }
        if (picked.size() < max) {
            String last = AWAITING_CRAWL + " AND last_scheduled_date > ? AND last_scheduled_date <= ?";
            picked.addAll(jdbc.query(lockedTier(table, last), URL, cutoff,
                    now.minus(requeueHoldoff).atOffset(ZoneOffset.UTC), max - picked.size()));
        }
        if (!picked.isEmpty()) {
            markScheduled(table, picked, now);
        }
        return picked;
    }

    /**
     * The middle tier is the union of two partial indexes, and Postgres cannot lock rows through a UNION.
     * So an unlocked merge of the two ordered scans finds the candidates, and a second statement locks the
     * best of them that no concurrent picker holds (re-checking that they are still in the tier). When
     * some were skipped, the candidate window grows until enough are locked or the tier is exhausted.
     */
    private List<String> pickMiddleTier(String table, int wanted, Object cutoff) {
        String tier = "(" + CRAWLED_SINCE_SCHEDULED + ") OR (" + AWAITING_CRAWL + " AND last_scheduled_date <= ?)";
        // The failing urls come from a range scan by scheduling date, sorted: OFFSET 0 keeps the planner
        // from "optimising" it into an ordered scan that filters out every recently scheduled url.
        String failing = "SELECT " + COLUMNS + " FROM (SELECT " + COLUMNS + " FROM " + table + " WHERE "
                + AWAITING_CRAWL + " AND last_scheduled_date <= ? OFFSET 0) AS failing ORDER BY " + KEYS + " LIMIT ?";
        String candidatesSql = "SELECT url FROM ((" + orderedTier(table, CRAWLED_SINCE_SCHEDULED) + ") UNION ALL ("
                + failing + ")) AS tier ORDER BY " + KEYS + " LIMIT ?";
        String lockSql = "SELECT url FROM " + table + " WHERE url = ANY (?) AND (" + tier + ")"
                + " ORDER BY " + KEYS + " LIMIT ? FOR UPDATE SKIP LOCKED";
        Set<String> picked = new LinkedHashSet<>();
        int window = wanted;
        while (true) {
            List<String> candidates = jdbc.query(candidatesSql, URL, window, cutoff, window, window);
            String[] fresh = candidates.stream().filter(url -> !picked.contains(url)).toArray(String[]::new);
            int missing = wanted - picked.size();
            picked.addAll(jdbc.query(connection -> {
                var statement = connection.prepareStatement(lockSql);
                statement.setArray(1, connection.createArrayOf("text", fresh));
                statement.setObject(2, cutoff);
                statement.setInt(3, missing);
                return statement;
            }, URL));
            if (picked.size() >= wanted || candidates.size() < window) {
                return new ArrayList<>(picked);
            }
            window += wanted - picked.size();
        }
    }

    private static String orderedTier(String table, String condition) {
        return "SELECT " + COLUMNS + " FROM " + table + " WHERE " + condition + " ORDER BY " + KEYS + " LIMIT ?";
    }

    private static String lockedTier(String table, String condition) {
        return orderedTier(table, condition) + " FOR UPDATE SKIP LOCKED";
    }

    private void markScheduled(String table, List<String> urls, Instant now) {
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("UPDATE " + table
                    + " SET last_scheduled_date = ?, scheduled_count = scheduled_count + 1 WHERE url = ANY (?)");
            statement.setObject(1, now.atOffset(ZoneOffset.UTC));
            statement.setArray(2, connection.createArrayOf("text", urls.toArray()));
            return statement;
        });
    }
}
