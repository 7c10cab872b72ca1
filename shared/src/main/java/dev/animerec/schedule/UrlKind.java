package dev.animerec.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The two kinds of url the crawl schedule tracks, each with its table. */
public enum UrlKind {
    ANIME("anime_schedule"),
    PROFILE("profile_schedule");

    private final String table;

    UrlKind(String table) {
        this.table = table;
    }

    /** The schedule table; a constant, never user input, so it is safe to splice into SQL. */
    public String table() {
        return table;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static UrlKind parse(String text) {
        return switch (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) {
            case "anime" -> ANIME;
            case "profile" -> PROFILE;
            default -> throw new IllegalArgumentException("unknown url kind '" + text + "' (anime or profile)");
        };
    }
}
