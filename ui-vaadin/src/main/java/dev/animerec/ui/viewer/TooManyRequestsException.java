package dev.animerec.ui.viewer;

import java.time.Duration;

/** A client went over its rate limit; answered 429 with Retry-After. */
public class TooManyRequestsException extends RuntimeException {

    private final Duration retryAfter;

    public TooManyRequestsException(Duration retryAfter) {
        super("too many requests from this client; slow down and try again in a moment");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
