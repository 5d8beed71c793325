-- On SQLite the audit trail moves to a file of its own beside the data file
-- ("<file>-audit", attached to every connection as schema "audit"), so that
-- an audit commit no longer empties every reader's page cache. The move is
-- not SQL in this file: it runs after the migrations, in two transactions,
-- one per file (src/store/sqlite_audit.c). This migration only marks the
-- schema version, so a server started on an older database asks for
-- `seamless init` first. PostgreSQL is unchanged.
UPDATE audit_index_state SET indexed_to = indexed_to WHERE 1 = 0;
