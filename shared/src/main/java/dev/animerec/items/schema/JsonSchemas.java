package dev.animerec.items.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.animerec.items.ItemKind;
import dev.animerec.items.schema.ContractWalker.Field;
import java.util.List;

/** Renders the JSON Schema (draft 2020-12) of an item kind from its record. */
public final class JsonSchemas {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonSchemas() {
    }

    public static ObjectNode of(ItemKind kind) {
        ObjectNode schema = MAPPER.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", "urn:anime-rec:item:" + kind.wireName());
        schema.put("title", kind.wireName());
        String description = ContractWalker.description(kind.type());
        if (description != null) {
            schema.put("description", description);
        }
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("kind").put("const", kind.wireName());
        ArrayNode required = MAPPER.createArrayNode().add("kind");
        addFields(properties, required, ContractWalker.fields(kind.type()));
        schema.set("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }

    private static void addFields(ObjectNode properties, ArrayNode required, List<Field> fields) {
        for (Field field : fields) {
            properties.set(field.name(), property(field));
            if (field.required()) {
                required.add(field.name());
            }
        }
    }

    private static ObjectNode property(Field field) {
        ObjectNode element = field.children().isEmpty() ? scalar(field) : object(field);
        if (field.description() != null) {
            element.put("description", field.description());
        }
        if (!field.repeated()) {
            return element;
        }
        ObjectNode array = MAPPER.createObjectNode();
        array.put("type", "array");
        array.set("items", element);
        return array;
    }

    private static ObjectNode object(Field field) {
        ObjectNode node = MAPPER.createObjectNode();
        type(node, "object", field);
        ObjectNode properties = node.putObject("properties");
        ArrayNode required = MAPPER.createArrayNode();
        addFields(properties, required, field.children());
        node.set("required", required);
        node.put("additionalProperties", false);
        return node;
    }

    private static ObjectNode scalar(Field field) {
        ObjectNode node = MAPPER.createObjectNode();
        switch (field.scalar()) {
            case STRING -> type(node, "string", field);
            case INTEGER -> type(node, "integer", field);
            case NUMBER -> type(node, "number", field);
            case BOOLEAN -> type(node, "boolean", field);
            case DATE -> {
                type(node, "string", field);
                node.put("format", "date");
            }
            case TIMESTAMP -> {
                type(node, "string", field);
                node.put("format", "date-time");
            }
        }
        if (!field.enumValues().isEmpty()) {
            ArrayNode values = node.putArray("enum");
            field.enumValues().forEach(values::add);
            if (!field.required() && !field.repeated()) {
                values.addNull();
            }
        } else if (field.required() && field.scalar() == ContractWalker.Scalar.STRING) {
            node.put("minLength", 1);
        }
        return node;
    }

    /** Optional fields may also be null: writers omit them, but other producers may send explicit nulls. */
    private static void type(ObjectNode node, String type, Field field) {
        if (field.required() || field.repeated()) {
            node.put("type", type);
        } else {
            node.putArray("type").add(type).add("null");
        }
    }
}
