package dev.animerec.items;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/** One row of a user's anime list. */
@Doc("An entry of a user's anime list: status, score, episodes watched, dates")
public record AnimeListEntryItem(
        @Required String uid,
        int schemaVersion,
        @Required String url,
        @Required Instant crawlDate,
        @Required String username,
        int animeId,
        @Doc("watching, completed, on_hold, dropped, plan_to_watch; absent when the source has none") ListStatus status,
        @Doc("1..10; 0 or absent = not scored") Integer score,
        Integer episodesWatched,
        LocalDate startDate,
        LocalDate finishDate,
        Instant updatedAt,
        Boolean rewatching) implements Item {

    public static final int SCHEMA_VERSION = 1;

    public AnimeListEntryItem {
        Checks.required(url, "url");
        Checks.required(crawlDate, "crawl_date");
        Checks.required(username, "username");
        Checks.positiveId(animeId, "anime_id");
        Checks.range(score, 0, 10, "score");
        Checks.nonNegative(episodesWatched, "episodes_watched");
        schemaVersion = Checks.version(schemaVersion, SCHEMA_VERSION);
        uid = uid != null ? uid : Uids.of(ItemKind.ANIME_LIST_ENTRY, crawlDate, username, animeId);
    }

    public static AnimeListEntryItem of(String url, Instant crawlDate, String username, int animeId,
                                        ListStatus status, Integer score, Integer episodesWatched,
                                        LocalDate startDate, LocalDate finishDate, Instant updatedAt,
                                        Boolean rewatching) {
        return new AnimeListEntryItem(null, 0, url, crawlDate, username, animeId, status, score, episodesWatched,
                startDate, finishDate, updatedAt, rewatching);
    }

    @Override
    public ItemKind kind() {
        return ItemKind.ANIME_LIST_ENTRY;
    }

    @Override
    public String naturalKey() {
        return username.toLowerCase(Locale.ROOT) + "|" + animeId;
    }
}
