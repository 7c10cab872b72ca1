package dev.animerec.batch.etl;

import java.util.List;

/**
 * The filtering rules of SYSTEM.md section 3, in the order they apply. The two "becomes" rules run before
 * the drop rules that read the status, so an entry without a status is first given the one its progress
 * implies.
 */
final class FilterRules {

    private static final String USER_KEYS = "(SELECT DISTINCT LOWER(username) AS user_key FROM work.users)";

    static final PairTable USER_ANIME = new PairTable("user_anime",
            "SELECT pair.*, anime.episodes AS anime_episodes, anime.status AS anime_status,"
                    + " anime.anime_id IS NOT NULL AS anime_known, known_user.user_key IS NOT NULL AS user_known"
                    + " FROM work.user_anime AS pair"
                    + " LEFT JOIN (SELECT anime_id, MAX(episodes) AS episodes, MAX(status) AS status"
                    + " FROM work.anime GROUP BY anime_id) AS anime ON anime.anime_id = pair.anime_id"
                    + " LEFT JOIN " + USER_KEYS + " AS known_user ON known_user.user_key = LOWER(pair.username)",
            List.of(
                    FilterRule.drop("unknown_anime_or_user", "drop pairs whose anime or user is unknown",
                            "NOT anime_known OR NOT user_known"),
                    FilterRule.rewrite("no_status_no_progress_becomes_plan_to_watch",
                            "status null + progress 0 becomes plan-to-watch",
                            "status IS NULL AND COALESCE(episodes_watched, 0) = 0", "status", "'plan_to_watch'"),
                    FilterRule.rewrite("no_status_full_progress_becomes_completed",
                            "status null + progress = episodes becomes completed",
                            "status IS NULL AND anime_episodes > 0 AND episodes_watched = anime_episodes",
                            "status", "'completed'"),
                    FilterRule.drop("status_still_unknown",
                            "drop entries whose status no rule can infer (null status, partial progress)",
                            "status IS NULL"),
                    FilterRule.drop("completed_while_airing", "drop \"completed\" on an anime still airing",
                            "status = 'completed' AND anime_status = 'currently airing'"),
                    FilterRule.drop("watched_before_airing",
                            "drop non-plan-to-watch entries on a not-yet-aired anime",
                            "status != 'plan_to_watch' AND anime_status = 'not yet aired'"),
                    FilterRule.drop("plan_to_watch_with_activity",
                            "drop plan-to-watch entries that have progress, a score or a favorite mark",
                            "status = 'plan_to_watch' AND (COALESCE(episodes_watched, 0) > 0 OR score > 0"
                                    + " OR is_favorite)"),
                    FilterRule.drop("no_progress_not_plan_to_watch", "drop progress 0 that is not plan-to-watch",
                            "COALESCE(episodes_watched, 0) = 0 AND status != 'plan_to_watch'"),
                    FilterRule.drop("full_progress_not_completed", "drop progress = episodes that is not completed",
                            "anime_episodes > 0 AND episodes_watched = anime_episodes AND status != 'completed'"),
                    FilterRule.drop("progress_beyond_episodes", "drop progress > episodes",
                            "anime_episodes > 0 AND episodes_watched > anime_episodes")),
            List.of("username", "anime_id", "status", "score", "episodes_watched", "start_date", "finish_date",
                    "updated_at", "is_favorite", "review_score", "last_activity"));

    static final PairTable ANIME_ANIME = new PairTable("anime_anime",
            "SELECT pair.*, EXISTS (SELECT 1 FROM work.anime AS a WHERE a.anime_id = pair.anime_id) AS anime_known,"
                    + " EXISTS (SELECT 1 FROM work.anime AS b WHERE b.anime_id = pair.other_anime_id)"
                    + " AS other_anime_known FROM work.anime_anime AS pair",
            List.of(FilterRule.drop("unknown_anime", "drop pairs whose anime (either side) is unknown",
                    "NOT anime_known OR NOT other_anime_known")),
            List.of("anime_id", "other_anime_id", "source", "relation_type", "position", "recommenders",
                    "relation_source"));

    static final PairTable USER_USER = new PairTable("user_user",
            "SELECT pair.*, known_user.user_key IS NOT NULL AS user_known,"
                    + " known_friend.user_key IS NOT NULL AS friend_known FROM work.user_user AS pair"
                    + " LEFT JOIN " + USER_KEYS + " AS known_user ON known_user.user_key = LOWER(pair.username)"
                    + " LEFT JOIN " + USER_KEYS + " AS known_friend"
                    + " ON known_friend.user_key = LOWER(pair.friend_username)",
            List.of(FilterRule.drop("unknown_user", "drop pairs whose user (either side) is unknown",
                    "NOT user_known OR NOT friend_known")),
            List.of("username", "friend_username", "friends_since"));

    static final List<PairTable> ALL = List.of(USER_ANIME, ANIME_ANIME, USER_USER);

    private FilterRules() {
    }
}
