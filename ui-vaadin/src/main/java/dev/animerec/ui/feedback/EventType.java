package dev.animerec.ui.feedback;

import dev.animerec.ui.recommend.BadRequestException;
import java.util.Locale;

/** Click-stream event types; the API spells them with dashes ({@code not-interested}, {@code opened-on-mal}). */
public enum EventType {
    PAGE_VIEW, IMPRESSION, LIKE, DISLIKE, NOT_INTERESTED, OPENED_ON_MAL;

    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Feedback a user may send; page views and impressions are logged by the app itself. */
    public static EventType feedback(String text) {
        String normalised = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        return switch (normalised) {
            case "like" -> LIKE;
            case "dislike" -> DISLIKE;
            case "not_interested" -> NOT_INTERESTED;
            case "opened_on_mal" -> OPENED_ON_MAL;
            default -> throw new BadRequestException("feedback type must be like, dislike, not-interested or opened-on-mal");
        };
    }

    public boolean sticks() {
        return this == LIKE || this == DISLIKE || this == NOT_INTERESTED;
    }
}
