package dev.animerec.ui.recommend;

import java.util.Locale;
import java.util.regex.Pattern;

/** MAL usernames: 2 to 16 letters, digits, '_' or '-'. Compared case-insensitively, as MAL does. */
public final class Usernames {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{2,16}");

    private Usernames() {
    }

    public static String validate(String username) {
        if (username == null || !VALID.matcher(username).matches()) {
            throw new BadRequestException("a MyAnimeList username is 2 to 16 letters, digits, '_' or '-'");
        }
        return username;
    }

    public static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
