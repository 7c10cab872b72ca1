package dev.animerec.items;

import java.time.Instant;

/** Anime B is related to anime A (sequel, prequel, side story...), as listed on A's page. */
@Doc("A related anime of an anime, with the relation type")
public record RelatedAnimeItem(
        @Required String uid,
        int schemaVersion,
        @Required String url,
        @Required Instant crawlDate,
        int animeId,
        int relatedAnimeId,
        @Required @Doc("sequel, prequel, side_story, alternative_version, ... (snake_case)") String relationType,
        String relatedTitle,
        @Doc("Position of the relation on the page, from 0") Integer position) implements Item {

    public static final int SCHEMA_VERSION = 1;

    public RelatedAnimeItem {
        Checks.required(url, "url");
        Checks.required(crawlDate, "crawl_date");
        Checks.positiveId(animeId, "anime_id");
        Checks.positiveId(relatedAnimeId, "related_anime_id");
        Checks.required(relationType, "relation_type");
        Checks.nonNegative(position, "position");
        schemaVersion = Checks.version(schemaVersion, SCHEMA_VERSION);
        uid = uid != null ? uid : Uids.of(ItemKind.RELATED_ANIME, crawlDate, animeId, relatedAnimeId);
    }

    public static RelatedAnimeItem of(String url, Instant crawlDate, int animeId, int relatedAnimeId,
                                      String relationType, String relatedTitle, Integer position) {
        return new RelatedAnimeItem(null, 0, url, crawlDate, animeId, relatedAnimeId, relationType, relatedTitle,
                position);
    }

    @Override
    public ItemKind kind() {
        return ItemKind.RELATED_ANIME;
    }

    @Override
    public String naturalKey() {
        return animeId + "|" + relatedAnimeId;
    }
}
