package dev.animerec.items;

import java.time.Instant;
import java.time.LocalDate;

/** A user's review of an anime, with its scores. */
@Doc("A review of an anime by a user, with its scores")
public record ReviewItem(
        @Required String uid,
        int schemaVersion,
        @Required String url,
        @Required Instant crawlDate,
        int animeId,
        @Required String reviewer,
        Long reviewId,
        LocalDate reviewDate,
        Integer helpfulCount,
        Integer scoreOverall,
        Integer scoreStory,
        Integer scoreAnimation,
        Integer scoreSound,
        Integer scoreCharacter,
        Integer scoreEnjoyment,
        Integer episodesSeen) implements Item {

    public static final int SCHEMA_VERSION = 1;

    public ReviewItem {
        Checks.required(url, "url");
        Checks.required(crawlDate, "crawl_date");
        Checks.positiveId(animeId, "anime_id");
        Checks.required(reviewer, "reviewer");
        Checks.nonNegative(helpfulCount, "helpful_count");
        Checks.range(scoreOverall, 0, 10, "score_overall");
        Checks.range(scoreStory, 0, 10, "score_story");
        Checks.range(scoreAnimation, 0, 10, "score_animation");
        Checks.range(scoreSound, 0, 10, "score_sound");
        Checks.range(scoreCharacter, 0, 10, "score_character");
        Checks.range(scoreEnjoyment, 0, 10, "score_enjoyment");
        Checks.nonNegative(episodesSeen, "episodes_seen");
        schemaVersion = Checks.version(schemaVersion, SCHEMA_VERSION);
        uid = uid != null ? uid : Uids.of(ItemKind.REVIEW, crawlDate, animeId, reviewer);
    }

    @Override
    public ItemKind kind() {
        return ItemKind.REVIEW;
    }

    @Override
    public String naturalKey() {
        return animeId + "|" + reviewer.toLowerCase(java.util.Locale.ROOT);
    }
}
