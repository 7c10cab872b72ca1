package dev.animerec.batch.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.animerec.items.ItemKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The landing columns of an item kind in DuckDB types, derived from the BigQuery landing schema that the
 * shared module generates from the item contracts: one definition for both warehouses.
 */
public final class LandingColumns {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LandingColumns() {
    }

    /** Column name -> DuckDB type, in contract order. */
    public static Map<String, String> duckDb(ItemKind kind) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (JsonNode field : bigQuerySchema(kind)) {
            columns.put(field.get("name").asText(), duckDbType(field));
        }
        return columns;
    }

    public static JsonNode bigQuerySchema(ItemKind kind) {
        String resource = "/schemas/bigquery/" + kind.wireName() + ".json";
        try (InputStream in = LandingColumns.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource + " in the shared module");
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String duckDbType(JsonNode field) {
        String base = switch (field.get("type").asText()) {
            case "STRING" -> "VARCHAR";
            case "INT64" -> "BIGINT";
            case "FLOAT64" -> "DOUBLE";
            case "BOOL" -> "BOOLEAN";
            case "DATE" -> "DATE";
            case "TIMESTAMP" -> "TIMESTAMPTZ";
            case "RECORD" -> {
                StringJoiner members = new StringJoiner(", ", "STRUCT(", ")");
                for (JsonNode child : field.get("fields")) {
                    members.add(child.get("name").asText() + " " + duckDbType(child));
                }
                yield members.toString();
            }
            default -> throw new IllegalStateException("unmapped BigQuery type " + field.get("type"));
        };
        return "REPEATED".equals(field.path("mode").asText()) ? base + "[]" : base;
    }
}
