-- Watermarks for the change streams (ADR 64): a row written here is streamed after every change committed before
-- it, so once the stream to the monolith has passed it, the monolith holds all of them.
CREATE TABLE sync_fences (
    id          text        PRIMARY KEY,
    created_at  timestamptz NOT NULL
);
