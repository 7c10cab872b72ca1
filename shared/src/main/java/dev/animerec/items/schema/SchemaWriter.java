package dev.animerec.items.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.animerec.items.ItemKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes every generated schema under a directory: {@code json/<kind>.schema.json} and
 * {@code bigquery/<kind>.json}. Run with the module's {@code src/main/resources/schemas} to refresh the
 * checked-in copies after changing a contract ({@code ./anime-rec schemas}).
 */
public final class SchemaWriter {

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SchemaWriter() {
    }

    /** Relative path -> file content, for every schema of every kind. */
    public static Map<String, String> render() {
        Map<String, String> files = new LinkedHashMap<>();
        for (ItemKind kind : ItemKind.values()) {
            files.put("json/" + kind.wireName() + ".schema.json", pretty(JsonSchemas.of(kind)));
            files.put("bigquery/" + kind.wireName() + ".json", pretty(BigQuerySchemas.of(kind)));
        }
        return files;
    }

    private static String pretty(JsonNode node) {
        try {
            return PRETTY.writeValueAsString(node) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: SchemaWriter <schemas directory>");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        for (Map.Entry<String, String> file : render().entrySet()) {
            Path target = root.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            System.out.println("wrote " + target);
        }
    }
}
