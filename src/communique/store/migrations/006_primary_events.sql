-- communique store, schema version 6: which report of a merged event counts for it, so
-- counts and series over merged events are one pass over the events table.
ALTER TABLE events ADD COLUMN is_primary BOOLEAN DEFAULT TRUE;
UPDATE events SET is_primary = TRUE;
