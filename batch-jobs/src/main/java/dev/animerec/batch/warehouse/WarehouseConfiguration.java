package dev.animerec.batch.warehouse;

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
}
