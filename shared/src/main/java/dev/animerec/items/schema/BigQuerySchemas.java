package dev.animerec.items.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.animerec.items.ItemKind;
import dev.animerec.items.schema.ContractWalker.Field;
import java.util.List;

/**
 * Renders the BigQuery landing table schema of an item kind, in the JSON form that {@code bq mk --schema}
 * and BigQueryIO's {@code TableSchema} parser accept. Landing tables are named {@code landing.<kind>}.
 */
public final class BigQuerySchemas {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BigQuerySchemas() {
    }

    public static ArrayNode of(ItemKind kind) {
        return fields(ContractWalker.fields(kind.type()));
    }

    private static ArrayNode fields(List<Field> fields) {
        ArrayNode array = MAPPER.createArrayNode();
        for (Field field : fields) {
            ObjectNode column = array.addObject();
            column.put("name", field.name());
            column.put("type", field.children().isEmpty() ? type(field.scalar()) : "RECORD");
            column.put("mode", field.repeated() ? "REPEATED" : field.required() ? "REQUIRED" : "NULLABLE");
            if (field.description() != null) {
                column.put("description", field.description());
            }
            if (!field.children().isEmpty()) {
                column.set("fields", fields(field.children()));
            }
        }
        return array;
    }

    private static String type(ContractWalker.Scalar scalar) {
        return switch (scalar) {
            case STRING -> "STRING";
            case INTEGER -> "INT64";
            case NUMBER -> "FLOAT64";
            case BOOLEAN -> "BOOL";
            case DATE -> "DATE";
            case TIMESTAMP -> "TIMESTAMP";
        };
    }
}
