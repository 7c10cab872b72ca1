package dev.animerec.batch.warehouse;

import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.TableResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Google Cloud warehouse: the ETL's statements run unchanged as BigQuery standard-SQL jobs, with the
 * dataset names {@code landing}, {@code staging}, {@code work} and {@code processed} in the job's project.
 * The landing tables are written by the ingestion job (BigQueryIO) with the schemas generated from the item
 * contracts, so {@link #prepareLanding()} only makes sure the working datasets exist.
 *
 * <p>This adapter is deliberately thin: it builds the jobs and hands them to a {@link QueryRunner}. Its tests
 * check the jobs it builds; BigQuery itself cannot be reached from the build machine.
 */
public class BigQueryWarehouse implements Warehouse {

    /** Runs one query job; the production runner is {@code BigQuery::query}. */
    @FunctionalInterface
    public interface QueryRunner {
        TableResult run(QueryJobConfiguration job) throws InterruptedException;
    }

    private final QueryRunner runner;
    private final Map<String, String> labels;

    public BigQueryWarehouse(QueryRunner runner) {
        this.runner = runner;
        this.labels = Map.of("app", "anime-rec", "stage", "etl");
    }

    @Override
    public void prepareLanding() {
        for (String dataset : List.of("landing", "staging", "work", "processed")) {
            execute("CREATE SCHEMA IF NOT EXISTS " + dataset);
        }
    }

    @Override
    public long execute(String sql) {
        TableResult result = run(sql);
        return result.getTotalRows();
    }

    @Override
    public long queryLong(String sql) {
        TableResult result = run(sql);
        for (FieldValueList row : result.iterateAll()) {
            return row.get(0).getLongValue();
        }
        throw new WarehouseException("no row from: " + sql, null);
    }

    @Override
    public List<Map<String, Object>> query(String sql, int limit) {
        TableResult result = run(sql);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (FieldValueList values : result.iterateAll()) {
            if (rows.size() == limit) {
                break;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < result.getSchema().getFields().size(); i++) {
                row.put(result.getSchema().getFields().get(i).getName(), values.get(i).getValue());
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * Replaces the processed tables' rows and records the version in one multi-statement transaction, so
     * readers see the old or the new version, never a mix. Tables are created (empty) on first publication,
     * outside the transaction, because BigQuery transactions take DML only.
     */
    @Override
    public void publish(String version, Map<String, String> tables) {
        execute("CREATE TABLE IF NOT EXISTS processed.versions (version STRING, published_at TIMESTAMP)");
        StringBuilder transaction = new StringBuilder("BEGIN TRANSACTION;\n");
        for (Map.Entry<String, String> table : tables.entrySet()) {
            String target = "processed." + table.getKey();
            execute("CREATE TABLE IF NOT EXISTS " + target + " AS SELECT * FROM " + table.getValue() + " WHERE FALSE");
            transaction.append("DELETE FROM ").append(target).append(" WHERE TRUE;\n")
                    .append("INSERT INTO ").append(target).append(" SELECT * FROM ").append(table.getValue())
                    .append(";\n");
        }
        transaction.append("INSERT INTO processed.versions (version, published_at) VALUES (@version, CURRENT_TIMESTAMP());\n")
                .append("COMMIT TRANSACTION;");
        QueryJobConfiguration job = base(transaction.toString())
                .addNamedParameter("version", com.google.cloud.bigquery.QueryParameterValue.string(version))
                .build();
        submit(job);
    }

    @Override
    public Optional<String> currentVersion() {
        List<Map<String, Object>> rows = query("SELECT version FROM processed.versions ORDER BY published_at DESC LIMIT 1", 1);
        return rows.isEmpty() ? Optional.empty() : Optional.of(String.valueOf(rows.get(0).get("version")));
    }

    @Override
    public void close() {
        // The BigQuery client holds no connection of ours.
    }

    private TableResult run(String sql) {
        return submit(base(sql).build());
    }

    private QueryJobConfiguration.Builder base(String sql) {
        return QueryJobConfiguration.newBuilder(sql).setUseLegacySql(false).setLabels(labels);
    }

    private TableResult submit(QueryJobConfiguration job) {
        try {
            return runner.run(job);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WarehouseException("interrupted while BigQuery ran: " + job.getQuery(), e);
        } catch (RuntimeException e) {
            throw new WarehouseException("BigQuery failed on: " + job.getQuery() + ": " + e.getMessage(), e);
        }
    }
}
