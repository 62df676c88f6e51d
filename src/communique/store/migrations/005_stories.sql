-- communique store, schema version 5: stories (articles reporting the same happening)
-- and merged events (one real-world event reported by several articles).
CREATE TABLE IF NOT EXISTS stories (
    article_id VARCHAR PRIMARY KEY,
    story_id VARCHAR NOT NULL
);
CREATE INDEX IF NOT EXISTS stories_story ON stories (story_id);
CREATE TABLE IF NOT EXISTS merged_events (
    event_id VARCHAR PRIMARY KEY,
    merged_id VARCHAR NOT NULL
);
CREATE INDEX IF NOT EXISTS merged_events_merged ON merged_events (merged_id);
