package dev.animerec.batch.warehouse;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the ETL's SQL runs: DuckDB over the local landing files, or BigQuery. The ETL's statements are
 * written once in the dialect subset both accept (see README, "SQL dialect rules"); a warehouse only
 * exposes the landing data as {@code landing.<kind>} and publishes the finished tables.
 */
public interface Warehouse extends AutoCloseable {

    /** Makes every item kind's landing data readable as {@code landing.<kind>} (empty if none landed yet). */
    void prepareLanding();

    /** Runs one statement; returns the number of rows it affected where the warehouse reports it, else -1. */
    long execute(String sql);

    /** Runs a query returning a single number. */
    long queryLong(String sql);

    /** Runs a query and returns at most {@code limit} rows, column name to value. */
    List<Map<String, Object>> query(String sql, int limit);

    /**
     * Publishes the finished tables as one new processed version, atomically: readers see either the previous
     * version or the whole new one. {@code tables} maps the published name to the finished work table.
     */
    void publish(String version, Map<String, String> tables);

    /** The processed version readers currently see, if any. */
    Optional<String> currentVersion();

    @Override
    void close();
}
