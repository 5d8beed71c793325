-- SQLite only: the trail's views over three files (src/store/sqlite_audit_index.c).
-- The person index is in a file of its own ("<file>-audit-index", schema
-- audit_ix), filled beside the audit writer, so these views join it to the
-- trail ("<file>-audit", schema audit). A view stored in one file cannot
-- name another's tables, so every connection creates them as TEMP views;
-- the e2e tests' sqlite3 shell reads this file and does the same. The text
-- is PostgreSQL's views (migration 036) with the files named.
CREATE TEMP VIEW IF NOT EXISTS audit_people_all AS
SELECT ix.seq, ix.person_id, ap.basis
  FROM audit_ix.audit_people_index ix JOIN audit.audit_people ap ON ap.seq = ix.seq AND ap.person_id = ix.person_id
UNION ALL
SELECT ap.seq, ap.person_id, ap.basis
  FROM audit.audit_people ap WHERE ap.seq > (SELECT s.indexed_to FROM audit_ix.audit_index_state s WHERE s.id = 1);
CREATE TEMP VIEW IF NOT EXISTS audit_trail AS
SELECT a.seq, a.at, a.user_id, a.org_id, a.role, a.action, a.resource_type, a.resource_id, a.person_id,
       a.basis, a.request_id
  FROM audit.audit_log a
 WHERE a.person_id IS NOT NULL OR NOT EXISTS (SELECT 1 FROM audit.audit_people ap WHERE ap.seq = a.seq)
UNION ALL
SELECT a.seq, a.at, a.user_id, a.org_id, a.role, a.action, a.resource_type, a.resource_id, ap.person_id,
       ap.basis, a.request_id
  FROM audit_people_all ap JOIN audit.audit_log a ON a.seq = ap.seq;
