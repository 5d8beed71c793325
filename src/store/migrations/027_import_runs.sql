-- Bulk imports (`seamless import persons`): one row per source file, found
-- again by the file's SHA-256 so a run cut short resumes after the last
-- batch it committed. last_line moves in the same transaction as the
-- batch's people and their audit entries, so a batch is in or out whole.
CREATE TABLE import_runs (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('persons')),
    source_sha256 TEXT NOT NULL,
    source_name   TEXT NOT NULL,      -- the file's name as given, for people reading the table
    org_id        TEXT NOT NULL REFERENCES organisations(id),
    last_line     INTEGER NOT NULL DEFAULT 0,   -- every row up to this line is imported or rejected
    imported      INTEGER NOT NULL DEFAULT 0,
    rejected      INTEGER NOT NULL DEFAULT 0,
    started_at    TEXT NOT NULL,
    finished_at   TEXT
);
CREATE UNIQUE INDEX import_runs_source ON import_runs (kind, source_sha256);
