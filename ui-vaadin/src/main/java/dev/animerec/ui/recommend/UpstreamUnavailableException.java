package dev.animerec.ui.recommend;

/** MyAnimeList could not be reached or kept failing; the user may try again later. */
public class UpstreamUnavailableException extends RuntimeException {

    public UpstreamUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
