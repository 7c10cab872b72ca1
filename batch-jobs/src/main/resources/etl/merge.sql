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

-- Sequel order inferred from titles and air dates (issue 21): the fallback for anime whose relations were never
-- crawled (the bundled snapshot has none), measured against MAL's own relation pages in SequelInferenceIT. Three
-- steps, each a work table so a surprising edge can be traced:
-- 1. each TV series, movie or ONA (streaming series) gets two title stems, in lower case with only [a-z0-9] words kept: the whole title, and
--    the title cut at the first ": " ("Haikyuu!!: Karasuno Koukou vs. ..." -> "haikyuu"), each without trailing
--    season markers ("Season 3 Part 2", "2nd Season", "The Final Season", "II", "(TV)", "(ONA)", a trailing 1-2 digit
--    number).
--    The type is compared in lower case: MAL pages and Jikan write "TV", the MAL API "tv".
--    Patterns avoid backslashes and capture groups, and every REGEXP_REPLACE is anchored at the end so it matches
--    at most once: BigQuery replaces every match and reads '\' as an escape, DuckDB replaces the first and does not.
CREATE OR REPLACE TABLE work.sequel_title_stem AS
SELECT anime_id, type, aired_from, studio_list, full_words,
       REGEXP_REPLACE(full_words, '( the final season| the final| (season|part|cour|stage|series) [0-9]+| [0-9]+(st|nd|rd|th) (season|stage|part|cour|series)| (first|second|third|fourth|fifth|sixth|final) (season|stage|part|cour|series)| (ii|iii|iv|v|vi|vii|viii|ix)| tv| ona| [0-9]{1,2})+$', '') AS full_stem,
       REGEXP_REPLACE(cut_words, '( the final season| the final| (season|part|cour|stage|series) [0-9]+| [0-9]+(st|nd|rd|th) (season|stage|part|cour|series)| (first|second|third|fourth|fifth|sixth|final) (season|stage|part|cour|series)| (ii|iii|iv|v|vi|vii|viii|ix)| tv| ona| [0-9]{1,2})+$', '') AS cut_stem
FROM (
  SELECT anime_id, LOWER(type) AS type, aired_from, CONCAT('|', ARRAY_TO_STRING(studios, '|'), '|') AS studio_list,
         ARRAY_TO_STRING(REGEXP_EXTRACT_ALL(LOWER(title), '[a-z0-9]+'), ' ') AS full_words,
         ARRAY_TO_STRING(REGEXP_EXTRACT_ALL(REGEXP_REPLACE(LOWER(title), ': .*$', ''), '[a-z0-9]+'), ' ') AS cut_words
  FROM work.anime
  WHERE title IS NOT NULL AND LOWER(type) IN ('tv', 'movie', 'ona')
) AS words;

