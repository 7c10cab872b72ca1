package dev.animerec.batch.etl;

import java.util.List;

/** The validation checks of SYSTEM.md section 3 (plus "not empty"), run on the finished tables. */
final class ValidationChecks {

    static final List<ValidationCheck> ALL = List.of(
            new ValidationCheck("anime_unique", "every anime id appears once",
                    "SELECT anime_id, COUNT(*) AS copies FROM work.anime GROUP BY anime_id HAVING COUNT(*) > 1"),
            new ValidationCheck("users_unique", "every username (case-insensitive) appears once",
                    "SELECT LOWER(username) AS user_key, COUNT(*) AS copies FROM work.users"
                            + " GROUP BY LOWER(username) HAVING COUNT(*) > 1"),
            new ValidationCheck("user_anime_refs_known", "every list pair's anime and user are known",
                    "SELECT pair.username, pair.anime_id FROM work.user_anime_filtered AS pair"
                            + " WHERE NOT EXISTS (SELECT 1 FROM work.anime AS a WHERE a.anime_id = pair.anime_id)"
                            + " OR NOT EXISTS (SELECT 1 FROM work.users AS u"
                            + " WHERE LOWER(u.username) = LOWER(pair.username))"),
            new ValidationCheck("user_anime_unique", "every (user, anime) pair appears once",
                    "SELECT LOWER(username) AS user_key, anime_id, COUNT(*) AS copies FROM work.user_anime_filtered"
                            + " GROUP BY LOWER(username), anime_id HAVING COUNT(*) > 1"),
            new ValidationCheck("user_list_unique", "every (user, anime) pair of the held lists appears once",
                    "SELECT LOWER(username) AS user_key, anime_id, COUNT(*) AS copies FROM work.user_list"
                            + " GROUP BY LOWER(username), anime_id HAVING COUNT(*) > 1"),
            new ValidationCheck("anime_anime_refs_known", "every anime pair's two anime are known",
                    "SELECT pair.anime_id, pair.other_anime_id FROM work.anime_anime_filtered AS pair"
                            + " WHERE NOT EXISTS (SELECT 1 FROM work.anime AS a WHERE a.anime_id = pair.anime_id)"
                            + " OR NOT EXISTS (SELECT 1 FROM work.anime AS b WHERE b.anime_id = pair.other_anime_id)"),
            new ValidationCheck("anime_anime_unique", "every (anime, other anime, source) appears once",
                    "SELECT anime_id, other_anime_id, source, COUNT(*) AS copies FROM work.anime_anime_filtered"
                            + " GROUP BY anime_id, other_anime_id, source HAVING COUNT(*) > 1"),
            new ValidationCheck("user_user_refs_known", "every friendship's two users are known",
                    "SELECT pair.username, pair.friend_username FROM work.user_user_filtered AS pair"
                            + " WHERE NOT EXISTS (SELECT 1 FROM work.users AS u"
                            + " WHERE LOWER(u.username) = LOWER(pair.username))"
                            + " OR NOT EXISTS (SELECT 1 FROM work.users AS f"
                            + " WHERE LOWER(f.username) = LOWER(pair.friend_username))"),
            new ValidationCheck("user_user_unique", "every friendship appears once",
                    "SELECT LOWER(username) AS user_key, LOWER(friend_username) AS friend_key, COUNT(*) AS copies"
                            + " FROM work.user_user_filtered"
                            + " GROUP BY LOWER(username), LOWER(friend_username) HAVING COUNT(*) > 1"),
            new ValidationCheck("user_anime_not_empty", "at least one list entry survives the filters",
                    "SELECT 'no list entries survived the filters' AS problem"
                            + " FROM (SELECT COUNT(*) AS n FROM work.user_anime_filtered) AS counted WHERE n = 0"),
            new ValidationCheck("anime_not_empty", "at least one anime is known",
                    "SELECT 'no anime' AS problem FROM (SELECT COUNT(*) AS n FROM work.anime) AS counted WHERE n = 0"));

    private ValidationChecks() {
    }
}
