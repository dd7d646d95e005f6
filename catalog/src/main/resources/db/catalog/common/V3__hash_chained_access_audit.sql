-- The access audit becomes tamper-evident and queryable (issue 6): each event carries a
-- gap-free sequence number, the request it answered, the master ids it returned, and a
-- SHA-256 hash over its fields and the previous event's hash (format: AccessEventHash).
-- Adding nullable columns is the same DDL on SQLite and PostgreSQL and fires no UPDATE
-- trigger, so this stays portable.
--
-- Rows written before this migration keep seq, previous_hash and entry_hash NULL: hashing in
-- SQL is not portable (SQLite has no SHA-256) and backfilling would mean lifting the
-- append-only triggers. Instead the first chained row's previous_hash is a digest folded over
-- those rows (see AccessEventHash#legacyAnchor), so changing them still breaks the chain.
ALTER TABLE access_event ADD COLUMN seq BIGINT;
ALTER TABLE access_event ADD COLUMN request_query TEXT;
-- master ids separated by single spaces (ids never contain whitespace); NULL when none
ALTER TABLE access_event ADD COLUMN record_ids TEXT;
ALTER TABLE access_event ADD COLUMN previous_hash VARCHAR(64);
ALTER TABLE access_event ADD COLUMN entry_hash VARCHAR(64);

-- Unique: two appends can never take the same place in the chain, even if serialization failed.
CREATE UNIQUE INDEX access_event_seq_idx ON access_event (seq);
CREATE INDEX access_event_occurred_idx ON access_event (occurred_at);
