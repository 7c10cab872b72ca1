package dev.animerec.schedule;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A schedulable MAL url in canonical form ({@code https://myanimelist.net/anime/<id>} or
 * {@code https://myanimelist.net/profile/<lower-cased username>}), so one entity is one schedule row whatever
 * slug, host, query or letter case the link that found it carried. {@link #username()} keeps the spelling seen.
 */
public record MalUrl(UrlKind kind, String url, Integer animeId, String username) {

    public static final String CANONICAL_BASE = "https://myanimelist.net";

    private static final Pattern ANIME = Pattern.compile("^/anime/(\\d{1,9})(?:/.*)?$");
    private static final Pattern ANIME_QUERY = Pattern.compile("^/anime\\.php$");
    private static final Pattern PROFILE = Pattern.compile("^/profile/([A-Za-z0-9_-]{2,16})/?(?:[/?].*)?$");

    public static MalUrl anime(int animeId) {
        if (animeId <= 0) {
            throw new IllegalArgumentException("anime id must be positive, was " + animeId);
        }
        return new MalUrl(UrlKind.ANIME, CANONICAL_BASE + "/anime/" + animeId, animeId, null);
    }

    public static MalUrl profile(String username) {
        if (username == null || !username.matches("[A-Za-z0-9_-]{2,16}")) {
            throw new IllegalArgumentException("not a MAL username: '" + username + "'");
        }
        // MAL usernames are case-insensitive: one user is one schedule row whatever the link's spelling.
        return new MalUrl(UrlKind.PROFILE, CANONICAL_BASE + "/profile/" + username.toLowerCase(Locale.ROOT), null,
                username);
    }

    /** Parses an anime or profile link from any host (mirrors and test servers included). */
    public static MalUrl parse(String link) {
        URI uri;
        try {
            uri = URI.create(link.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a url: '" + link + "'", e);
        }
        String path = uri.getRawPath() == null ? "" : URLDecoder.decode(uri.getRawPath(), StandardCharsets.UTF_8);
        Matcher anime = ANIME.matcher(path);
        if (anime.matches()) {
            return anime(Integer.parseInt(anime.group(1)));
        }
        if (ANIME_QUERY.matcher(path).matches() && uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                if (pair.toLowerCase(Locale.ROOT).startsWith("id=") && pair.substring(3).matches("\\d{1,9}")) {
                    return anime(Integer.parseInt(pair.substring(3)));
                }
            }
        }
        Matcher profile = PROFILE.matcher(path);
        if (profile.matches()) {
            return profile(profile.group(1));
        }
        throw new IllegalArgumentException("not an anime or profile url: '" + link + "'");
    }
}
