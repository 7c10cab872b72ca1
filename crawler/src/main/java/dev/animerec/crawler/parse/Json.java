package dev.animerec.crawler.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.animerec.items.ListStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reading API answers as trees: typed getters that say which field is missing or malformed. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String kind;

    public Json(String kind) {
        this.kind = kind;
    }

    public JsonNode read(String body) throws ParseException {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new ParseException(kind, "$", "empty body");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ParseException(kind, "$", "not JSON: " + e.getOriginalMessage(), e);
        }
    }

    public JsonNode object(JsonNode parent, String field) throws ParseException {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw new ParseException(kind, field, node == null || node.isNull() ? "missing" : "not an object");
        }
        return node;
    }

    public JsonNode array(JsonNode parent, String field) throws ParseException {
        JsonNode node = parent.get(field);
        if (node == null || !node.isArray()) {
            throw new ParseException(kind, field, node == null || node.isNull() ? "missing" : "not an array");
        }
        return node;
    }

    public int requiredInt(JsonNode parent, String field) throws ParseException {
        JsonNode node = parent.get(field);
        if (node == null || !node.canConvertToInt() || !node.isIntegralNumber()) {
            throw new ParseException(kind, field, node == null || node.isNull() ? "missing" : "not an integer");
        }
        return node.intValue();
    }

    public String requiredText(JsonNode parent, String field) throws ParseException {
        String text = text(parent, field);
        if (text == null || text.isBlank()) {
            throw new ParseException(kind, field, "missing");
        }
        return text;
    }

    /** A list status by name or MAL's numeric code; null when absent. */
    public ListStatus listStatus(JsonNode parent, String field) throws ParseException {
        String text = text(parent, field);
        try {
            return ListStatus.parse(text);
        } catch (IllegalArgumentException e) { // a code beyond int's range, or an unknown name
            throw new ParseException(kind, field, "not a list status: '" + text + "'", e);
        }
    }

    public static String text(JsonNode parent, String field) {
        JsonNode node = parent == null ? null : parent.get(field);
        return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
    }

    public Integer integer(JsonNode parent, String field) throws ParseException {
        JsonNode node = parent == null ? null : parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || !node.canConvertToInt()) {
            throw new ParseException(kind, field, "not an integer: " + node);
        }
        return node.intValue();
    }

    public Long longValue(JsonNode parent, String field) throws ParseException {
        JsonNode node = parent == null ? null : parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || !node.canConvertToLong()) {
            throw new ParseException(kind, field, "not a number: " + node);
        }
        return node.longValue();
    }

    public Double decimal(JsonNode parent, String field) throws ParseException {
        JsonNode node = parent == null ? null : parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw new ParseException(kind, field, "not a number: " + node);
        }
        return node.doubleValue();
    }

    public Instant instant(JsonNode parent, String field) throws ParseException {
        String text = text(parent, field);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new ParseException(kind, field, "not an ISO-8601 timestamp: '" + text + "'", e);
        }
    }

    /** "2005-10-23" or "2005-10-23T00:00:00+00:00" -> date; MAL API's partial "2005-10" or "2005" -> null. */
    public LocalDate date(JsonNode parent, String field) throws ParseException {
        String text = text(parent, field);
        if (text == null || text.isBlank() || text.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(text.substring(0, 10));
        } catch (DateTimeParseException e) {
            throw new ParseException(kind, field, "not a date: '" + text + "'", e);
        }
    }
}
