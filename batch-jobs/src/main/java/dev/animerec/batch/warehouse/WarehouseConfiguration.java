package dev.animerec.batch.warehouse;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Profile;

/**
 * The warehouse for the active profile: DuckDB over local files by default, BigQuery with {@code gcp}.
 * Lazy, because DuckDB locks its database file and most commands never touch the warehouse.
 */
@Configuration(proxyBeanMethods = false)
public class WarehouseConfiguration {

    @Bean
    WarehousePaths warehousePaths(@Value("${animerec.local.home:var}") Path home) {
        return WarehousePaths.under(home);
    }

    @Bean(destroyMethod = "close")
    @Lazy
    @Profile("!gcp")
    Warehouse duckDbWarehouse(WarehousePaths paths) {
        return new DuckDbWarehouse(paths);
    }

    /** Credentials from the environment (workload identity on GKE, ADC elsewhere); project from config. */
    @Bean(destroyMethod = "close")
    @Lazy
    @Profile("gcp")
    Warehouse bigQueryWarehouse(@Value("${animerec.gcp.project}") String project,
                                @Value("${animerec.gcp.bigquery-location:EU}") String location) {
        BigQuery bigQuery = BigQueryOptions.newBuilder().setProjectId(project).setLocation(location).build().getService();
        return new BigQueryWarehouse(bigQuery::query);
    }
}
