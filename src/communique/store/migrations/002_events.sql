-- communique store, schema version 2: coded events and where the text reports them.
ALTER TABLE articles ADD COLUMN context_precision VARCHAR;
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    source_id VARCHAR, source_name VARCHAR, source_code VARCHAR, source_sector VARCHAR,
    target_id VARCHAR, target_name VARCHAR, target_code VARCHAR, target_sector VARCHAR,
    cameo VARCHAR NOT NULL,
    cameo_name VARCHAR,
    root VARCHAR NOT NULL,
    goldstein DOUBLE,
    quad_class INTEGER,
    plover_type VARCHAR,
    plover_mode VARCHAR,
    date VARCHAR,
    date_precision VARCHAR,
    date_source VARCHAR,
    day DATE,
    modality VARCHAR,
    pattern VARCHAR,
    confidence DOUBLE,
    location_name VARCHAR, location_country VARCHAR, lat DOUBLE, lon DOUBLE,
    source_how VARCHAR, target_how VARCHAR
);
CREATE INDEX IF NOT EXISTS events_source ON events (source_code);
CREATE INDEX IF NOT EXISTS events_target ON events (target_code);
CREATE INDEX IF NOT EXISTS events_day ON events (day);
CREATE TABLE IF NOT EXISTS event_mentions (
    event_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    article_id VARCHAR NOT NULL,
    sentence VARCHAR,
    start_char INTEGER, end_char INTEGER,
    trigger VARCHAR, trigger_start INTEGER, trigger_end INTEGER,
    source_start INTEGER, source_end INTEGER, target_start INTEGER, target_end INTEGER,
    PRIMARY KEY (event_id, seq)
);
