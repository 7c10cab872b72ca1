package dev.animerec.ui.recommend;

/** The server is at its limit for this kind of work right now; answered 503, worth a retry in a moment. */
public class OverloadedException extends RuntimeException {

    public OverloadedException(String message) {
        super(message);
    }
}
