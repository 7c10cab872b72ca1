package dev.animerec.ingest.landing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import dev.animerec.ingest.validate.DeadLetter;
import dev.animerec.ingest.validate.LandingRecord;
import dev.animerec.items.ItemKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;

/**
 * BigQuery shapes of the landing area: table schemas of {@code landing.<kind>} come from the checked-in
 * {@code /schemas/bigquery/<kind>.json} generated from the item contracts; rows are the wire-format item less
 * its {@code kind} (the table says it).
 */
public final class LandingTables {

    public static final String DEAD_LETTER_TABLE = "dead_letter";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private LandingTables() {
    }

    public static TableSchema schemaOf(ItemKind kind) {
        String resource = "/schemas/bigquery/" + kind.wireName() + ".json";
        try (InputStream in = LandingTables.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("BigQuery schema " + resource + " is not on the classpath");
            }
            String fields = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return BigQueryHelpers.fromJsonString("{\"fields\": " + fields + "}", TableSchema.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** {@code landing.dead_letter}: the same four fields as a local dead-letter line. */
    public static TableSchema deadLetterSchema() {
        return new TableSchema().setFields(List.of(
                new TableFieldSchema().setName("reason").setType("STRING").setMode("REQUIRED"),
                new TableFieldSchema().setName("payload").setType("STRING").setMode("REQUIRED"),
                new TableFieldSchema().setName("source").setType("STRING").setMode("REQUIRED"),
                new TableFieldSchema().setName("at").setType("TIMESTAMP").setMode("REQUIRED")));
    }

    public static TableRow rowOf(LandingRecord record) {
        try {
            Map<String, Object> fields = MAPPER.readValue(record.json(), MAP);
            fields.remove("kind");
            TableRow row = new TableRow();
            row.putAll(fields);
            return row;
        } catch (IOException e) {
            throw new UncheckedIOException("landing record " + record.uid() + " is not JSON", e);
        }
    }

    public static TableRow rowOf(DeadLetter deadLetter) {
        return new TableRow().set("reason", deadLetter.reason()).set("payload", deadLetter.payload())
                .set("source", deadLetter.source()).set("at", deadLetter.at());
    }

    /** A row as JSON text, for the payload of a dead letter when BigQuery refuses it. */
    static String jsonOf(TableRow row) {
        try {
            return MAPPER.writeValueAsString(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
