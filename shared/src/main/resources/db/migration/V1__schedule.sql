-- Crawl schedule (SYSTEM.md section 1). One table per url kind, the seven columns of the original system
-- plus the id parsed from the url and the last failure, so the crawler can record why a url dead-lettered.
CREATE TABLE anime_schedule (
    url                 TEXT PRIMARY KEY,
    anime_id            INTEGER NOT NULL,
    last_scheduled_date TIMESTAMPTZ,
    scheduled_count     INTEGER NOT NULL DEFAULT 0,
    last_crawled_date   TIMESTAMPTZ,
    crawled_count       INTEGER NOT NULL DEFAULT 0,
    last_inspected_date TIMESTAMPTZ,
    inspected_count     INTEGER NOT NULL DEFAULT 0,
    last_failed_date    TIMESTAMPTZ,
    failed_count        INTEGER NOT NULL DEFAULT 0,
    last_failure        TEXT
);

CREATE TABLE profile_schedule (
    url                 TEXT PRIMARY KEY,
    username            TEXT NOT NULL,
    last_scheduled_date TIMESTAMPTZ,
    scheduled_count     INTEGER NOT NULL DEFAULT 0,
    last_crawled_date   TIMESTAMPTZ,
    crawled_count       INTEGER NOT NULL DEFAULT 0,
    last_inspected_date TIMESTAMPTZ,
    inspected_count     INTEGER NOT NULL DEFAULT 0,
    last_failed_date    TIMESTAMPTZ,
    failed_count        INTEGER NOT NULL DEFAULT 0,
    last_failure        TEXT
);

CREATE UNIQUE INDEX anime_schedule_anime_id ON anime_schedule (anime_id);
CREATE UNIQUE INDEX profile_schedule_username ON profile_schedule (lower(username));
