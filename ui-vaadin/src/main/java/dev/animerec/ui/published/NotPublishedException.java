package dev.animerec.ui.published;

/** Nothing has been published to Redis yet: the app can answer nothing but this. */
public class NotPublishedException extends RuntimeException {

    public NotPublishedException() {
        super("no recommendations are published yet: run ./anime-rec publish");
    }
}
