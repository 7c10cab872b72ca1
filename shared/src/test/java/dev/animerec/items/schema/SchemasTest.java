package dev.animerec.items.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.animerec.items.Item;
import dev.animerec.items.ItemJson;
import dev.animerec.items.ItemKind;
import dev.animerec.items.SampleItemsAccess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SchemasTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static java.util.List<Item> samples() {
        return SampleItemsAccess.all();
    }

    @Test
    void checkedInSchemasMatchTheContracts() throws IOException {
        for (Map.Entry<String, String> file : SchemaWriter.render().entrySet()) {
            try (InputStream in = SchemasTest.class.getResourceAsStream("/schemas/" + file.getKey())) {
                assertThat(in)
                        .as("schemas/%s is missing: run ./anime-rec schemas", file.getKey())
                        .isNotNull();
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .as("schemas/%s is stale: run ./anime-rec schemas", file.getKey())
                        .isEqualTo(file.getValue());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleValidatesAgainstItsSchema(Item item) throws IOException {
        assertThat(validate(item.kind(), MAPPER.readTree(ItemJson.write(item)))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void schemaRejectsMissingRequiredWrongTypeAndExtraFields(Item item) throws IOException {
        JsonNode missing = MAPPER.readTree(ItemJson.write(item));
        ((com.fasterxml.jackson.databind.node.ObjectNode) missing).remove("url");
        assertThat(validate(item.kind(), missing)).isNotEmpty();

        JsonNode wrongType = MAPPER.readTree(ItemJson.write(item));
        ((com.fasterxml.jackson.databind.node.ObjectNode) wrongType).put("crawl_date", 12);
        assertThat(validate(item.kind(), wrongType)).isNotEmpty();

        JsonNode extra = MAPPER.readTree(ItemJson.write(item));
        ((com.fasterxml.jackson.databind.node.ObjectNode) extra).put("surprise", true);
        assertThat(validate(item.kind(), extra)).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(ItemKind.class)
    void bigQuerySchemaHasTheEnvelopeAndMatchesJsonSchemaFields(ItemKind kind) {
        JsonNode bq = BigQuerySchemas.of(kind);
        JsonNode json = JsonSchemas.of(kind).get("properties");
        assertThat(bq.get(0).get("name").asText()).isEqualTo("uid");
        assertThat(bq.get(0).get("mode").asText()).isEqualTo("REQUIRED");
        assertThat(findColumn(bq, "crawl_date").get("type").asText()).isEqualTo("TIMESTAMP");
        assertThat(bq.size()).isEqualTo(json.size() - 1); // JSON Schema adds the "kind" discriminator
        for (JsonNode column : bq) {
            assertThat(json.has(column.get("name").asText())).isTrue();
        }
    }

    @Test
    void nestedAndRepeatedFieldsMapToRecordsAndRepeatedModes() {
        JsonNode bq = BigQuerySchemas.of(ItemKind.ANIME);
        JsonNode statistics = findColumn(bq, "statistics");
        assertThat(statistics.get("type").asText()).isEqualTo("RECORD");
        JsonNode scoreCounts = findColumn(statistics.get("fields"), "score_counts");
        assertThat(scoreCounts.get("mode").asText()).isEqualTo("REPEATED");
        assertThat(findColumn(scoreCounts.get("fields"), "votes").get("type").asText()).isEqualTo("INT64");
        assertThat(findColumn(bq, "genres").get("mode").asText()).isEqualTo("REPEATED");
        assertThat(findColumn(bq, "aired_from").get("type").asText()).isEqualTo("DATE");
        assertThat(findColumn(bq, "score").get("type").asText()).isEqualTo("FLOAT64");
    }

    private static JsonNode findColumn(JsonNode columns, String name) {
        for (JsonNode column : columns) {
            if (column.get("name").asText().equals(name)) {
                return column;
            }
        }
        throw new AssertionError("no column " + name + " in " + columns);
    }

    private static Set<ValidationMessage> validate(ItemKind kind, JsonNode document) {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(JsonSchemas.of(kind));
        return schema.validate(document);
    }
}
