package dev.animerec.items;

import java.util.Arrays;

/** The kinds of item, with their wire name (also the landing table / directory name). */
public enum ItemKind {
    ANIME("anime", AnimeItem.class),
    RELATED_ANIME("related_anime", RelatedAnimeItem.class),
    ANIME_RECOMMENDATION("anime_recommendation", AnimeRecommendationItem.class),
    REVIEW("review", ReviewItem.class),
    PROFILE("profile", ProfileItem.class),
    ANIME_LIST_ENTRY("anime_list_entry", AnimeListEntryItem.class),
    ACTIVITY("activity", ActivityItem.class),
    FAVORITE("favorite", FavoriteItem.class),
    FRIEND("friend", FriendItem.class);

    private final String wireName;
    private final Class<? extends Item> type;

    ItemKind(String wireName, Class<? extends Item> type) {
        this.wireName = wireName;
        this.type = type;
    }

    public String wireName() {
        return wireName;
    }

    public Class<? extends Item> type() {
        return type;
    }

    public static ItemKind fromWireName(String name) {
        return Arrays.stream(values())
                .filter(kind -> kind.wireName.equals(name))
                .findFirst()
                .orElseThrow(() -> new InvalidItemException("kind", "unknown item kind '" + name + "'"));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
