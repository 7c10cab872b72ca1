package dev.animerec.items;

import java.util.List;

/** Contract checks shared by the records' compact constructors. */
final class Checks {

    private Checks() {
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidItemException(field, "is required");
        }
        if (value instanceof String s && s.isBlank()) {
            throw new InvalidItemException(field, "must not be blank");
        }
        return value;
    }

    static int positiveId(int id, String field) {
        if (id <= 0) {
            throw new InvalidItemException(field, "must be a positive MAL id, was " + id);
        }
        return id;
    }

    static Integer range(Integer value, int min, int max, String field) {
        if (value != null && (value < min || value > max)) {
            throw new InvalidItemException(field, "must be in " + min + ".." + max + ", was " + value);
        }
        return value;
    }

    static Double range(Double value, double min, double max, String field) {
        if (value != null && (value.isNaN() || value < min || value > max)) {
            throw new InvalidItemException(field, "must be in " + min + ".." + max + ", was " + value);
        }
        return value;
    }

    static <N extends Number> N nonNegative(N value, String field) {
        if (value != null && value.doubleValue() < 0) {
            throw new InvalidItemException(field, "must not be negative, was " + value);
        }
        return value;
    }

    static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    static int version(int given, int current) {
        return given == 0 ? current : given;
    }
}
