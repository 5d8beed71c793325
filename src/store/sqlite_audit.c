/* SQLite: the audit trail in a file of its own (docs/internals/audit.md,
 * "The trail's own file on SQLite").
 *
 * Why: in WAL mode a connection drops its whole page cache when it begins a
 * read and finds that another connection has committed since its last one.
 * Every audited read commits an audit entry, so with the trail in the data
 * file every request began with a cold cache (the IDT board's query: 5.9 ms
 * CPU warm, 10.9 ms after another connection's commit). SQLite keeps a cache
 * per attached file, so with the trail in "<file>-audit" an audit commit
 * leaves the data file's cache alone.
 *
 * Every connection attaches the trail file as schema "audit". Table names
 * are unique across the two files, so SQL names tables without a schema, as
 * on PostgreSQL. The migrations create the audit tables in the data file as
 * they always did; sqlite_audit_settle then moves every audit_* object into
 * the trail file, in two transactions each touching one file (SQLite does not
 * commit a change to two WAL files atomically): copy, then drop. Interrupted
 * between them, both files hold the trail and the next `seamless init`
 * finishes the drop once the copies agree.
 *
 * The two files carry the same random pairing (main.trail_file,
 * audit.audit_file): a connection refuses a trail file of another database,
 * a data file whose trail file is missing, and a trail file left beside a new
 * data file.
 *
 * A write and its audit entry: SQLite commits a transaction over two WAL
 * files one file at a time, the data file first, so a crash between the two
 * would leave a change without its entry. So every connection that writes
 * data keeps a copy of each entry it appends in the data file, in the same
 * transaction (the outbox: main.trail_outbox_log and trail_outbox_people,
 * filled by TEMP triggers on the trail's tables). Every write transaction
 * begins by putting back into the trail any outbox entry past the trail's
 * head (a commit cut short: the entries are already hashed, in order, so the
 * chain continues from them) and, on a data connection, clearing the ones the
 * trail had already committed (not the ones put back: they stay until the
 * trail's commit of them is seen). The audit writer's connection writes only the trail
 * (sqlite_audit_only): no outbox, so its commits leave the data file alone. */
#include "store/backend.h"
#include "store/sqlite_audit.h"
#include "store/sqlite_audit_index.h"
#include "util/buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int outbox_on(sqlite3 *db);

