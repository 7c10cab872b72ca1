package dev.animerec.crawler.http;

/** A url that could not be fetched: after the last retry, or at once when retrying cannot help. */
public class FetchException extends Exception {

    private final int status;
    private final int attempts;

    public FetchException(String message, int status, int attempts, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.attempts = attempts;
    }

    /** The last HTTP status, or 0 when no answer came (timeout, connection refused, robots.txt). */
    public int status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }
}
