/* SQLite only: the audit trail's person index in a file of its own beside
 * the trail (sqlite_audit_index.c). Internal to src/store/. */
#ifndef SEAMLESS_STORE_SQLITE_AUDIT_INDEX_H
#define SEAMLESS_STORE_SQLITE_AUDIT_INDEX_H
#include "store/store.h"
#include <sqlite3.h>
#include <stddef.h>

/* "<path>-audit-index" (":memory:" for an in-memory database). */
void sqlite_audit_index_path(const char *path, char *out, size_t n);
/* Attaches the index file as schema "audit_ix" (after the trail): creates
 * its tables when it is new, empties it when it is not the trail's, then
 * attaches it again read-only; once the trail is settled without the index
 * tables it used to hold, this connection gets the TEMP views joining index
 * and trail. On failure
 * why says so. */
int sqlite_audit_index_attach(sqlite3 *db, const char *path, char *why, size_t n);
/* This connection writes the index (the indexer's, the CLI's when it
 * indexes): the file attached writable, with the trigger that keeps the
 * state's hash. Other connections have it read-only. */
int sqlite_audit_index_writer(sqlite3 *db, const char *path);
/* Drops the index tables and views the data or trail file still holds
 * (before migration 046 they were there). */
int sqlite_audit_index_drop_old(sqlite3 *db, struct store_error *err);
#endif