int sqlite_has_object(sqlite3 *db, const char *schema, const char *name)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT 1 FROM %s.sqlite_master WHERE name = ?1", schema);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* The pairing of one file into out ("" when it has none); -1 on error. */
static int read_pair(sqlite3 *db, const char *schema, const char *table, char out[40])
{
    out[0] = '\0';
    int has = sqlite_has_object(db, schema, table);
    if (has <= 0)
        return has;
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT pair FROM %s.%s WHERE id = 1", schema, table);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(out, 40, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

void sqlite_audit_path(const char *path, char *out, size_t n)
{
    if (strcmp(path, ":memory:") == 0 || !*path)
        snprintf(out, n, "%s", ":memory:");
    else
        snprintf(out, n, "%s-audit", path);
}

int sqlite_attach_wal(sqlite3 *db, const char *file, const char *schema, const char *synchronous)
{
    char sql[160];
    snprintf(sql, sizeof sql, "ATTACH ?1 AS %s", schema);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, file, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(st);
    snprintf(sql, sizeof sql, "PRAGMA %s.journal_mode=WAL; PRAGMA %s.synchronous=%s;", schema, schema, synchronous);
    return rc == SQLITE_OK ? sqlite3_exec(db, sql, NULL, NULL, NULL) : rc;
}

int sqlite_audit_attach(sqlite3 *db, const char *path, char *why, size_t n)
{
    char file[4200];
    sqlite_audit_path(path, file, sizeof file);
    int rc = sqlite_attach_wal(db, file, "audit", "FULL");
    if (rc != SQLITE_OK) {
        snprintf(why, n, "opening the audit trail file %s: %s", file, sqlite3_errmsg(db));
        return rc;
    }
    char data_pair[40], trail_pair[40];
    int has_trail = sqlite_has_object(db, "audit", "audit_log");
    int has_main = sqlite_has_object(db, "main", "audit_log");
    if (read_pair(db, "main", "trail_file", data_pair) < 0 || read_pair(db, "audit", "audit_file", trail_pair) < 0 ||
        has_trail < 0 || has_main < 0) {
        snprintf(why, n, "reading the audit trail file %s: %s", file, sqlite3_errmsg(db));
        return SQLITE_ERROR;
    }
    if (data_pair[0] && trail_pair[0] && strcmp(data_pair, trail_pair) != 0) {
        snprintf(why, n, "%s is the audit trail of another database, not of %s", file, path);
        return SQLITE_CANTOPEN;
    }
    if (data_pair[0] && !has_trail) {
        snprintf(why, n, "the audit trail file %s is missing: restore it beside %s (seamless backup writes both)",
                 file, path);
        return SQLITE_CANTOPEN;
    }
    if (!data_pair[0] && has_trail && !has_main) {
        snprintf(why, n, "%s holds an audit trail but %s has none: the trail belongs to another database "
                         "(move it away to start a new one)", file, path);
        return SQLITE_CANTOPEN;
    }
    if (outbox_on(db) != SQLITE_OK) {
        snprintf(why, n, "the audit trail's outbox: %s", sqlite3_errmsg(db));
        return SQLITE_ERROR;
    }
    return sqlite_audit_index_attach(db, path, why, n);
}

/* ---- the outbox ----------------------------------------------------------- */

/* audit_log's columns, in order (migrations 001, 016). A migration that adds
 * one adds it here too: test_sqlite_audit.c compares the two tables. */
#define LOG_COLS "seq, at, user_id, org_id, role, action, resource_type, resource_id, person_id, basis," \
                 " request_id, prev_hash, hash, mac"

static const char outbox_tables[] =
    "CREATE TABLE IF NOT EXISTS main.trail_outbox_log (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, user_id TEXT,"
    " org_id TEXT, role TEXT, action TEXT NOT NULL, resource_type TEXT NOT NULL, resource_id TEXT, person_id TEXT,"
    " basis TEXT NOT NULL, request_id TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL, mac TEXT);"
    "CREATE TABLE IF NOT EXISTS main.trail_outbox_people (seq INTEGER NOT NULL, person_id TEXT NOT NULL,"
    " basis TEXT NOT NULL, PRIMARY KEY (seq, person_id)) WITHOUT ROWID;";

static const char outbox_triggers[] =
    "CREATE TEMP TRIGGER IF NOT EXISTS trail_outbox_log AFTER INSERT ON audit.audit_log BEGIN"
    " INSERT OR REPLACE INTO trail_outbox_log (" LOG_COLS ") VALUES (NEW.seq, NEW.at, NEW.user_id,"
    " NEW.org_id, NEW.role, NEW.action, NEW.resource_type, NEW.resource_id, NEW.person_id, NEW.basis,"
    " NEW.request_id, NEW.prev_hash, NEW.hash, NEW.mac); END;"
    "CREATE TEMP TRIGGER IF NOT EXISTS trail_outbox_people AFTER INSERT ON audit.audit_people BEGIN"
    " INSERT OR REPLACE INTO trail_outbox_people (seq, person_id, basis)"
    " VALUES (NEW.seq, NEW.person_id, NEW.basis); END;";

/* The triggers, on a connection whose data file has the outbox. */
static int outbox_on(sqlite3 *db)
{
    int has = sqlite_has_object(db, "main", "trail_outbox_log");
    if (has <= 0)
        return has < 0 ? SQLITE_ERROR : SQLITE_OK;
    return sqlite3_exec(db, outbox_triggers, NULL, NULL, NULL);
}

int sqlite_audit_only(sqlite3 *db)
{
    return sqlite3_exec(db, "DROP TRIGGER IF EXISTS temp.trail_outbox_log;"
                            "DROP TRIGGER IF EXISTS temp.trail_outbox_people;", NULL, NULL, NULL);
}

/* The trail's head and whether the outbox holds an entry past it. No row
 * when the trail has no head row (nothing to replay or clear). */
static const char state_sql[] =
    "SELECT h.seq, EXISTS (SELECT 1 FROM main.trail_outbox_log WHERE seq > h.seq)"
    " FROM audit.audit_head h WHERE h.id = 1";

/* Entries in the outbox past the trail's head go into the trail, in order,
 * and the head moves to the last of them. */
static const char replay_sql[] =
    "INSERT OR IGNORE INTO audit.audit_people (seq, person_id, basis) SELECT seq, person_id, basis"
    "  FROM main.trail_outbox_people WHERE seq > (SELECT seq FROM audit.audit_head WHERE id = 1);"
    "INSERT INTO audit.audit_log (" LOG_COLS ") SELECT " LOG_COLS
    "  FROM main.trail_outbox_log WHERE seq > (SELECT seq FROM audit.audit_head WHERE id = 1) ORDER BY seq;"
    "UPDATE audit.audit_head SET (seq, hash) = (SELECT seq, hash FROM main.trail_outbox_log ORDER BY seq DESC LIMIT 1)"
    " WHERE id = 1 AND seq < (SELECT MAX(seq) FROM main.trail_outbox_log);";

struct sqlite_outbox {
    sqlite3_stmt *state, *clear_log, *clear_people;
};

void sqlite_outbox_free(struct sqlite_outbox *ob)
{
    if (!ob)
        return;
    sqlite3_finalize(ob->state);
    sqlite3_finalize(ob->clear_log);
    sqlite3_finalize(ob->clear_people);
    free(ob);
}

/* The statements, prepared once per connection (a write transaction used to
 * parse them all again: a few per cent of a durable write's CPU). NULL
 * before the move, when the data file has no outbox yet: asked again at the
 * next write transaction. */
static struct sqlite_outbox *outbox_stmts(sqlite3 *db, struct sqlite_outbox **cache)
{
    if (*cache)
        return *cache;
    struct sqlite_outbox *ob = calloc(1, sizeof *ob);
    if (!ob)
        return NULL;
    if (sqlite3_prepare_v3(db, state_sql, -1, SQLITE_PREPARE_PERSISTENT, &ob->state, NULL) != SQLITE_OK ||
        sqlite3_prepare_v3(db, "DELETE FROM main.trail_outbox_log", -1, SQLITE_PREPARE_PERSISTENT, &ob->clear_log,
                           NULL) != SQLITE_OK ||
        sqlite3_prepare_v3(db, "DELETE FROM main.trail_outbox_people", -1, SQLITE_PREPARE_PERSISTENT,
                           &ob->clear_people, NULL) != SQLITE_OK) {
        sqlite_outbox_free(ob);
        return NULL;
    }
    return *cache = ob;
}

static int run_done(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* After a replay: the outbox entries at or below the head the trail had
 * before it. The replayed ones stay: this transaction commits the data file
 * first, and a crash before the trail's commit must find them again. */
static int prune_to(sqlite3 *db, sqlite3_int64 head)
{
    static const char *const sql[] = {"DELETE FROM main.trail_outbox_log WHERE seq <= ?1",
                                      "DELETE FROM main.trail_outbox_people WHERE seq <= ?1"};
    int rc = SQLITE_OK;
    for (size_t i = 0; i < sizeof sql / sizeof sql[0] && rc == SQLITE_OK; i++) {
        sqlite3_stmt *st = NULL;
        rc = sqlite3_prepare_v2(db, sql[i], -1, &st, NULL);
        if (rc == SQLITE_OK) {
            sqlite3_bind_int64(st, 1, head);
            rc = run_done(st);
        }
        sqlite3_finalize(st);
    }
    return rc;
}

int sqlite_audit_tx_begun(sqlite3 *db, struct sqlite_outbox **cache, int data_connection, char *why, size_t n)
{
    struct sqlite_outbox *ob = outbox_stmts(db, cache);
    if (!ob)   /* before the move: no outbox yet */
        return SQLITE_OK;
    int rc = sqlite3_step(ob->state);
    int pending = rc == SQLITE_ROW && sqlite3_column_int(ob->state, 1);
    sqlite3_int64 head = rc == SQLITE_ROW ? sqlite3_column_int64(ob->state, 0) : 0;
    int has_head = rc == SQLITE_ROW;
    sqlite3_reset(ob->state);
    rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
    if (rc == SQLITE_OK && pending)
        rc = sqlite3_exec(db, replay_sql, NULL, NULL, NULL);
    /* The trail's head is committed, and so durable (synchronous=FULL: a
     * WAL commit is synced before other connections see it), and with
     * nothing pending every outbox entry is at or below it: the whole outbox
     * goes, by SQLite's truncate optimisation rather than row by row. */
    if (rc == SQLITE_OK && data_connection && has_head) {
        if (pending)
            rc = prune_to(db, head);
        else if ((rc = run_done(ob->clear_log)) == SQLITE_OK)
            rc = run_done(ob->clear_people);
    }
    if (rc != SQLITE_OK)
        snprintf(why, n, "the audit trail's outbox: %s", sqlite3_errmsg(db));
    return rc;
}

/* ---- moving the trail into its file ------------------------------------- */

struct obj {
    char type[8];
    char *name, *sql;
};

static int exec(sqlite3 *db, const char *sql, struct store_error *err)
{
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return store_fail(err, STORE_EGENERIC, "moving the audit trail to its file: %s", sqlite3_errmsg(db));
    return STORE_OK;
}

/* Every audit_* table, index and view of the data file, tables first. */
static int list_objects(sqlite3 *db, struct obj **out, int *count)
{
    static const char sql[] =
        "SELECT type, name, sql FROM main.sqlite_master"
        " WHERE name LIKE 'audit\\_%' ESCAPE '\\' AND sql IS NOT NULL AND type IN ('table', 'index', 'view')"
        " ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, rowid";
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    int n = 0, cap = 0, rc;
    struct obj *v = NULL;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            struct obj *w = realloc(v, (size_t)cap * sizeof *v);
            if (!w)
                break;
            v = w;
        }
        snprintf(v[n].type, sizeof v[n].type, "%s", (const char *)sqlite3_column_text(st, 0));
        v[n].name = strdup((const char *)sqlite3_column_text(st, 1));
        v[n].sql = strdup((const char *)sqlite3_column_text(st, 2));
        if (!v[n].name || !v[n].sql) {
            free(v[n].name);
            free(v[n].sql);
            break;
        }
        n++;
    }
    sqlite3_finalize(st);
    *out = v;
    *count = n;
    return rc == SQLITE_DONE ? 0 : -1;
}

