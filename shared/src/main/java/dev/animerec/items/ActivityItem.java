package dev.animerec.items;

import java.time.Instant;
import java.util.Locale;

/** A recent update on a user's list, as shown on the profile ("Watching 5/12 · scored 8"). */
@Doc("A recent list update of a user (latest activity)")
public record ActivityItem(
        @Required String uid,
        int schemaVersion,
        @Required String url,
        @Required Instant crawlDate,
        @Required String username,
        int animeId,
        ListStatus status,
        Integer score,
        Integer episodesSeen,
        Integer episodesTotal,
        @Required Instant updatedAt) implements Item {

    public static final int SCHEMA_VERSION = 1;

    public ActivityItem {
        Checks.required(url, "url");
        Checks.required(crawlDate, "crawl_date");
        Checks.required(username, "username");
        Checks.positiveId(animeId, "anime_id");
        Checks.range(score, 0, 10, "score");
        Checks.nonNegative(episodesSeen, "episodes_seen");
        Checks.nonNegative(episodesTotal, "episodes_total");
        Checks.required(updatedAt, "updated_at");
        schemaVersion = Checks.version(schemaVersion, SCHEMA_VERSION);
        uid = uid != null ? uid : Uids.of(ItemKind.ACTIVITY, crawlDate, username, animeId, updatedAt);
    }

    public static ActivityItem of(String url, Instant crawlDate, String username, int animeId, ListStatus status,
                                  Integer score, Integer episodesSeen, Integer episodesTotal, Instant updatedAt) {
        return new ActivityItem(null, 0, url, crawlDate, username, animeId, status, score, episodesSeen,
                episodesTotal, updatedAt);
    }

    @Override
    public ItemKind kind() {
        return ItemKind.ACTIVITY;
    }

    @Override
    public String naturalKey() {
        return username.toLowerCase(Locale.ROOT) + "|" + animeId + "|" + updatedAt;
    }
}
