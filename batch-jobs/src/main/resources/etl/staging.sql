-- Stage 1, landing -> staging: the landing area is dirty (repeats, re-crawls), so keep only the latest
-- crawl of each entity and of each pair. Ties on crawl_date are broken by uid so the result is deterministic.
-- Dialect: the subset shared by GoogleSQL and DuckDB (see batch-jobs/README.md, "SQL dialect rules").

CREATE OR REPLACE TABLE staging.anime AS
SELECT * FROM landing.anime
WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY anime_id ORDER BY crawl_date DESC, uid DESC) = 1;

CREATE OR REPLACE TABLE staging.profile AS
SELECT * FROM landing.profile
WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY LOWER(username) ORDER BY crawl_date DESC, uid DESC) = 1;

CREATE OR REPLACE TABLE staging.anime_list_entry AS
SELECT * FROM landing.anime_list_entry
WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY LOWER(username), anime_id ORDER BY crawl_date DESC, uid DESC) = 1;

CREATE OR REPLACE TABLE staging.favorite AS
SELECT * FROM landing.favorite
WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY LOWER(username), anime_id ORDER BY crawl_date DESC, uid DESC) = 1;

CREATE OR REPLACE TABLE staging.review AS
SELECT * FROM landing.review
WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY LOWER(reviewer), anime_id ORDER BY crawl_date DESC, uid DESC) = 1;

-- Activity is a stream of updates: the latest update of each (user, anime) is what the merge needs.
CREATE OR REPLACE TABLE staging.activity AS
SELECT * FROM landing.activity
WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY LOWER(username), anime_id ORDER BY updated_at DESC, crawl_date DESC, uid DESC) = 1;

CREATE OR REPLACE TABLE staging.related_anime AS
SELECT * FROM landing.related_anime
WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY anime_id, related_anime_id ORDER BY crawl_date DESC, uid DESC) = 1;

CREATE OR REPLACE TABLE staging.anime_recommendation AS
SELECT * FROM landing.anime_recommendation
WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY anime_id, recommended_anime_id ORDER BY crawl_date DESC, uid DESC) = 1;

CREATE OR REPLACE TABLE staging.friend AS
SELECT * FROM landing.friend
WHERE TRUE
QUALIFY ROW_NUMBER() OVER (PARTITION BY LOWER(username), LOWER(friend_username) ORDER BY crawl_date DESC, uid DESC) = 1;
