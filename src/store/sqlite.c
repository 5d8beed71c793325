/* SQLite backend of store.h: WAL, synchronous=FULL, foreign keys, busy
 * timeout; statements cached per connection by SQL text. */
#include "store/store.h"
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CACHE_BUCKETS 256

struct store_stmt {
    struct store *db;
    sqlite3_stmt *st;
    char *sql;
    struct store_stmt *next;
};

struct store {
    sqlite3 *db;
    int in_tx;
    struct store_stmt *cache[CACHE_BUCKETS];
};

static int map_code(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_OK: return STORE_OK;
    case SQLITE_ROW: return STORE_ROW;
    case SQLITE_DONE: return STORE_DONE;
    case SQLITE_CONSTRAINT: return STORE_ECONSTRAINT;
    case SQLITE_BUSY: case SQLITE_LOCKED: return STORE_EBUSY;
    case SQLITE_IOERR: case SQLITE_FULL: case SQLITE_CORRUPT: return STORE_EIO;
    case SQLITE_CANTOPEN: return STORE_ECANTOPEN;
    default: return STORE_EGENERIC;
    }
}

static int fail(struct store *db, int rc, struct store_error *err, const char *what)
{
    int code = map_code(rc);
    if (code >= 0)
        code = STORE_EGENERIC;
    if (err) {
        err->code = code;
        snprintf(err->message, sizeof err->message, "%s: %s", what,
                 db && db->db ? sqlite3_errmsg(db->db) : sqlite3_errstr(rc));
    }
    return code;
}

const char *store_backend(const struct store *db)
{
    (void)db;
    return "sqlite";
}

static const char *sqlite_path(const char *url)
{
    if (strncmp(url, "sqlite:", 7) == 0)
        return url + 7;
    return url;
}

struct store *store_open(const char *url, struct store_error *err)
{
    if (!url || !*url) {
        if (err) { err->code = STORE_ECANTOPEN; snprintf(err->message, sizeof err->message, "no database given"); }
        return NULL;
    }
    if (strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0) {
        if (err) {
            err->code = STORE_EUNSUPPORTED;
            snprintf(err->message, sizeof err->message, "PostgreSQL is not supported by this build yet");
        }
        return NULL;
    }
    struct store *db = calloc(1, sizeof *db);
    if (!db)
        return NULL;
    int rc = sqlite3_open_v2(sqlite_path(url), &db->db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        fail(db, rc, err, "open");
        store_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db->db, 10000);
    sqlite3_extended_result_codes(db->db, 1);
    /* Durability: WAL with synchronous=FULL fsyncs the WAL on every commit, so
     * an acknowledged write survives power loss, not only a process kill. */
    if (store_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                       "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;", err) < 0) {
        store_close(db);
        return NULL;
    }
    return db;
}

void store_close(struct store *db)
{
    if (!db)
        return;
    for (int i = 0; i < CACHE_BUCKETS; i++) {
        struct store_stmt *s = db->cache[i];
        while (s) {
            struct store_stmt *next = s->next;
            sqlite3_finalize(s->st);
            free(s->sql);
            free(s);
            s = next;
        }
    }
    sqlite3_close_v2(db->db);
    free(db);
}

int store_exec(struct store *db, const char *sql, struct store_error *err)
{
    char *msg = NULL;
    int rc = sqlite3_exec(db->db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        int code = map_code(rc);
        if (err) {
            err->code = code < 0 ? code : STORE_EGENERIC;
            snprintf(err->message, sizeof err->message, "exec: %s", msg ? msg : sqlite3_errstr(rc));
        }
        sqlite3_free(msg);
        return code < 0 ? code : STORE_EGENERIC;
    }
    return STORE_OK;
}

int store_tx_begin(struct store *db, enum store_tx_kind kind, struct store_error *err)
{
    int rc = store_exec(db, kind == STORE_TX_WRITE ? "BEGIN IMMEDIATE" : "BEGIN", err);
    if (rc == STORE_OK)
        db->in_tx = 1;
    return rc;
}

int store_tx_commit(struct store *db, struct store_error *err)
{
    int rc = store_exec(db, "COMMIT", err);
    if (rc != STORE_OK) {
        store_tx_rollback(db);
        return rc;
    }
    db->in_tx = 0;
    return STORE_OK;
}

void store_tx_rollback(struct store *db)
{
    if (!sqlite3_get_autocommit(db->db))
        sqlite3_exec(db->db, "ROLLBACK", NULL, NULL, NULL);
    db->in_tx = 0;
}

int store_in_tx(const struct store *db)
{
    return db->in_tx;
}

static unsigned hash_sql(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h % CACHE_BUCKETS;
}

