-- One audit entry per request that releases many people: the entry is a row
-- of audit_log (person_id NULL) and the people it released are rows here, one
-- per person, with the basis each was released on. The chain hash of the
-- entry covers its people (src/audit/audit.c), so a row added, removed or
-- edited here breaks the chain as editing the entry would.
-- Keyed by person for the trail's per-person readers (the access log, the
-- audit viewer); by seq for verification.
-- @backend sqlite
CREATE TABLE audit_people (
    seq        INTEGER NOT NULL,
    person_id  TEXT NOT NULL,
    basis      TEXT NOT NULL CHECK (basis IN ('relationship','break_glass','system','self','admin','identify')),
    PRIMARY KEY (seq, person_id)
) WITHOUT ROWID;
-- @backend postgres
CREATE TABLE audit_people (
    seq        BIGINT NOT NULL,
    person_id  TEXT NOT NULL,
    basis      TEXT NOT NULL CHECK (basis IN ('relationship','break_glass','system','self','admin','identify')),
    PRIMARY KEY (seq, person_id)
);
-- @backend all
CREATE INDEX audit_people_person ON audit_people (person_id, seq);

-- The trail one row per person it concerns: an entry without people as it
-- is, an entry with people once per person (person_id and basis from
-- audit_people). What reads the trail per person reads this view.
CREATE VIEW audit_trail AS
SELECT a.seq, a.at, a.user_id, a.org_id, a.role, a.action, a.resource_type, a.resource_id, a.person_id,
       a.basis, a.request_id
  FROM audit_log a
 WHERE a.person_id IS NOT NULL OR NOT EXISTS (SELECT 1 FROM audit_people ap WHERE ap.seq = a.seq)
UNION ALL
SELECT a.seq, a.at, a.user_id, a.org_id, a.role, a.action, a.resource_type, a.resource_id, ap.person_id,
       ap.basis, a.request_id
  FROM audit_people ap JOIN audit_log a ON a.seq = ap.seq;
