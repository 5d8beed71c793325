/* SQLite: the audit trail's person index in a file of its own
 * (docs/internals/audit.md, "The person index's own file on SQLite").
 *
 * Why: audit_people_index is keyed by person, so every step that fills it
 * writes pages all over it. In the trail's file a step had to be small
 * (a few hundred people, inside the writer's batch), because the trail has
 * one write lock and every request waiting on an audit batch waited for the
 * step too, and small steps are dear: on a copy of a county's trail a step
 * of 1,250 people took 19.8 µs of CPU a person, one of 50,000 people 3.4 µs
 * (docs/performance.md, session 15). In a file of its own the index has its
 * own lock: a thread fills it in big sorted steps beside the writer.
 *
 * The file, "<file>-audit-index", is attached to every connection as schema
 * "audit_ix", after the trail. It is derived data: rebuilt from the trail's
 * audit_people whenever it is missing or does not belong to the trail
 * beside it, so `seamless backup` leaves it out, and it is written with
 * synchronous=NORMAL (a power cut may lose its last steps, never corrupt
 * it; the steps are done again). Its state row records the trail's pairing
 * (audit.audit_file) and the hash of the entry at indexed_to; an index
 * whose pairing or hash does not match the trail (a trail restored from a
 * backup, a file copied from elsewhere) is emptied when it is attached.
 *
 * Table names stay unique across the three files, so the index step's SQL
 * (audit_store.c) names no file, as on PostgreSQL. The views that join the
 * index to the trail are TEMP views of each connection
 * (sqlite_audit_views.sql). Migration 046 marks the change; settling after
 * the migrations drops the index tables and views the trail file held. */
#include "store/sqlite_audit_index.h"
#include "store/backend.h"
#include "store/sqlite_audit.h"
#include "util/embedded.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sqlite_audit_index_path(const char *path, char *out, size_t n)
{
    if (strcmp(path, ":memory:") == 0 || !*path)
        snprintf(out, n, "%s", ":memory:");
    else
        snprintf(out, n, "%s-audit-index", path);
}

static const char tables_sql[] =
    "BEGIN IMMEDIATE;"
    "CREATE TABLE IF NOT EXISTS audit_ix.audit_people_index (person_id TEXT NOT NULL, seq INTEGER NOT NULL,"
    " PRIMARY KEY (person_id, seq)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS audit_ix.audit_index_state (id INTEGER PRIMARY KEY CHECK (id = 1),"
    " indexed_to INTEGER NOT NULL, pair TEXT, hash TEXT);"
    "INSERT OR IGNORE INTO audit_ix.audit_index_state (id, indexed_to) VALUES (1, 0);"
    "COMMIT;";

/* 1 when the index was not made from the trail beside it: another pairing,
 * or the entry it indexed last is not the one it recorded. */
static const char stale_sql[] =
    "SELECT EXISTS (SELECT 1 FROM audit_ix.audit_index_state s WHERE s.id = 1 AND"
    " (s.pair IS NOT (SELECT f.pair FROM audit.audit_file f WHERE f.id = 1)"
    "  OR (s.indexed_to > 0 AND s.hash IS NOT (SELECT a.hash FROM audit.audit_log a WHERE a.seq = s.indexed_to))))";

/* Emptied, and paired with the trail; checked again under the lock, since
 * another connection may have done it meanwhile. */
static const char reset_sql[] =
    "BEGIN IMMEDIATE;"
    "DELETE FROM audit_ix.audit_people_index WHERE (SELECT stale FROM temp.audit_index_check);"
    "UPDATE audit_ix.audit_index_state SET indexed_to = 0, hash = NULL,"
    " pair = (SELECT f.pair FROM audit.audit_file f WHERE f.id = 1)"
    " WHERE id = 1 AND (SELECT stale FROM temp.audit_index_check);"
    "COMMIT;";

/* The hash of the entry at indexed_to, kept with it by every step. A TEMP
 * trigger may change a table of any file; the table it changes is named
 * without one (SQLite's rule for trigger bodies), which is why the old
 * tables must be gone from the trail file first. */
static const char hash_trigger_sql[] =
    "CREATE TEMP TRIGGER IF NOT EXISTS audit_index_hash AFTER UPDATE OF indexed_to ON audit_ix.audit_index_state"
    " BEGIN UPDATE audit_index_state SET hash = (SELECT a.hash FROM audit.audit_log a WHERE a.seq = NEW.indexed_to)"
    " WHERE id = NEW.id; END;";

/* 1 once the trail is in its file and the index tables it held are gone
 * (settled after migration 046): the index file's tables are then the only
 * ones of their names. */
static int index_moved(sqlite3 *db)
{
    int trail = sqlite_has_object(db, "audit", "audit_log");
    int old_trail = sqlite_has_object(db, "audit", "audit_index_state"), old_main = sqlite_has_object(db, "main", "audit_index_state");
    if (trail < 0 || old_trail < 0 || old_main < 0)
        return -1;
    return trail && !old_trail && !old_main;
}

static int one_int(sqlite3 *db, const char *sql, int *out)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        *out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(st);
    return rc;
}

/* Empties an index that does not belong to the trail (stale_sql). */
static int reset_if_stale(sqlite3 *db)
{
    int stale = 0;
    int rc = one_int(db, stale_sql, &stale);
    if (rc != SQLITE_OK || !stale)
        return rc;
    char view[sizeof stale_sql + 64];
    snprintf(view, sizeof view, "CREATE TEMP VIEW IF NOT EXISTS audit_index_check (stale) AS %s", stale_sql);
    rc = sqlite3_exec(db, view, NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, reset_sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK && !sqlite3_get_autocommit(db))
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_exec(db, "DROP VIEW IF EXISTS temp.audit_index_check", NULL, NULL, NULL);
    return rc;
}

