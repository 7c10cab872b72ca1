package dev.animerec.batch.warehouse;

import dev.animerec.items.ItemKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local warehouse: an embedded DuckDB database file ({@code warehouse/etl.duckdb}) that reads the landing
 * JSON-lines files in place and exports the processed tables as Parquet for Spark.
 *
 * <p>Each run's landing data is frozen into {@code landing.<kind>} tables by {@link #prepareLanding()}, so a
 * failed run that is restarted finishes on exactly the input it started with, even if new files landed since.
 */
public class DuckDbWarehouse implements Warehouse {

    private static final Logger log = LoggerFactory.getLogger(DuckDbWarehouse.class);

    private final WarehousePaths paths;
    private final Connection connection;

    public DuckDbWarehouse(WarehousePaths paths) {
        this.paths = paths;
        try {
            Files.createDirectories(paths.root());
            connection = DriverManager.getConnection("jdbc:duckdb:" + paths.database().toAbsolutePath());
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TimeZone = 'UTC'");
                for (String schema : List.of("landing", "staging", "work")) {
                    statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
                }
            }
            // GoogleSQL's FLOAT64 is the one type name of the shared dialect that DuckDB lacks (INT64, STRING
            // and BOOL it knows): an alias keeps the ETL's SQL identical for both warehouses.
            if (queryLong("SELECT COUNT(*) FROM duckdb_types() WHERE type_name = 'FLOAT64'") == 0) {
                execute("CREATE TYPE FLOAT64 AS DOUBLE");
            }
        } catch (SQLException | IOException e) {
            throw new WarehouseException("cannot open the DuckDB warehouse at " + paths.database(), e);
        }
    }

    @Override
    public void prepareLanding() {
        for (ItemKind kind : ItemKind.values()) {
            List<Path> files = landingFiles(kind);
            String columns = columnSpec(kind);
            if (files.isEmpty()) {
                StringJoiner definition = new StringJoiner(", ", "(", ")");
                LandingColumns.duckDb(kind).forEach((name, type) -> definition.add(quoteIdentifier(name) + " " + type));
                execute("CREATE OR REPLACE TABLE landing." + kind.wireName() + " " + definition);
            } else {
                StringJoiner list = new StringJoiner(", ", "[", "]");
                files.forEach(file -> list.add(quoteLiteral(file.toAbsolutePath().toString())));
                execute("CREATE OR REPLACE TABLE landing." + kind.wireName() + " AS SELECT * FROM read_json(" + list
                        + ", format = 'newline_delimited', hive_partitioning = false, columns = " + columns + ")");
            }
            log.info("landing.{}: {} rows from {} files", kind.wireName(),
                    queryLong("SELECT COUNT(*) FROM landing." + kind.wireName()), files.size());
        }
    }

    private List<Path> landingFiles(ItemKind kind) {
        Path directory = paths.landing().resolve(kind.wireName());
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(path -> path.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String columnSpec(ItemKind kind) {
        StringJoiner spec = new StringJoiner(", ", "{", "}");
        LandingColumns.duckDb(kind).forEach((name, type) -> spec.add(quoteLiteral(name) + ": " + quoteLiteral(type)));
        return spec.toString();
    }

    @Override
    public long execute(String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            return statement.getUpdateCount();
        } catch (SQLException e) {
            throw new WarehouseException("DuckDB failed on: " + abbreviate(sql) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long queryLong(String sql) {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            if (!rows.next()) {
                throw new WarehouseException("no row from: " + abbreviate(sql), null);
            }
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new WarehouseException("DuckDB failed on: " + abbreviate(sql) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Map<String, Object>> query(String sql, int limit) {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rows.getMetaData();
            List<Map<String, Object>> result = new ArrayList<>();
            while (result.size() < limit && rows.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rows.getObject(i));
                }
                result.add(row);
            }
            return result;
        } catch (SQLException e) {
            throw new WarehouseException("DuckDB failed on: " + abbreviate(sql) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void publish(String version, Map<String, String> tables) {
        Path target = paths.processed().resolve(version);
        Path staging = paths.processed().resolve("." + version + ".tmp");
        try {
            deleteRecursively(staging);
            deleteRecursively(target);
            Files.createDirectories(staging);
            for (Map.Entry<String, String> table : tables.entrySet()) {
                Path file = staging.resolve(table.getKey() + ".parquet");
                execute("COPY (SELECT * FROM " + table.getValue() + " ORDER BY ALL) TO "
                        + quoteLiteral(file.toAbsolutePath().toString()) + " (FORMAT PARQUET)");
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            Path pointer = paths.processed().resolve("CURRENT.tmp");
            Files.writeString(pointer, version + "\n", StandardCharsets.UTF_8);
            Files.move(pointer, paths.processed().resolve("CURRENT"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            log.info("Published processed version {} ({} tables) under {}", version, tables.size(), target);
        } catch (IOException e) {
            throw new WarehouseException("cannot publish processed version " + version + " under "
                    + paths.processed() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> currentVersion() {
        Path pointer = paths.processed().resolve("CURRENT");
        try {
            return Files.exists(pointer) ? Optional.of(Files.readString(pointer).trim()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("closing DuckDB: {}", e.getMessage());
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }

    /** File paths cannot be bound as parameters in DuckDB DDL; they come from configuration and are quoted. */
    static String quoteLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String quoteIdentifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String abbreviate(String sql) {
        String flat = sql.replaceAll("\\s+", " ").trim();
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }
}
