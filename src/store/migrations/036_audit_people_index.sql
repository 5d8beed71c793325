-- The audit trail's per-person index, off the commit path.
--
-- audit_people (seq, person_id, basis) is part of the chain: written in the
-- same transaction as its entry, hashed with it, appended in seq order (the
-- right edge of its primary key, a few pages per commit). Its index by
-- person was the expensive half of every list read: 200 people on a board
-- view touched about 200 scattered index pages, written and fsync'd before
-- the board was released.
--
-- Now the index by person is its own table, audit_people_index, filled by
-- the audit writer after the entries are durable, in batches, from the rows
-- after audit_index_state.indexed_to (src/audit/audit_index.c). It is
-- derived data: rebuilt from audit_people if lost, and `seamless audit
-- verify` checks it against audit_people. Readers take the indexed part
-- through it and the unindexed tail (seq > indexed_to, a few entries) from
-- audit_people by seq: the view audit_people_all is both.
DROP VIEW audit_trail;
DROP INDEX audit_people_person;
-- @backend sqlite
CREATE TABLE audit_people_index (
    person_id  TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    PRIMARY KEY (person_id, seq)
) WITHOUT ROWID;
CREATE TABLE audit_index_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    indexed_to INTEGER NOT NULL
);
-- @backend postgres
CREATE TABLE audit_people_index (
    person_id  TEXT NOT NULL,
    seq        BIGINT NOT NULL,
    PRIMARY KEY (person_id, seq)
);
CREATE TABLE audit_index_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    indexed_to BIGINT NOT NULL
);
-- @backend all
INSERT INTO audit_index_state (id, indexed_to) SELECT 1, seq FROM audit_head WHERE id = 1;
INSERT INTO audit_people_index (person_id, seq) SELECT person_id, seq FROM audit_people;

-- Every (seq, person_id, basis) of audit_people: the indexed part by person,
-- the tail by seq.
CREATE VIEW audit_people_all AS
SELECT ix.seq, ix.person_id, ap.basis
  FROM audit_people_index ix JOIN audit_people ap ON ap.seq = ix.seq AND ap.person_id = ix.person_id
UNION ALL
SELECT ap.seq, ap.person_id, ap.basis
  FROM audit_people ap WHERE ap.seq > (SELECT s.indexed_to FROM audit_index_state s WHERE s.id = 1);

-- The trail one row per person it concerns (as in 031), its people through
-- audit_people_all.
CREATE VIEW audit_trail AS
SELECT a.seq, a.at, a.user_id, a.org_id, a.role, a.action, a.resource_type, a.resource_id, a.person_id,
       a.basis, a.request_id
  FROM audit_log a
 WHERE a.person_id IS NOT NULL OR NOT EXISTS (SELECT 1 FROM audit_people ap WHERE ap.seq = a.seq)
UNION ALL
SELECT a.seq, a.at, a.user_id, a.org_id, a.role, a.action, a.resource_type, a.resource_id, ap.person_id,
       ap.basis, a.request_id
  FROM audit_people_all ap JOIN audit_log a ON a.seq = ap.seq;