/* Once the trail is settled without the index tables it used to hold,
 * this connection gets the TEMP views joining index and trail. Before
 * that, nothing. */
static int index_views(sqlite3 *db)
{
    int moved = index_moved(db);
    if (moved <= 0)
        return moved < 0 ? SQLITE_ERROR : SQLITE_OK;
    const struct embedded_file *views = embedded_find("sqlite_audit_views.sql");
    if (!views)
        return SQLITE_ERROR;
    /* the blob ends in a NUL (embedded.h) */
    return sqlite3_exec(db, (const char *)views->data, NULL, NULL, NULL);
}

/* file as a read-only URI ("file:…?mode=ro", the name percent-encoded). */
static void read_only_uri(const char *file, char *out, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t at = (size_t)snprintf(out, n, "file:");
    for (const unsigned char *c = (const unsigned char *)file; *c && at + 4 < n; c++) {
        if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || strchr("/._-~", *c)) {
            out[at++] = (char)*c;
        } else {
            out[at++] = '%';
            out[at++] = hex[*c >> 4];
            out[at++] = hex[*c & 15];
        }
    }
    snprintf(out + at, n - at, "?mode=ro");
}

/* (Re)attaches the index file: writable (the indexer's connection, the CLI
 * indexing, and each connection once at open, to create or empty it), or
 * read-only. Read-only matters: BEGIN IMMEDIATE takes the write lock of
 * every writable file attached, so the audit writer's and the data
 * writers' transactions would otherwise wait for every index step. */
static int attach_index(sqlite3 *db, const char *file, int writable)
{
    if (sqlite_has_object(db, "temp", "audit_index_hash") == 1)
        sqlite3_exec(db, "DROP TRIGGER temp.audit_index_hash", NULL, NULL, NULL);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM pragma_database_list WHERE name = 'audit_ix'", -1, &st, NULL) ==
            SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        sqlite3_finalize(st);
        st = NULL;
        if (sqlite3_exec(db, "DETACH audit_ix", NULL, NULL, NULL) != SQLITE_OK)
            return SQLITE_ERROR;
    }
    sqlite3_finalize(st);
    if (writable)   /* derived data: a power cut may cost its last steps, done again */
        return sqlite_attach_wal(db, file, "audit_ix", "NORMAL");
    char uri[4200 * 3 + 16];
    read_only_uri(file, uri, sizeof uri);
    return sqlite_attach_wal(db, uri, "audit_ix", "NORMAL");
}

int sqlite_audit_index_attach(sqlite3 *db, const char *path, char *why, size_t n)
{
    char file[4200];
    sqlite_audit_index_path(path, file, sizeof file);
    int rc = attach_index(db, file, 1);
    int has = rc == SQLITE_OK ? sqlite_has_object(db, "audit_ix", "audit_index_state") : 0;
    if (rc == SQLITE_OK && has < 0)
        rc = SQLITE_ERROR;
    if (rc == SQLITE_OK && !has)
        rc = sqlite3_exec(db, tables_sql, NULL, NULL, NULL);
    int moved = rc == SQLITE_OK ? index_moved(db) : 0;
    if (rc == SQLITE_OK && moved > 0)
        rc = reset_if_stale(db);
    if (rc != SQLITE_OK && !sqlite3_get_autocommit(db))
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    if (rc == SQLITE_OK && strcmp(file, ":memory:") != 0)
        rc = attach_index(db, file, 0);
    if (rc == SQLITE_OK)
        rc = index_views(db);
    if (rc != SQLITE_OK)
        snprintf(why, n, "opening the audit trail's person index %s: %s", file, sqlite3_errmsg(db));
    return rc;
}

int sqlite_audit_index_writer(sqlite3 *db, const char *path)
{
    char file[4200];
    sqlite_audit_index_path(path, file, sizeof file);
    if (strcmp(file, ":memory:") == 0)
        return sqlite3_exec(db, hash_trigger_sql, NULL, NULL, NULL);
    int rc = attach_index(db, file, 1);
    if (rc == SQLITE_OK && index_moved(db) > 0)
        rc = sqlite3_exec(db, hash_trigger_sql, NULL, NULL, NULL);
    return rc;
}

int sqlite_audit_index_drop_old(sqlite3 *db, struct store_error *err)
{
    static const char *const schemas[] = {"main", "audit"};
    static const char *const objects[][2] = {{"VIEW", "audit_trail"}, {"VIEW", "audit_people_all"},
                                             {"TABLE", "audit_people_index"}, {"TABLE", "audit_index_state"}};
    for (int s = 0; s < 2; s++) {
        int old = sqlite_has_object(db, schemas[s], "audit_index_state");
        if (old < 0)
            return store_fail(err, STORE_EGENERIC, "moving the person index to its file: %s", sqlite3_errmsg(db));
        if (!old)
            continue;
        char sql[600];
        size_t at = (size_t)snprintf(sql, sizeof sql, "BEGIN IMMEDIATE;");
        for (size_t i = 0; i < sizeof objects / sizeof objects[0]; i++)
            at += (size_t)snprintf(sql + at, sizeof sql - at, "DROP %s IF EXISTS %s.%s;", objects[i][0], schemas[s],
                                   objects[i][1]);
        snprintf(sql + at, sizeof sql - at, "COMMIT;");
        if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
            int code = STORE_EGENERIC;
            store_fail(err, code, "moving the person index to its file: %s", sqlite3_errmsg(db));
            if (!sqlite3_get_autocommit(db))
                sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            return code;
        }
    }
    return STORE_OK;
}
