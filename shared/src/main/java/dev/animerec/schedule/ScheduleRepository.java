package dev.animerec.schedule;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The crawl schedule's write side, shared by the scheduler, the crawler and the serving app: batched,
 * parameterised upserts keyed by the canonical url. The selection of urls to crawl is the scheduler job's.
 */
public class ScheduleRepository {

    private final JdbcTemplate jdbc;

    public ScheduleRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds urls never seen before; existing rows are left untouched. Returns how many were new. */
    public int seed(Collection<MalUrl> urls) {
        int added = 0;
        for (Map.Entry<UrlKind, List<MalUrl>> group : byKind(urls).entrySet()) {
            String sql = "INSERT INTO " + group.getKey().table() + " (url, " + idColumn(group.getKey())
                    + ") VALUES (?, ?) ON CONFLICT (url) DO NOTHING";
            for (int count : jdbc.batchUpdate(sql, rows(group.getValue()))) {
                added += Math.max(count, 0);
            }
        }
        return added;
    }

    /** The url's item was pushed onto the ingestion queue. */
    public void markCrawled(MalUrl url, Instant when) {
        String sql = "INSERT INTO " + url.kind().table() + " (url, " + idColumn(url.kind())
                + ", last_crawled_date, crawled_count) VALUES (?, ?, ?, 1) ON CONFLICT (url) DO UPDATE SET "
                + "last_crawled_date = EXCLUDED.last_crawled_date, crawled_count = "
                + url.kind().table() + ".crawled_count + 1";
        jdbc.update(sql, url.url(), key(url), Timestamp.from(when));
    }

    /** The urls were seen as links while crawling another page. */
    public void markInspected(Collection<MalUrl> urls, Instant when) {
        for (Map.Entry<UrlKind, List<MalUrl>> group : byKind(urls).entrySet()) {
            String table = group.getKey().table();
            String sql = "INSERT INTO " + table + " (url, " + idColumn(group.getKey())
                    + ", last_inspected_date, inspected_count) VALUES (?, ?, ?, 1) ON CONFLICT (url) DO UPDATE SET "
                    + "last_inspected_date = EXCLUDED.last_inspected_date, inspected_count = "
                    + table + ".inspected_count + 1";
            List<Object[]> rows = new ArrayList<>();
            for (MalUrl url : group.getValue()) {
                rows.add(new Object[] {url.url(), key(url), Timestamp.from(when)});
            }
            jdbc.batchUpdate(sql, rows);
        }
    }

    /** The url's crawl failed after its last attempt; the reason is kept on the row and in the dead letters. */
    public void markFailed(MalUrl url, int attempts, String reason, Instant when) {
        String sql = "INSERT INTO " + url.kind().table() + " (url, " + idColumn(url.kind())
                + ", last_failed_date, failed_count, last_failure) VALUES (?, ?, ?, 1, ?) ON CONFLICT (url) DO UPDATE "
                + "SET last_failed_date = EXCLUDED.last_failed_date, last_failure = EXCLUDED.last_failure, "
                + "failed_count = " + url.kind().table() + ".failed_count + 1";
        jdbc.update(sql, url.url(), key(url), Timestamp.from(when), reason);
        jdbc.update("INSERT INTO crawl_dead_letter (url, kind, attempts, reason, failed_at) VALUES (?, ?, ?, ?, ?)",
                url.url(), url.kind().wireName(), attempts, reason, Timestamp.from(when));
    }

    private static String idColumn(UrlKind kind) {
        return kind == UrlKind.ANIME ? "anime_id" : "username";
    }

    private static Object key(MalUrl url) {
        return url.kind() == UrlKind.ANIME ? url.animeId() : url.username();
    }

    private static List<Object[]> rows(List<MalUrl> urls) {
        List<Object[]> rows = new ArrayList<>(urls.size());
        for (MalUrl url : urls) {
            rows.add(new Object[] {url.url(), key(url)});
        }
        return rows;
    }

    /** Groups by kind and drops duplicates (a batch upsert may not touch one row twice). */
    private static Map<UrlKind, List<MalUrl>> byKind(Collection<MalUrl> urls) {
        Map<UrlKind, Map<String, MalUrl>> unique = new LinkedHashMap<>();
        for (MalUrl url : urls) {
            unique.computeIfAbsent(url.kind(), k -> new LinkedHashMap<>()).putIfAbsent(url.url(), url);
        }
        Map<UrlKind, List<MalUrl>> grouped = new LinkedHashMap<>();
        unique.forEach((kind, byUrl) -> grouped.put(kind, List.copyOf(byUrl.values())));
        return grouped;
    }
}
