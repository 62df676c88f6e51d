-- communique store, schema version 1: articles, actors, roles, mentions.
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,
    title VARCHAR,
    published DATE,
    context_date DATE,
    source VARCHAR,
    url VARCHAR,
    path VARCHAR,
    text VARCHAR NOT NULL,
    words INTEGER,
    ingested_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS actors (
    id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    code VARCHAR,
    parent VARCHAR,
    gender VARCHAR,
    nationality VARCHAR
);
CREATE TABLE IF NOT EXISTS roles (
    person_id VARCHAR NOT NULL,
    title VARCHAR,
    office VARCHAR NOT NULL,
    body VARCHAR NOT NULL,
    sector VARCHAR,
    start_date DATE,
    end_date DATE
);
CREATE TABLE IF NOT EXISTS mentions (
    article_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    actor_id VARCHAR,
    actor_name VARCHAR,
    code VARCHAR,
    sector VARCHAR,
    how VARCHAR,
    sentence INTEGER,
    PRIMARY KEY (article_id, seq)
);
CREATE INDEX IF NOT EXISTS mentions_actor ON mentions (actor_id);
CREATE INDEX IF NOT EXISTS mentions_code ON mentions (code);
CREATE TABLE IF NOT EXISTS kb_state (fingerprint VARCHAR NOT NULL);
