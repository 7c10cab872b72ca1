package dev.animerec.crawler.parse;

import dev.animerec.schedule.MalUrl;

/** Canonical links built from parsed values, failing with the field the value came from. */
public final class Links {

    private Links() {
    }

    public static MalUrl profile(String field, String username) {
        try {
            return MalUrl.profile(username);
        } catch (IllegalArgumentException e) {
            throw new FieldValueException(field, e.getMessage(), e);
        }
    }

    public static MalUrl anime(String field, int animeId) {
        try {
            return MalUrl.anime(animeId);
        } catch (IllegalArgumentException e) {
            throw new FieldValueException(field, e.getMessage(), e);
        }
    }
}
