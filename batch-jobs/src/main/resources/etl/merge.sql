-- Stage 2, staging -> the five tables of the model (before filtering).

CREATE OR REPLACE TABLE work.anime AS
SELECT anime_id, title, title_english, type, source, episodes,
       LOWER(status) AS status,
       aired_from, aired_to, season, season_year, studios, genres, themes, rating, score, scored_by, rank,
       popularity, members, favorites, main_picture,
       CONCAT('https://myanimelist.net/anime/', CAST(anime_id AS STRING)) AS mal_url
FROM staging.anime;

CREATE OR REPLACE TABLE work.users AS
SELECT username,
       CONCAT('https://myanimelist.net/profile/', username) AS url,
       last_online, watching, completed, on_hold, dropped, plan_to_watch, days_watched, mean_score,
       ARRAY_LENGTH(clubs) AS club_count
FROM staging.profile;

-- One row per (user, anime) seen on a list, among the favorites or in a review; the list entry gives the
-- status, score and progress, the others add their marks.
CREATE OR REPLACE TABLE work.user_anime AS
WITH pair_keys AS (
  SELECT LOWER(username) AS user_key, anime_id FROM staging.anime_list_entry
  UNION DISTINCT
  SELECT LOWER(username) AS user_key, anime_id FROM staging.favorite
  UNION DISTINCT
  SELECT LOWER(reviewer) AS user_key, anime_id FROM staging.review
)
SELECT COALESCE(entry.username, favorite.username, review.reviewer) AS username,
       pair_keys.anime_id,
       entry.status,
       COALESCE(entry.score, 0) AS score,
       entry.episodes_watched,
       entry.start_date,
       entry.finish_date,
       entry.updated_at,
       favorite.anime_id IS NOT NULL AS is_favorite,
       review.score_overall AS review_score,
       activity.updated_at AS last_activity
FROM pair_keys
LEFT JOIN staging.anime_list_entry AS entry
  ON LOWER(entry.username) = pair_keys.user_key AND entry.anime_id = pair_keys.anime_id
LEFT JOIN staging.favorite AS favorite
  ON LOWER(favorite.username) = pair_keys.user_key AND favorite.anime_id = pair_keys.anime_id
LEFT JOIN staging.review AS review
  ON LOWER(review.reviewer) = pair_keys.user_key AND review.anime_id = pair_keys.anime_id
LEFT JOIN staging.activity AS activity
  ON LOWER(activity.username) = pair_keys.user_key AND activity.anime_id = pair_keys.anime_id;

-- Every list entry as crawled (the latest crawl of each pair), none of the cleaning rules applied: what a person
-- *has* on their list. Serving's "not already on your list" and the batch's exclusions read this; the cleaned
-- user_anime is for training only.
CREATE OR REPLACE TABLE work.user_list AS
SELECT username, anime_id, status, COALESCE(score, 0) AS score, episodes_watched, start_date, finish_date,
       updated_at
FROM staging.anime_list_entry;

CREATE OR REPLACE TABLE work.anime_anime AS
SELECT anime_id, related_anime_id AS other_anime_id, 'related' AS source, relation_type, position,
       CAST(NULL AS INT64) AS recommenders
FROM staging.related_anime
UNION ALL
SELECT anime_id, recommended_anime_id AS other_anime_id, 'recommendation' AS source,
       CAST(NULL AS STRING) AS relation_type, CAST(NULL AS INT64) AS position, recommenders
FROM staging.anime_recommendation;

CREATE OR REPLACE TABLE work.user_user AS
SELECT username, friend_username, friends_since
FROM staging.friend;
