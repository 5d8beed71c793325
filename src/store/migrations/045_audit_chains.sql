-- The audit trail as K hash chains (src/store/audit_store.h): chain c holds
-- the entries seq c, c + K, c + 2K, … and has its own row in audit_head
-- (id c). One chain, as before, on SQLite and on a single PostgreSQL
-- server; on a Citus cluster `seamless init` splits a fresh trail into
-- CITUS_AUDIT_CHAINS (src/store/citus.h), so appends about different
-- people do not all queue on one head row. Here only the head table's
-- check widens (PostgreSQL); SQLite keeps its one chain and the check.
-- @backend postgres
ALTER TABLE audit_head DROP CONSTRAINT audit_head_id_check;
ALTER TABLE audit_head ADD CONSTRAINT audit_head_id_check CHECK (id BETWEEN 1 AND 32);
-- @backend sqlite
UPDATE audit_head SET id = id WHERE 1 = 0;
