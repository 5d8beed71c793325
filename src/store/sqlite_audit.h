/* SQLite only: the audit trail in its own file beside the data file
 * (sqlite_audit.c). Internal to src/store/. */
#ifndef SEAMLESS_STORE_SQLITE_AUDIT_H
#define SEAMLESS_STORE_SQLITE_AUDIT_H
#include "store/store.h"
#include <sqlite3.h>
#include <stddef.h>

/* 1 when schema.name exists (a table, index or view), 0 when not, -1 on error. */
int sqlite_has_object(sqlite3 *db, const char *schema, const char *name);
/* Attaches file as schema (a fixed name of ours, never input) in WAL mode
 * with the given synchronous setting. */
int sqlite_attach_wal(sqlite3 *db, const char *file, const char *schema, const char *synchronous);
/* "<path>-audit" (":memory:" for an in-memory database). */
void sqlite_audit_path(const char *path, char *out, size_t n);
/* Attaches the trail file as schema "audit" (WAL, synchronous=FULL) and
 * checks that the two files belong together; on refusal, why says so. */
int sqlite_audit_attach(sqlite3 *db, const char *path, char *why, size_t n);
/* Moves every audit_* table, index and view of the data file into the
 * trail file (after the migrations; nothing to do once moved). */
int sqlite_audit_settle(sqlite3 *db, struct store_error *err);
/* This connection writes only the trail (the audit writer's): no outbox. */
int sqlite_audit_only(sqlite3 *db);
/* The statements sqlite_audit_tx_begun runs, prepared once per connection:
 * owned by the connection, freed (before it closes) with sqlite_outbox_free. */
struct sqlite_outbox;
void sqlite_outbox_free(struct sqlite_outbox *ob);
/* Run after BEGIN IMMEDIATE: outbox entries past the trail's head into the
 * trail; on a data connection, the outbox entries the trail had committed
 * before this transaction are cleared. *cache: the connection's statements
 * (NULL at first; filled once the data file has its outbox). */
int sqlite_audit_tx_begun(sqlite3 *db, struct sqlite_outbox **cache, int data_connection, char *why, size_t n);
#endif
