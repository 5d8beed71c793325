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
