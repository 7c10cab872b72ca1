package dev.animerec.items;

import java.time.Instant;

/** MAL users recommend anime B to fans of anime A. */
@Doc("A MAL user recommendation pair: anime B recommended for anime A")
public record AnimeRecommendationItem(
        @Required String uid,
        int schemaVersion,
        @Required String url,
        @Required Instant crawlDate,
        int animeId,
        int recommendedAnimeId,
        String recommendedTitle,
        @Doc("The recommendation's own page url") String recommendationUrl,
        @Doc("Number of users who made this recommendation") Integer recommenders) implements Item {

    public static final int SCHEMA_VERSION = 1;

    public AnimeRecommendationItem {
        Checks.required(url, "url");
        Checks.required(crawlDate, "crawl_date");
        Checks.positiveId(animeId, "anime_id");
        Checks.positiveId(recommendedAnimeId, "recommended_anime_id");
        Checks.nonNegative(recommenders, "recommenders");
        schemaVersion = Checks.version(schemaVersion, SCHEMA_VERSION);
        uid = uid != null ? uid : Uids.of(ItemKind.ANIME_RECOMMENDATION, crawlDate, animeId, recommendedAnimeId);
    }

    public static AnimeRecommendationItem of(String url, Instant crawlDate, int animeId, int recommendedAnimeId,
                                             String recommendedTitle, String recommendationUrl, Integer recommenders) {
        return new AnimeRecommendationItem(null, 0, url, crawlDate, animeId, recommendedAnimeId, recommendedTitle,
                recommendationUrl, recommenders);
    }

    @Override
    public ItemKind kind() {
        return ItemKind.ANIME_RECOMMENDATION;
    }

    @Override
    public String naturalKey() {
        return animeId + "|" + recommendedAnimeId;
    }
}
