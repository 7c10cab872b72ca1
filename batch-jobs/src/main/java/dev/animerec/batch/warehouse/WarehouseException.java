package dev.animerec.batch.warehouse;

/** A warehouse statement or publication failed; the message names the statement. */
public class WarehouseException extends RuntimeException {

    public WarehouseException(String message, Throwable cause) {
        super(message, cause);
    }
}
