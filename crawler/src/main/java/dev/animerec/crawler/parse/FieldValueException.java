package dev.animerec.crawler.parse;

/**
 * A value a parser helper could not accept (a number out of range, a link that is no MAL entity), thrown
 * unchecked from inside expressions and lambdas; {@link Guard} turns it into a {@link ParseException} naming
 * the same field.
 */
public class FieldValueException extends RuntimeException {

    private final String field;

    public FieldValueException(String field, String reason, Throwable cause) {
        super(reason, cause);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