static void free_objects(struct obj *v, int n)
{
    for (int i = 0; i < n; i++) {
        free(v[i].name);
        free(v[i].sql);
    }
    free(v);
}

/* The object's CREATE text with its name qualified by "audit.": the
 * migrations write "CREATE TABLE name", "CREATE INDEX name ON …" and
 * "CREATE VIEW name AS …", and SQLite stores the text as written. */
static char *in_trail(const struct obj *o)
{
    const char *at = strstr(o->sql, o->name);
    if (!at || strncmp(o->sql, "CREATE ", 7) != 0)
        return NULL;
    struct buf b;
    buf_init(&b, 1 << 20);
    buf_put(&b, o->sql, (size_t)(at - o->sql));
    buf_puts(&b, "audit.");
    buf_puts(&b, at);
    if (b.failed) {
        buf_free(&b);
        return NULL;
    }
    return buf_detach(&b);
}

/* 1 when the trail file's copy of a table has the data file's rows, by count
 * and, for audit_head, by content. */
static int copies_agree(sqlite3 *db, const char *table)
{
    char sql[400];
    snprintf(sql, sizeof sql,
             "SELECT (SELECT COUNT(*) FROM main.%s) = (SELECT COUNT(*) FROM audit.%s)"
             " AND NOT EXISTS (SELECT * FROM main.%s WHERE '%s' = 'audit_head' EXCEPT SELECT * FROM audit.%s)",
             table, table, table, table, table);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return 0;
    int ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1;
    sqlite3_finalize(st);
    return ok;
}

