-- communique store, schema version 3: quotes, who said them, whom they name.
CREATE TABLE IF NOT EXISTS quotes (
    id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    speaker_id VARCHAR, speaker_name VARCHAR, speaker_code VARCHAR, speaker_sector VARCHAR,
    text VARCHAR NOT NULL,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
    kind VARCHAR NOT NULL,
    date VARCHAR, date_precision VARCHAR, day DATE,
    attribution VARCHAR,
    event_ids VARCHAR
);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker_code);
CREATE TABLE IF NOT EXISTS quote_about (
    quote_id VARCHAR NOT NULL,
    actor_id VARCHAR, actor_name VARCHAR, code VARCHAR
);
