-- FHIR R4 interface (issue #18): earlier versions of a person's record, so
-- vread and _history answer with what the record said at each version.
-- persons_update writes the outgoing version here in the same transaction
-- as the change; the current version stays in persons. A version written
-- before this table existed (or by a merge) is not held: vread says so.

CREATE TABLE person_versions (
    person_id   TEXT NOT NULL REFERENCES persons(id),
    version     INTEGER NOT NULL,
    updated_at  TEXT NOT NULL,     -- when this version was made
    record      TEXT NOT NULL,     -- the record as persons_get returned it (JSON)
    PRIMARY KEY (person_id, version)
);

-- FHIR Bulk Data $export jobs. A job is run by the server's export worker
-- (not a request thread); its NDJSON files are written under the export
-- directory with temporary names and renamed, and the manifest (files)
-- recorded, only when the whole job completed. A job found 'running' when
-- the server starts was cut short: it is queued again from the start.
CREATE TABLE fhir_export_jobs (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users(id),
    org_id       TEXT NOT NULL REFERENCES organisations(id),
    role         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('system','patient','group')),
    group_id     TEXT REFERENCES teams(id),     -- kind 'group': the team's caseload
    types        TEXT NOT NULL,                 -- comma-separated resource types
    since        TEXT,                          -- _since: resources changed after
    request      TEXT NOT NULL,                 -- the kick-off URL, for the manifest
    status       TEXT NOT NULL CHECK (status IN ('queued','running','completed','failed','cancelled')),
    progress     TEXT NOT NULL DEFAULT '',
    files        TEXT,                          -- manifest output: JSON [{type, url, count}]
    error        TEXT,
    created_at   TEXT NOT NULL,
    finished_at  TEXT,
    expires_at   TEXT                           -- the files are deleted after this
);
CREATE INDEX fhir_export_jobs_status ON fhir_export_jobs (status, created_at);
