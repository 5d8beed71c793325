-- The audit trail as K hash chains (src/store/audit_store.h), one row of
-- audit_head each (id c). The entries up to the split (base) are chain 1's,
-- 1, 2, 3 … as one chain always had; after it chain c holds base + c,
-- base + c + K, … One chain, as before, on SQLite and on a single
-- PostgreSQL server; on a Citus cluster `seamless init` splits the trail
-- into CITUS_AUDIT_CHAINS (src/store/citus.h), so appends about different
-- people do not all queue on one head row. Here the head rows get the base
-- (0: nothing before the split), and on PostgreSQL the check on the head's
-- id widens; SQLite keeps its one chain and its check.
ALTER TABLE audit_head ADD COLUMN base BIGINT NOT NULL DEFAULT 0;
-- @backend postgres
ALTER TABLE audit_head DROP CONSTRAINT audit_head_id_check;
ALTER TABLE audit_head ADD CONSTRAINT audit_head_id_check CHECK (id BETWEEN 1 AND 32);
