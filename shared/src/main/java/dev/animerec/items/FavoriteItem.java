package dev.animerec.items;

import java.time.Instant;
import java.util.Locale;

/** An anime among a user's favorites. */
@Doc("A favorite anime of a user")
public record FavoriteItem(
        @Required String uid,
        int schemaVersion,
        @Required String url,
        @Required Instant crawlDate,
        @Required String username,
        int animeId,
        String title,
        @Doc("Position in the user's favorites, from 0") Integer position) implements Item {

    public static final int SCHEMA_VERSION = 1;

    public FavoriteItem {
        Checks.required(url, "url");
        Checks.required(crawlDate, "crawl_date");
        Checks.required(username, "username");
        Checks.positiveId(animeId, "anime_id");
        Checks.nonNegative(position, "position");
        schemaVersion = Checks.version(schemaVersion, SCHEMA_VERSION);
        uid = uid != null ? uid : Uids.of(ItemKind.FAVORITE, crawlDate, username, animeId);
    }

    public static FavoriteItem of(String url, Instant crawlDate, String username, int animeId, String title,
                                  Integer position) {
        return new FavoriteItem(null, 0, url, crawlDate, username, animeId, title, position);
    }

    @Override
    public ItemKind kind() {
        return ItemKind.FAVORITE;
    }

    @Override
    public String naturalKey() {
        return username.toLowerCase(Locale.ROOT) + "|" + animeId;
    }
}
