-- Serving (issue 8). Every page view, shown recommendation, like, dislike, not-interested and outbound click,
-- as in the original click-stream table (datetime, user, event type, target), plus where it happened.
CREATE TABLE clickstream_event (
    id          BIGSERIAL PRIMARY KEY,
    occurred_at TIMESTAMPTZ NOT NULL,
    username    TEXT,          -- NULL for an anonymous list
    event_type  TEXT NOT NULL CHECK (event_type IN
                    ('page_view', 'impression', 'like', 'dislike', 'not_interested', 'opened_on_mal')),
    anime_id    INTEGER,
    context     TEXT           -- recommendations | because_you_watched | similar | api
);
CREATE INDEX clickstream_event_user_time ON clickstream_event (lower(username), occurred_at);

-- The latest like / dislike / not-interested per user and anime; dislikes and not-interested never come back.
CREATE TABLE user_feedback (
    username_key TEXT NOT NULL,  -- lower(username)
    anime_id     INTEGER NOT NULL,
    feedback     TEXT NOT NULL CHECK (feedback IN ('like', 'dislike', 'not_interested')),
    updated_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (username_key, anime_id)
);
