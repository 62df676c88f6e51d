-- communique store, schema version 7: the headline is processed with the article; what
-- it reports is marked, so analyses can keep or leave out headline-only records; a place
-- that only says where is marked as a location.
ALTER TABLE mentions ADD COLUMN in_title BOOLEAN DEFAULT FALSE;
ALTER TABLE mentions ADD COLUMN role VARCHAR;
ALTER TABLE events ADD COLUMN title_only BOOLEAN DEFAULT FALSE;
ALTER TABLE event_mentions ADD COLUMN in_title BOOLEAN DEFAULT FALSE;
ALTER TABLE quotes ADD COLUMN in_title BOOLEAN DEFAULT FALSE;
