package dev.animerec.items;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;

/**
 * The wire format of items: one JSON object per item, snake_case names, ISO-8601 dates, absent fields omitted.
 * Thread-safe.
 */
public final class ItemJson {

    private static final ObjectMapper MAPPER = newMapper();

    private ItemJson() {
    }

    /** A mapper configured for the wire format, for callers that embed items in their own documents. */
    public static ObjectMapper newMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    public static String write(Item item) {
        try {
            return MAPPER.writeValueAsString(item);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + item.kind() + " " + item.uid(), e);
        }
    }

    /**
     * Reads one item. Every failure (syntax, unknown kind, unknown field, broken contract) is an
     * {@link ItemFormatException} whose message says what is wrong, for the dead-letter record.
     */
    public static Item read(String json) throws ItemFormatException {
        try {
            return MAPPER.readValue(json, Item.class);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ItemFormatException("invalid item: " + cause.getMessage(), e);
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? "" : e.getPath().get(e.getPath().size() - 1).getFieldName();
            throw new ItemFormatException("unreadable item" + (field == null || field.isEmpty() ? "" : " field '"
                    + field + "'") + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new ItemFormatException("unreadable item: " + e.getOriginalMessage(), e);
        } catch (RuntimeException e) {
            throw new ItemFormatException("invalid item: " + e.getMessage(), e);
        }
    }
}
