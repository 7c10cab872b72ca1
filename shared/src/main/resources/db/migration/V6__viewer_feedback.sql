-- Serving (issue 15): feedback belongs to the viewer who gave it. A viewer is the signed anonymous id of a browser
-- (cookie) or of an API client (token); "not interested" from one viewer never changes another viewer's picks for
-- the same MAL user. Rows written before this migration had no owner: they get the empty viewer id, which no viewer
-- ever has, so they stop applying to anyone.
ALTER TABLE user_feedback ADD COLUMN viewer_id TEXT NOT NULL DEFAULT '';
ALTER TABLE user_feedback ALTER COLUMN viewer_id DROP DEFAULT;
ALTER TABLE user_feedback DROP CONSTRAINT user_feedback_pkey;
ALTER TABLE user_feedback ADD PRIMARY KEY (viewer_id, username_key, anime_id);
