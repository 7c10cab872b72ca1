package dev.animerec.localruntime;

/**
 * Something already listens on a local home's port but is not that home's server: another checkout's
 * PostgreSQL or Redis (its data directory named in the message), or no anime-rec server at all. Attaching would
 * read and write another home's state, so the process refuses.
 */
public class ForeignServerException extends IllegalStateException {

    public ForeignServerException(String message) {
        super(message);
    }

    public ForeignServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
