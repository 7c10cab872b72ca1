package dev.animerec.items.schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.animerec.items.Doc;
import dev.animerec.items.Required;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the item records into a neutral field tree, which the JSON Schema and BigQuery writers render.
 * Only the types that items use are supported; anything else fails loudly so a new contract cannot drift.
 */
final class ContractWalker {

    enum Scalar { STRING, INTEGER, NUMBER, BOOLEAN, DATE, TIMESTAMP }

    /** One field: either a scalar, an enum (string with fixed values), or a nested record; maybe repeated. */
    record Field(String name, String description, boolean required, boolean repeated, Scalar scalar,
                 List<String> enumValues, List<Field> children) {
    }

    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private ContractWalker() {
    }

    static List<Field> fields(Class<?> recordType) {
        if (!recordType.isRecord()) {
            throw new IllegalArgumentException(recordType + " is not a record");
        }
        List<Field> fields = new ArrayList<>();
        for (RecordComponent component : recordType.getRecordComponents()) {
            fields.add(field(component));
        }
        return fields;
    }

    static String description(Class<?> type) {
        Doc doc = type.getAnnotation(Doc.class);
        return doc == null ? null : doc.value();
    }

    private static Field field(RecordComponent component) {
        String name = SNAKE.translate(component.getName());
        Doc doc = component.getAnnotation(Doc.class);
        String description = doc == null ? null : doc.value();
        Class<?> raw = component.getType();
        boolean required = raw.isPrimitive() || component.isAnnotationPresent(Required.class);
        if (List.class.isAssignableFrom(raw)) {
            Type element = ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
            Field inner = typed(name, description, false, true, (Class<?>) element);
            return inner;
        }
        return typed(name, description, required, false, raw);
    }

    private static Field typed(String name, String description, boolean required, boolean repeated, Class<?> type) {
        if (type.isRecord()) {
            return new Field(name, description, required, repeated, null, List.of(), fields(type));
        }
        if (type.isEnum()) {
            List<String> values = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                values.add(jsonName(constant));
            }
            return new Field(name, description, required, repeated, Scalar.STRING, values, List.of());
        }
        return new Field(name, description, required, repeated, scalar(type), List.of(), List.of());
    }

    private static String jsonName(Object enumConstant) {
        try {
            return String.valueOf(enumConstant.getClass().getMethod("wireName").invoke(enumConstant));
        } catch (ReflectiveOperationException e) {
            return ((Enum<?>) enumConstant).name();
        }
    }

    private static Scalar scalar(Class<?> type) {
        if (type == String.class) {
            return Scalar.STRING;
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return Scalar.INTEGER;
        }
        if (type == double.class || type == Double.class) {
            return Scalar.NUMBER;
        }
        if (type == boolean.class || type == Boolean.class) {
            return Scalar.BOOLEAN;
        }
        if (type == LocalDate.class) {
            return Scalar.DATE;
        }
        if (type == Instant.class) {
            return Scalar.TIMESTAMP;
        }
        throw new IllegalArgumentException("no schema mapping for " + type.getName());
    }
}
