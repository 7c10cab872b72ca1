-- Crawler politeness (issue 17). One row per crawled host (mal, mal-api, jikan): the Bucket4j token bucket
-- that every crawler worker and serving replica takes its request permits from, so the host's budget holds
-- for the whole fleet. Bucket4j writes `state` (its serialised bucket) under SELECT ... FOR UPDATE.
CREATE TABLE crawl_request_budget (
    id    VARCHAR(64) PRIMARY KEY,
    state BYTEA
);
