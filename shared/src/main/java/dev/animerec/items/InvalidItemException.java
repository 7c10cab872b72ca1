package dev.animerec.items;

/** An item that breaks its contract: a required field is missing or a value is out of range. */
public class InvalidItemException extends IllegalArgumentException {

    private final String field;

    public InvalidItemException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    /** The snake_case name of the offending field, as it appears on the wire. */
    public String field() {
        return field;
    }
}
