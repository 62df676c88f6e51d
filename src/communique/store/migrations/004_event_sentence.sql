-- communique store, schema version 4: the first sentence of an event on the event row
-- (event lists need it and must not join a million mention rows), and an index for an
-- event's mentions.
ALTER TABLE events ADD COLUMN sentence VARCHAR;
UPDATE events SET sentence = (
    SELECT m.sentence FROM event_mentions m WHERE m.event_id = events.id AND m.seq = 0
);
CREATE INDEX IF NOT EXISTS event_mentions_event ON event_mentions (event_id);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes (article_id);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions (article_id);
