package dev.animerec.ingest.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.animerec.items.Item;
import dev.animerec.items.ItemFormatException;
import dev.animerec.items.ItemJson;
import dev.animerec.items.ItemKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a payload is an item that may land: readable JSON, a known kind, valid against that kind's
 * JSON Schema (the checked-in {@code /schemas/json/<kind>.schema.json} of the shared jar), and accepted by
 * the item contract itself ({@link ItemJson#read}, whose records check ids and ranges the schema cannot).
 * Thread-safe; compiling the nine schemas is the expensive part, so share one instance.
 */
public final class ItemValidator {

    private static final int MAX_SCHEMA_MESSAGES = 5;

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final Map<ItemKind, JsonSchema> schemas;

    private ItemValidator(Map<ItemKind, JsonSchema> schemas) {
        this.schemas = schemas;
    }

    /** Loads the JSON Schemas of every kind from the classpath. */
    public static ItemValidator fromClasspath() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        // Draft 2020-12 treats "format" as an annotation only; timestamps and dates must really be ISO-8601.
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        Map<ItemKind, JsonSchema> schemas = new EnumMap<>(ItemKind.class);
        for (ItemKind kind : ItemKind.values()) {
            String resource = "/schemas/json/" + kind.wireName() + ".schema.json";
            try (InputStream in = ItemValidator.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("JSON Schema " + resource + " is not on the classpath");
                }
                schemas.put(kind, factory.getSchema(in, config));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        return new ItemValidator(schemas);
    }

    public Outcome check(String payload) {
        if (payload == null || payload.isBlank()) {
            return new Rejected(DeadLetter.UNKNOWN_KIND, "empty payload");
        }
        JsonNode document;
        try {
            document = mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            return new Rejected(DeadLetter.UNKNOWN_KIND, "unreadable JSON: " + e.getOriginalMessage());
        }
        if (!document.isObject()) {
            return new Rejected(DeadLetter.UNKNOWN_KIND, "not a JSON object but " + document.getNodeType());
        }
        JsonNode kindNode = document.get("kind");
        if (kindNode == null || !kindNode.isTextual()) {
            return new Rejected(DeadLetter.UNKNOWN_KIND, "no textual 'kind' field");
        }
        ItemKind kind;
        try {
            kind = ItemKind.fromWireName(kindNode.asText());
        } catch (IllegalArgumentException e) {
            return new Rejected(DeadLetter.UNKNOWN_KIND, "unknown item kind '" + kindNode.asText() + "'");
        }
        Set<ValidationMessage> violations = schemas.get(kind).validate(document);
        if (!violations.isEmpty()) {
            String messages = violations.stream()
                    .map(ValidationMessage::getMessage)
                    .sorted()
                    .limit(MAX_SCHEMA_MESSAGES)
                    .collect(Collectors.joining("; "));
            String more = violations.size() > MAX_SCHEMA_MESSAGES
                    ? " (and " + (violations.size() - MAX_SCHEMA_MESSAGES) + " more)" : "";
            return new Rejected(kind.wireName(), "does not match the " + kind.wireName() + " schema: " + messages + more);
        }
        Item item;
        try {
            item = ItemJson.read(payload);
        } catch (ItemFormatException e) {
            return new Rejected(kind.wireName(), e.getMessage());
        }
        return new Accepted(new LandingRecord(kind.wireName(), item.uid(),
                item.crawlDate().atOffset(ZoneOffset.UTC).toLocalDate().toString(), ItemJson.write(item), ""));
    }

    /** The verdict on one payload. */
    public sealed interface Outcome permits Accepted, Rejected {
    }

    /** A valid item; {@code record.source()} is left empty for the caller to fill. */
    public record Accepted(LandingRecord record) implements Outcome {
    }

    /** Not an item that may land; {@code kind} is the claimed kind or {@value DeadLetter#UNKNOWN_KIND}. */
    public record Rejected(String kind, String reason) implements Outcome {
    }
}
