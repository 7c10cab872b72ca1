package dev.animerec.items;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/** One crawled fact, as it travels from the crawler to the landing area. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = AnimeItem.class, name = "anime"),
        @JsonSubTypes.Type(value = RelatedAnimeItem.class, name = "related_anime"),
        @JsonSubTypes.Type(value = AnimeRecommendationItem.class, name = "anime_recommendation"),
        @JsonSubTypes.Type(value = ReviewItem.class, name = "review"),
        @JsonSubTypes.Type(value = ProfileItem.class, name = "profile"),
        @JsonSubTypes.Type(value = AnimeListEntryItem.class, name = "anime_list_entry"),
        @JsonSubTypes.Type(value = ActivityItem.class, name = "activity"),
        @JsonSubTypes.Type(value = FavoriteItem.class, name = "favorite"),
        @JsonSubTypes.Type(value = FriendItem.class, name = "friend")
})
public sealed interface Item permits AnimeItem, RelatedAnimeItem, AnimeRecommendationItem, ReviewItem, ProfileItem,
        AnimeListEntryItem, ActivityItem, FavoriteItem, FriendItem {

    /** Stable id of this crawl of this entity; see {@link Uids}. */
    String uid();

    /** Version of the kind's contract this item was written with. */
    int schemaVersion();

    /** The page or API url the item was read from. */
    String url();

    /** When the source was fetched. */
    Instant crawlDate();

    @JsonIgnore
    ItemKind kind();

    /** The entity or pair this item describes, e.g. {@code "alice|5114"}; the ETL keeps the latest per key. */
    @JsonIgnore
    String naturalKey();
}