-- 2. Franchise: the shortest whole-title stem (of the same type, 2+ characters) that the anime's stems equal or start
--    with as whole words ("haikyuu" for "Haikyuu!! To the Top"). A member whose whole-title stem is the franchise's
--    is explicit (only season markers differ); the others (a subtitle, a colon) join a franchise only if their first
--    studio made one of its explicit members, else the next longer stem is tried: "Hokuto no Ken: Raoh Gaiden"
--    (another studio) stays out of "Hokuto no Ken", and ufotable's "Fate/stay night: Unlimited Blade Works" makes a
--    chain of its own beside Studio Deen's "Fate/stay night". Spin-off words (SD, gaiden, mini, chibi, petit, puchi,
--    recap(s), special(s)) keep a title out of every chain. ONAs join by season markers only: a subtitled ONA is
--    as often a recap, a short or a side story as a season (measured on the snapshot's most popular ones). An anime without an air date takes part only when its title
--    is a franchise's with a season marker ("Mob Psycho 100 III", announced): it goes last.
CREATE OR REPLACE TABLE work.sequel_stem_studios AS
SELECT full_stem, type, STRING_AGG(studio_list, '') AS studios
FROM work.sequel_title_stem
WHERE LENGTH(full_stem) >= 2
GROUP BY full_stem, type;

CREATE OR REPLACE TABLE work.sequel_franchise AS
SELECT member.anime_id, member.type, member.aired_from, root.full_stem AS root
FROM work.sequel_title_stem AS member
JOIN work.sequel_stem_studios AS root
  ON root.type = member.type
 AND (member.full_stem = root.full_stem
      OR ((member.cut_stem = root.full_stem
           OR STARTS_WITH(member.cut_stem, CONCAT(root.full_stem, ' '))
           OR STARTS_WITH(member.full_stem, CONCAT(root.full_stem, ' ')))
          AND member.type != 'ona'
          AND member.studio_list != '||'
          AND STRPOS(root.studios, REGEXP_EXTRACT(member.studio_list, '^[|][^|]+[|]')) > 0))
WHERE REGEXP_REPLACE(CONCAT(' ', member.full_words, ' '), ' (sd|gaiden|mini|chibi|petit|puchi|recaps?|specials?) .*$', '')
        = CONCAT(' ', member.full_words, ' ')
  AND (member.aired_from IS NOT NULL OR (member.full_stem = root.full_stem AND member.full_stem != member.full_words))
QUALIFY ROW_NUMBER() OVER (PARTITION BY member.anime_id ORDER BY LENGTH(root.full_stem), root.full_stem) = 1;

-- 3. Within a franchise and type, each member is the sequel of the one that aired before it (ties, and undated
--    members after every dated one, by id).
CREATE OR REPLACE TABLE work.inferred_sequel AS
SELECT prequel_id AS anime_id, anime_id AS sequel_id
FROM (
  SELECT anime_id,
         LAG(anime_id) OVER (PARTITION BY root, type ORDER BY aired_from ASC NULLS LAST, anime_id) AS prequel_id
  FROM work.sequel_franchise
) AS chain
WHERE prequel_id IS NOT NULL;

-- Crawled relations (MAL pages, Jikan relations, MAL API related_anime) always win: an inferred pair is dropped when
-- either anime's own relations were crawled (an anti-join, which BigQuery plans where it refuses a correlated
-- subquery with OR). That covers a crawled relation of the same pair under any type, and a
-- crawled page that does not list the other anime (a page lists all its relations, so the pair is not related).
-- Inferred edges are written both ways, as a crawl of both pages would be: 'sequel' from the earlier anime,
-- 'prequel' from the later one.
CREATE OR REPLACE TABLE work.anime_anime AS
SELECT anime_id, related_anime_id AS other_anime_id, 'related' AS source, relation_type, position,
       CAST(NULL AS INT64) AS recommenders, 'crawled' AS relation_source
FROM staging.related_anime
UNION ALL
SELECT anime_id, recommended_anime_id AS other_anime_id, 'recommendation' AS source,
       CAST(NULL AS STRING) AS relation_type, CAST(NULL AS INT64) AS position, recommenders,
       'crawled' AS relation_source
FROM staging.anime_recommendation
UNION ALL
SELECT edge.anime_id, edge.other_anime_id, 'related' AS source, edge.relation_type, CAST(NULL AS INT64) AS position,
       CAST(NULL AS INT64) AS recommenders, 'inferred' AS relation_source
FROM (
  SELECT anime_id, sequel_id AS other_anime_id, 'sequel' AS relation_type FROM work.inferred_sequel
  UNION ALL
  SELECT sequel_id AS anime_id, anime_id AS other_anime_id, 'prequel' AS relation_type FROM work.inferred_sequel
) AS edge
LEFT JOIN (SELECT DISTINCT anime_id FROM staging.related_anime) AS crawled
  ON crawled.anime_id = edge.anime_id
LEFT JOIN (SELECT DISTINCT anime_id FROM staging.related_anime) AS other_crawled
  ON other_crawled.anime_id = edge.other_anime_id
WHERE crawled.anime_id IS NULL AND other_crawled.anime_id IS NULL;

CREATE OR REPLACE TABLE work.user_user AS
SELECT username, friend_username, friends_since
FROM staging.friend;
