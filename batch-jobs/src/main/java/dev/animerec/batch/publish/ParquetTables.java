package dev.animerec.batch.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads the Parquet outputs of the ETL (single files) and of Spark (directories of part files) with an
 * in-memory DuckDB. Paths are bound as parameters, never spliced into the SQL.
 */
final class ParquetTables implements AutoCloseable {

    @FunctionalInterface
    interface RowHandler {
        void accept(ResultSet row) throws SQLException;
    }

    private final Connection connection;

    ParquetTables() {
        try {
            connection = DriverManager.getConnection("jdbc:duckdb:");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open an in-memory DuckDB: " + e.getMessage(), e);
        }
    }

    /** A Parquet table as DuckDB's {@code read_parquet} argument: the file, or every part file of a directory. */
    static String glob(Path table) {
        if (Files.isDirectory(table)) {
            return table.toAbsolutePath() + "/*.parquet";
        }
        if (Files.isRegularFile(table)) {
            return table.toAbsolutePath().toString();
        }
        throw new UncheckedIOException(new IOException("missing Parquet table " + table.toAbsolutePath()));
    }

    /**
     * Streams the rows of {@code sql}, whose {@code ?} placeholders stand for {@code read_parquet(?)} arguments
     * and are bound, in order, to the given tables.
     */
    long stream(String sql, RowHandler handler, Path... tables) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < tables.length; i++) {
                statement.setString(i + 1, glob(tables[i]));
            }
            long rows = 0;
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    handler.accept(result);
                    rows++;
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB failed reading " + java.util.Arrays.toString(tables) + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