/* Transaction 1, the trail file only: create and fill what it lacks. */
static int copy_into_trail(sqlite3 *db, const struct obj *v, int n, struct store_error *err)
{
    if (exec(db, "BEGIN IMMEDIATE", err) < 0)
        return err->code;
    int rc = exec(db, "CREATE TABLE IF NOT EXISTS audit.audit_file (id INTEGER PRIMARY KEY CHECK (id = 1),"
                      " pair TEXT NOT NULL);"
                      "INSERT OR IGNORE INTO audit.audit_file (id, pair) VALUES (1, lower(hex(randomblob(16))));",
                  err);
    for (int i = 0; i < n && rc == STORE_OK; i++) {
        int there = sqlite_has_object(db, "audit", v[i].name);
        if (there < 0) {
            rc = store_fail(err, STORE_EGENERIC, "moving the audit trail to its file: %s", sqlite3_errmsg(db));
            break;
        }
        if (there) {
            if (strcmp(v[i].type, "table") == 0 && !copies_agree(db, v[i].name))
                rc = store_fail(err, STORE_EINTEGRITY,
                                "the audit trail file and the database both hold %s, and they differ: "
                                "the trail file belongs to another database", v[i].name);
            continue;
        }
        char *create = in_trail(&v[i]);
        if (!create) {
            rc = store_fail(err, STORE_EGENERIC, "moving the audit trail to its file: cannot place %s", v[i].name);
            break;
        }
        rc = exec(db, create, err);
        free(create);
        if (rc == STORE_OK && strcmp(v[i].type, "table") == 0) {
            char sql[200];
            snprintf(sql, sizeof sql, "INSERT INTO audit.%s SELECT * FROM main.%s", v[i].name, v[i].name);
            rc = exec(db, sql, err);
        }
    }
    if (rc == STORE_OK)
        rc = exec(db, "COMMIT", err);
    if (rc != STORE_OK)
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/* Transaction 2, the data file only: drop the moved objects, record the pairing. */
static int drop_from_data(sqlite3 *db, const struct obj *v, int n, struct store_error *err)
{
    if (exec(db, "BEGIN IMMEDIATE", err) < 0)
        return err->code;
    int rc = STORE_OK;
    for (int i = n - 1; i >= 0 && rc == STORE_OK; i--) {
        if (strcmp(v[i].type, "index") == 0)
            continue;   /* goes with its table */
        char sql[200];
        snprintf(sql, sizeof sql, "DROP %s main.%s", strcmp(v[i].type, "view") == 0 ? "VIEW" : "TABLE", v[i].name);
        rc = exec(db, sql, err);
    }
    if (rc == STORE_OK)
        rc = exec(db, outbox_tables, err);
    if (rc == STORE_OK)
        rc = exec(db, "CREATE TABLE IF NOT EXISTS main.trail_file (id INTEGER PRIMARY KEY CHECK (id = 1),"
                      " pair TEXT NOT NULL);"
                      "INSERT OR REPLACE INTO main.trail_file (id, pair) SELECT id, pair FROM audit.audit_file;"
                      "COMMIT",
                  err);
    if (rc != STORE_OK)
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

int sqlite_audit_settle(sqlite3 *db, struct store_error *err)
{
    int dropped = sqlite_audit_index_drop_old(db, err);
    if (dropped != STORE_OK)
        return dropped;
    struct obj *v = NULL;
    int n = 0;
    if (list_objects(db, &v, &n) < 0) {
        free_objects(v, n);
        return store_fail(err, STORE_EGENERIC, "moving the audit trail to its file: %s", sqlite3_errmsg(db));
    }
    int rc = n ? copy_into_trail(db, v, n, err) : STORE_OK;
    if (rc == STORE_OK && n)
        rc = drop_from_data(db, v, n, err);
    free_objects(v, n);
    if (rc == STORE_OK && outbox_on(db) != SQLITE_OK)
        rc = store_fail(err, STORE_EGENERIC, "the audit trail's outbox: %s", sqlite3_errmsg(db));
    return rc;
}