struct store_stmt *store_prepare(struct store *db, const char *sql, struct store_error *err)
{
    unsigned h = hash_sql(sql);
    for (struct store_stmt *s = db->cache[h]; s; s = s->next)
        if (strcmp(s->sql, sql) == 0)
            return s;
    struct store_stmt *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    int rc = sqlite3_prepare_v3(db->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->st, NULL);
    if (rc != SQLITE_OK) {
        fail(db, rc, err, "prepare");
        free(s);
        return NULL;
    }
    s->sql = strdup(sql);
    s->db = db;
    s->next = db->cache[h];
    db->cache[h] = s;
    return s;
}

/* Parameters are written $1, $2 …; SQLite treats "$1" as a named parameter,
 * so bind by name: the order of first appearance does not matter. */
static int param_index(struct store_stmt *s, int n)
{
    char name[16];
    snprintf(name, sizeof name, "$%d", n);
    return sqlite3_bind_parameter_index(s->st, name);
}

int store_bind_text(struct store_stmt *s, int n, const char *v)
{
    int i = param_index(s, n);
    if (i == 0)
        return STORE_EGENERIC;
    int rc = v ? sqlite3_bind_text(s->st, i, v, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(s->st, i);
    return rc == SQLITE_OK ? STORE_OK : STORE_EGENERIC;
}

int store_bind_int(struct store_stmt *s, int n, int64_t v)
{
    int i = param_index(s, n);
    if (i == 0)
        return STORE_EGENERIC;
    return sqlite3_bind_int64(s->st, i, v) == SQLITE_OK ? STORE_OK : STORE_EGENERIC;
}

int store_bind_null(struct store_stmt *s, int n)
{
    int i = param_index(s, n);
    if (i == 0)
        return STORE_EGENERIC;
    return sqlite3_bind_null(s->st, i) == SQLITE_OK ? STORE_OK : STORE_EGENERIC;
}

int store_step(struct store_stmt *s, struct store_error *err)
{
    int rc = sqlite3_step(s->st);
    if (rc == SQLITE_ROW)
        return STORE_ROW;
    if (rc == SQLITE_DONE)
        return STORE_DONE;
    return fail(s->db, rc, err, "step");
}

void store_reset(struct store_stmt *s)
{
    sqlite3_reset(s->st);
    sqlite3_clear_bindings(s->st);
}

int store_col_count(struct store_stmt *s) { return sqlite3_column_count(s->st); }
const char *store_col_name(struct store_stmt *s, int i) { return sqlite3_column_name(s->st, i); }
int store_col_is_null(struct store_stmt *s, int i) { return sqlite3_column_type(s->st, i) == SQLITE_NULL; }

const char *store_col_text(struct store_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s->st, i);
    return t ? (const char *)t : "";
}

int64_t store_col_int(struct store_stmt *s, int i) { return sqlite3_column_int64(s->st, i); }
int64_t store_changes(struct store *db) { return sqlite3_changes64(db->db); }

int store_run(struct store *db, const char *sql, int nparams, const char *const *params,
              struct store_error *err)
{
    struct store_stmt *s = store_prepare(db, sql, err);
    if (!s)
        return err ? err->code : STORE_EGENERIC;
    for (int i = 0; i < nparams; i++)
        if (store_bind_text(s, i + 1, params[i]) < 0) {
            store_reset(s);
            if (err) { err->code = STORE_EGENERIC; snprintf(err->message, sizeof err->message, "bind $%d", i + 1); }
            return STORE_EGENERIC;
        }
    int rc;
    while ((rc = store_step(s, err)) == STORE_ROW)
        ;
    store_reset(s);
    return rc == STORE_DONE ? STORE_OK : rc;
}

int store_backup(struct store *db, const char *dest_path, struct store_error *err)
{
    struct store_stmt *s = store_prepare(db, "VACUUM INTO $1", err);
    if (!s)
        return err ? err->code : STORE_EGENERIC;
    store_bind_text(s, 1, dest_path);
    int rc = store_step(s, err);
    store_reset(s);
    return rc == STORE_DONE ? STORE_OK : rc;
}

json_t *store_row_json(struct store_stmt *s)
{
    json_t *o = json_object();
    int n = sqlite3_column_count(s->st);
    for (int i = 0; i < n; i++) {
        const char *name = sqlite3_column_name(s->st, i);
        switch (sqlite3_column_type(s->st, i)) {
        case SQLITE_NULL:
            json_object_set_new(o, name, json_null());
            break;
        case SQLITE_INTEGER:
            json_object_set_new(o, name, json_integer(sqlite3_column_int64(s->st, i)));
            break;
        default:
            json_object_set_new(o, name, json_string((const char *)sqlite3_column_text(s->st, i)));
        }
    }
    return o;
}
