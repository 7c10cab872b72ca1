package dev.animerec.items;

/** A payload that is not a valid item: unreadable JSON, unknown kind or a broken contract. */
public class ItemFormatException extends Exception {

    public ItemFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
