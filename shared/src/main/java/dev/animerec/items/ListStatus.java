package dev.animerec.items;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** A MAL list status, with MAL's numeric codes (1, 2, 3, 4, 6 as in load.json and the snapshot files). */
public enum ListStatus {
    WATCHING(1),
    COMPLETED(2),
    ON_HOLD(3),
    DROPPED(4),
    PLAN_TO_WATCH(6);

    private final int malCode;

    ListStatus(int malCode) {
        this.malCode = malCode;
    }

    public int malCode() {
        return malCode;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ListStatus fromMalCode(int code) {
        return Arrays.stream(values())
                .filter(status -> status.malCode == code)
                .findFirst()
                .orElseThrow(() -> new InvalidItemException("status", "unknown MAL status code " + code));
    }

    /** Accepts the wire name, MAL API v2 / Jikan spellings ("plan_to_watch", "Plan to Watch", "on-hold") and codes. */
    @JsonCreator
    public static ListStatus parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String normalised = text.trim().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        if (normalised.chars().allMatch(Character::isDigit)) {
            return fromMalCode(Integer.parseInt(normalised));
        }
        return switch (normalised) {
            case "watching", "currently_watching" -> WATCHING;
            case "completed" -> COMPLETED;
            case "on_hold", "onhold" -> ON_HOLD;
            case "dropped" -> DROPPED;
            case "plan_to_watch", "plantowatch", "ptw" -> PLAN_TO_WATCH;
            default -> throw new InvalidItemException("status", "unknown list status '" + text + "'");
        };
    }
}
