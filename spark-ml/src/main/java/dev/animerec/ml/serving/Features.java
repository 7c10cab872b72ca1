package dev.animerec.ml.serving;

import java.util.List;

/** The ranking features, in vector order, with the plain words a reason uses when a feature lifts an item. */
public final class Features {

    public static final List<String> NAMES = List.of(
            "als_score", "als_rank_log", "item_item_score", "item_item_rank_log", "train_popularity_log",
            "mal_score", "members_log", "genre_match", "studio_match", "type", "year", "year_gap",
            "sequel_of_watched", "related_to_watched", "mal_recommenders_from_watched", "user_activity_log",
            "user_mean_score", "als_score_relative", "item_item_score_relative", "ease_score",
            "ease_rank_log", "ease_score_relative", "ease_planned_score", "ease_disliked_score",
            "ease_score_centered");

    public static final List<String> WORDS = List.of(
            "fits your taste profile", "near the top of your taste profile", "similar to anime on your list",
            "near the top of similar anime", "popular with other users", "high MAL score", "many MAL members",
            "genres you watch", "studios you watch", "a type you watch", "its airing year",
            "from the years you watch", "sequel of something you watched", "related to anime on your list",
            "recommended by MAL users for anime you watched", "your activity", "your scoring habits", "one of your closest taste matches",
            "one of the closest matches to your list", "often watched with anime on your list",
            "near the top of anime watched with yours", "among the closest matches to what you watched with others",
            "like anime you plan to watch", "unlike anime you dropped or scored low",
            "like the anime you scored highest");

    public static final int SIZE = NAMES.size();

    private Features() {
    }
}
