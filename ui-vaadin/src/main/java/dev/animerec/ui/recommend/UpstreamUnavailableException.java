package dev.animerec.ui.recommend;

import java.time.Duration;

/**
 * MyAnimeList could not be reached, kept failing, or did not answer within the on-demand deadline; the user may
 * try again after {@link #retryAfter()} (sent as the Retry-After header of the 503).
 */
public class UpstreamUnavailableException extends RuntimeException {

    private final Duration retryAfter;

    public UpstreamUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public UpstreamUnavailableException(String message, Duration retryAfter) {
        this(message, retryAfter, null);
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
