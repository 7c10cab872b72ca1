package dev.animerec.batch.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.gax.paging.Page;
import com.google.cloud.PageImpl;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldList;
import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.StandardSQLTypeName;
import com.google.cloud.bigquery.TableResult;
import dev.animerec.batch.etl.EtlStages;
import dev.animerec.items.ItemKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The BigQuery adapter is thin: this checks the jobs it builds when the whole ETL runs through it (BigQuery
 * itself is not reachable from here; every query "answers" 0 rows / count 0). The SQL itself is exercised for
 * real by the DuckDB tests, being the same text.
 */
class BigQueryWarehouseTest {

    private final List<QueryJobConfiguration> jobs = new ArrayList<>();

    private TableResult answerZero(QueryJobConfiguration job) {
        jobs.add(job);
        FieldList fields = FieldList.of(Field.of("n", StandardSQLTypeName.INT64));
        FieldValueList row = FieldValueList.of(List.of(FieldValue.of(FieldValue.Attribute.PRIMITIVE, "0")), fields);
        Page<FieldValueList> page = new PageImpl<>(null, null, List.of(row));
        return TableResult.newBuilder().setSchema(Schema.of(fields)).setTotalRows(1L).setPageNoSchema(page).build();
    }

    @Test
    void theWholeEtlRunsAsStandardSqlJobsOverTheLandingDataset() {
        BigQueryWarehouse warehouse = new BigQueryWarehouse(this::answerZero);
        EtlStages stages = new EtlStages(warehouse);
        stages.staging();
        stages.merge();
        stages.filter();
        stages.validate();
        stages.publish("2026-11-26T12-00-00Z");

        assertThat(jobs).isNotEmpty().allSatisfy(job -> {
            assertThat(job.useLegacySql()).isFalse();
            assertThat(job.getLabels()).containsEntry("app", "anime-rec");
            assertThat(job.getQuery()).doesNotContain("read_json", "read_parquet", "ORDER BY ALL", "FLOAT64 AS DOUBLE");
        });
        String all = String.join("\n", jobs.stream().map(QueryJobConfiguration::getQuery).toList());
        for (ItemKind kind : ItemKind.values()) {
            assertThat(all).contains("FROM landing." + kind.wireName());
        }
        assertThat(all).contains("CREATE SCHEMA IF NOT EXISTS staging", "CREATE SCHEMA IF NOT EXISTS work");
    }

    @Test
    void publishReplacesEveryProcessedTableInOneTransactionWithTheVersionAsAParameter() {
        BigQueryWarehouse warehouse = new BigQueryWarehouse(this::answerZero);
        new EtlStages(warehouse).publish("v42");

        QueryJobConfiguration transaction = jobs.get(jobs.size() - 1);
        assertThat(transaction.getQuery()).startsWith("BEGIN TRANSACTION;").endsWith("COMMIT TRANSACTION;");
        for (String table : List.of("anime", "user", "user_anime", "user_list", "anime_anime", "user_user")) {
            assertThat(transaction.getQuery()).contains("DELETE FROM processed." + table + " WHERE TRUE;")
                    .contains("INSERT INTO processed." + table + " SELECT * FROM work.");
        }
        assertThat(transaction.getQuery()).doesNotContain("v42");
        assertThat(transaction.getNamedParameters().get("version").getValue()).isEqualTo("v42");
        assertThat(jobs.subList(0, jobs.size() - 1)).extracting(QueryJobConfiguration::getQuery)
                .allSatisfy(query -> assertThat(query).startsWith("CREATE TABLE IF NOT EXISTS processed."));
    }
}
