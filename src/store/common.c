/* Backend-independent parts of store.h: migrations, the per-thread pool,
 * ids and timestamps. */
#include "store/backend.h"
#include "store/citus.h"
#include "util/clock.h"
#include "util/embedded.h"
#include "util/num.h"
#include <jansson.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- migrations ---------------------------------------------------------- */

static int migration_number(const char *name)
{
    const char *p = name + strlen("migrations/");
    int n = 0;
    return num_parse_int_n(p, strspn(p, "0123456789"), &n) == 0 ? n : 0;
}

static int is_migration(const struct embedded_file *f)
{
    return strncmp(f->name, "migrations/", 11) == 0;
}

int store_schema_latest(void)
{
    int latest = 0;
    for (const struct embedded_file *f = embedded_files; f->name; f++)
        if (is_migration(f) && migration_number(f->name) > latest)
            latest = migration_number(f->name);
    return latest;
}

static int ensure_migrations_table(struct store *db, struct store_error *err)
{
    return store_exec(db, "CREATE TABLE IF NOT EXISTS schema_migrations ("
                          " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                          " applied_at TEXT NOT NULL)", err);
}

/* Reads without creating anything, so a server role that may only read and
 * write rows (README: PostgreSQL privileges) can check the schema. */
int store_schema_current(struct store *db, struct store_error *err)
{
    int exists = store_table_exists(db, "schema_migrations", err);
    if (exists <= 0)
        return exists;
    struct store_stmt *s = store_prepare(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", err);
    if (!s)
        return err->code;
    int rc = store_step(s, err);
    int v = rc == STORE_ROW ? (int)store_col_int(s, 0) : rc;
    store_reset(s);
    return v;
}

/* The part of a migration's text for this backend. A migration is one SQL
 * text for every backend, except where the two cannot share one (SQLite
 * cannot alter a CHECK constraint in place; PostgreSQL can): a line
 * "-- @backend sqlite" or "-- @backend postgres" starts a section only that
 * backend runs, "-- @backend all" returns to shared text. The lines of
 * other backends' sections are blanked, so line numbers in errors stay. */
static char *migration_text(struct store *db, const char *sql)
{
    static const char mark[] = "-- @backend ";
    const char *me = store_backend(db);
    char *out = strdup(sql);
    if (!out)
        return NULL;
    int keep = 1;
    for (char *line = out; *line;) {
        char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        if (strncmp(line, mark, sizeof mark - 1) == 0) {
            const char *which = line + sizeof mark - 1;
            size_t wl = len - (sizeof mark - 1);
            while (wl > 0 && (which[wl - 1] == ' ' || which[wl - 1] == '\r'))
                wl--;
            keep = (wl == 3 && strncmp(which, "all", 3) == 0) ||
                   (wl == strlen(me) && strncmp(which, me, wl) == 0);
        } else if (!keep) {
            memset(line, ' ', len);
        }
        line += len + (nl ? 1 : 0);
    }
    return out;
}

static int apply_one(struct store *db, const struct embedded_file *f, struct store_error *err)
{
    char now[STORE_TIME_LEN], ver[16];
    store_now(now);
    snprintf(ver, sizeof ver, "%d", migration_number(f->name));
    if (store_tx_begin(db, STORE_TX_WRITE, err) < 0)
        return err->code;
    const char *params[] = {ver, f->name + 11, now};
    char *sql = migration_text(db, (const char *)f->data);
    if (!sql) {
        store_tx_rollback(db);
        err->code = STORE_EGENERIC;
        snprintf(err->message, sizeof err->message, "out of memory reading %s", f->name);
        return err->code;
    }
    int rc = store_exec(db, sql, err);
    free(sql);
    if (rc < 0 ||
        store_run(db, "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                  3, params, err) < 0) {
        store_tx_rollback(db);
        return err->code;
    }
    return store_tx_commit(db, err);
}

int store_migrate(struct store *db, struct store_error *err)
{
    if (ensure_migrations_table(db, err) < 0)
        return err->code;
    int current = store_schema_current(db, err);
    if (current < 0)
        return current;
    if (current > store_schema_latest()) {
        err->code = STORE_EUNSUPPORTED;
        snprintf(err->message, sizeof err->message,
                 "database schema %d is newer than this binary (%d)", current, store_schema_latest());
        return err->code;
    }
    /* Embedded files are sorted by name, and names start with the zero-padded
     * number, so this applies them in order. */
    for (const struct embedded_file *f = embedded_files; f->name; f++) {
        if (!is_migration(f) || migration_number(f->name) <= current)
            continue;
        int rc = apply_one(db, f, err);
        if (rc < 0)
            return rc;
    }
    if (db->ops->after_migrate && db->ops->after_migrate(db, err) < 0)
        return err->code;
    /* On a Citus cluster, distribute what the migrations created (citus.h). */
    return store_citus_distribute(db, err);
}

int store_analyze(struct store *db, struct store_error *err)
{
    /* SQLite: the data and the trail; the person index's file is attached
     * read-only (sqlite_audit_index.c) and its lookups need no statistics. */
    return store_exec(db, strcmp(store_backend(db), "sqlite") == 0 ? "ANALYZE main; ANALYZE audit" : "ANALYZE",
                      err);
}

int store_check_schema(struct store *db, struct store_error *err)
{
    int current = store_schema_current(db, err);
    if (current < 0)
        return current;
    int latest = store_schema_latest();
    if (current != latest) {
        err->code = STORE_EUNSUPPORTED;
        snprintf(err->message, sizeof err->message,
                 current > latest ? "database schema %d is newer than this binary (%d)"
                                  : "database schema %d is older than this binary (%d): run `seamless init`",
                 current, latest);
        return err->code;
    }
    return STORE_OK;
}

/* ---- per-thread pool ----------------------------------------------------- */

/* A request thread's SQLite page cache (the default is 2 MB): on the 1.1 M
 * county the access-facts probes and the search read index pages that did
 * not stay in 2 MB, and each came back through pread (docs/performance.md). */
#define POOL_CACHE_MB 16

struct pool_conn {
    struct store *db;
    struct pool_conn *next;
};

struct store_pool {
    char *url;
    pthread_key_t key;
    pthread_mutex_t lock;
    struct pool_conn *all;
};

struct store_pool *store_pool_new(const char *url)
{
    struct store_pool *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->url = strdup(url);
    pthread_key_create(&p->key, NULL);
    pthread_mutex_init(&p->lock, NULL);
    return p;
}

struct store *store_pool_get(struct store_pool *p, struct store_error *err)
{
    struct store *db = pthread_getspecific(p->key);
    if (db)
        return db;
    db = store_open(p->url, err);
    if (!db)
        return NULL;
    store_bulk_cache(db, POOL_CACHE_MB, NULL);   /* a hint, as for the import */
    store_group_commits(db, POOL_CACHE_MB);
    struct pool_conn *c = malloc(sizeof *c);
    if (!c) {
        store_close(db);
        return NULL;
    }
    c->db = db;
    pthread_mutex_lock(&p->lock);
    c->next = p->all;
    p->all = c;
    pthread_mutex_unlock(&p->lock);
    pthread_setspecific(p->key, db);
    return db;
}

void store_pool_free(struct store_pool *p)
{
    if (!p)
        return;
    struct pool_conn *c = p->all;
    while (c) {
        struct pool_conn *next = c->next;
        store_close(c->db);
        free(c);
        c = next;
    }
    pthread_key_delete(p->key);
    pthread_mutex_destroy(&p->lock);
    free(p->url);
    free(p);
}

/* ---- ids and time -------------------------------------------------------- */

void store_new_id(char out[STORE_ID_LEN])
{
    /* Real time, not the test clock: ids stay unique and ordered whatever
     * a test pins "now" to. */
    unsigned long long ms = (unsigned long long)clock_wall_ms();
    /* The random part from a per-thread block of the system's random
     * bytes, refilled when used up: one getrandom call per 80 ids rather
     * than per id (a bulk import makes three ids a person). Nothing forks
     * after start, so no two processes share a block. */
    static _Thread_local unsigned char block[480];
    static _Thread_local size_t used = sizeof block;
    if (used == sizeof block) {
        randombytes_buf(block, sizeof block);
        used = 0;
    }
    unsigned char rnd[6];
    memcpy(rnd, block + used, sizeof rnd);
    sodium_memzero(block + used, sizeof rnd);
    used += sizeof rnd;
    snprintf(out, STORE_ID_LEN, "%012llx%02x%02x%02x%02x%02x%02x", ms & 0xffffffffffffULL,
             rnd[0], rnd[1], rnd[2], rnd[3], rnd[4], rnd[5]);
}

/* A plain id: STORE_PLAIN_ID_CHARS lowercase hex digits. */
static int plain_id(const char *s, size_t n)
{
    if (!s || strlen(s) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return 1;
}

void store_new_record_id(const char *person_id, char out[STORE_ID_LEN])
{
    char own[STORE_ID_LEN];
    store_new_id(own);
    if (!plain_id(person_id, STORE_PLAIN_ID_CHARS)) {
        memcpy(out, own, STORE_PLAIN_ID_CHARS + 1);
        return;
    }
    memcpy(out, person_id, STORE_PLAIN_ID_CHARS);
    memcpy(out + STORE_PLAIN_ID_CHARS, own, STORE_PLAIN_ID_CHARS + 1);
}

void store_keys_forget(struct store *db)
{
    db->nkeys = 0;
    db->next_key = 0;
}

void store_key_scope(struct store *db, int on)
{
    store_keys_forget(db);
    db->key_scope = on;
}

long store_key_reads(const struct store *db) { return db->key_reads; }

/* The remembered key of person key `from`, or NULL (nothing remembered, or
 * no transaction or request scope to keep it in). */
static const char *key_memo(const struct store *db, const char *from)
{
    if (!db->in_tx && !db->key_scope)
        return NULL;
    for (int i = 0; i < db->nkeys; i++)
        if (strcmp(db->keys[i].from, from) == 0)
            return db->keys[i].to;
    return NULL;
}

static void key_remember(struct store *db, const char *from, const char *to)
{
    if (!db->in_tx && !db->key_scope)
        return;
    int n = (int)(sizeof db->keys / sizeof db->keys[0]);
    struct store_key_memo *m = &db->keys[db->next_key];
    db->next_key = (db->next_key + 1) % n;   /* the oldest makes room */
    if (db->nkeys < n)
        db->nkeys++;
    snprintf(m->from, sizeof m->from, "%s", from);
    snprintf(m->to, sizeof m->to, "%s", to);
}

/* out (the key read from an id) followed through persons.merged_into: a
 * person merged into another, whose records moved to the survivor and kept
 * their ids (a merge of the survivor later is followed too). */
static int follow_merges(struct store *db, char out[STORE_ID_LEN], struct store_error *err)
{
    const char *known = key_memo(db, out);
    if (known) {
        memmove(out, known, strlen(known) + 1);
        return STORE_OK;
    }
    char from[STORE_PLAIN_ID_CHARS + 1];
    snprintf(from, sizeof from, "%s", out);
    for (int hop = 0; hop < 8; hop++) {
        char next[STORE_ID_LEN];
        const char *p[] = {out};
        struct store_error e = {0};
        db->key_reads++;
        int rc = store_query_text(db, "SELECT merged_into FROM persons WHERE id = $1 AND merged_into IS NOT NULL",
                                  1, p, next, sizeof next, &e);
        if (rc == STORE_ENOTFOUND)
            break;
        if (rc != STORE_OK) {
            *err = e;
            return rc;
        }
        memcpy(out, next, STORE_ID_LEN);
    }
    key_remember(db, from, out);
    return STORE_OK;
}

int store_record_person(struct store *db, const char *table, const char *id, char out[STORE_ID_LEN],
                        struct store_error *err)
{
    if (plain_id(id, 2 * STORE_PLAIN_ID_CHARS)) {
        memcpy(out, id, STORE_PLAIN_ID_CHARS);
        out[STORE_PLAIN_ID_CHARS] = '\0';
        return db ? follow_merges(db, out, err) : STORE_OK;
    }
    if (!id || !store_citus_kind(table) || strcmp(store_citus_kind(table), "person") != 0 ||
        strcmp(table, "persons") == 0)
        return store_notfound(err);
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT person_id FROM %s WHERE id = $1", table);   /* table: a classified name */
    const char *p[] = {id};
    return store_query_text(db, sql, 1, p, out, STORE_ID_LEN, err);
}

void store_now(char out[STORE_TIME_LEN])
{
    clock_format_utc_ms(clock_now_ms(), out);
}

void store_wall_now(char out[STORE_TIME_LEN])
{
    clock_format_utc_ms(clock_wall_ms(), out);
}

/* ---- query helpers ----------------------------------------------------- */

int store_notfound(struct store_error *err)
{
    err->code = STORE_ENOTFOUND;
    snprintf(err->message, sizeof err->message, "not found");
    return STORE_ENOTFOUND;
}

int store_changed_one(struct store *db, int rc, struct store_error *err)
{
    if (rc == STORE_OK && store_changes(db) == 0)
        return store_notfound(err);
    return rc;
}

/* Runs a query whose first column is copied into out (size n). */
int store_query_text(struct store *db, const char *sql, int np, const char *const *params,
                      char *out, size_t n, struct store_error *err)
{
    struct store_stmt *s = store_prepare(db, sql, err);
    if (!s)
        return err->code;
    for (int i = 0; i < np; i++)
        store_bind_text(s, i + 1, params[i]);
    int rc = store_step(s, err);
    if (rc == STORE_ROW)
        snprintf(out, n, "%s", store_col_text(s, 0));
    store_reset(s);
    if (rc == STORE_DONE)
        return store_notfound(err);
    return rc == STORE_ROW ? STORE_OK : rc;
}

/* Runs a query and returns all rows as a JSON array (NULL on error). */
json_t *store_query_rows(struct store *db, const char *sql, int np, const char *const *params,
                          struct store_error *err)
{
    struct store_stmt *s = store_prepare(db, sql, err);
    if (!s)
        return NULL;
    for (int i = 0; i < np; i++)
        store_bind_text(s, i + 1, params[i]);
    return store_step_rows(s, err);
}

int store_query_many(struct store *db, int n, const char *const *sql, const int *np,
                     const char *const *const *params, json_t **out, struct store_error *err)
{
    enum { MANY = 8 };
    struct store_stmt *s[MANY];
    if (n < 1 || n > MANY)
        return store_fail(err, STORE_EGENERIC, "query_many: 1 to %d statements", MANY);
    for (int i = 0; i < n; i++) {
        out[i] = NULL;
        if (!(s[i] = store_prepare(db, sql[i], err))) {
            while (i-- > 0)
                store_reset(s[i]);
            return err->code;
        }
        for (int k = 0; k < np[i]; k++)
            store_bind_text(s[i], k + 1, params[i][k]);
    }
    struct store_error ignored = {0};
    if (db->ops->run_many && n > 1)
        db->ops->run_many(s, n, &ignored);   /* on failure each runs on its first step */
    /* SQLite: one read transaction for all n, so they read one snapshot
     * (a write between two of them is seen by none or all), and the WAL's
     * read lock is taken and let go once rather than n times (about 6 % of
     * the server's CPU on a person read). Straight to the backend: not a
     * transaction of the caller's (its keys and commit counts stay). */
    int own_tx = n > 1 && store_snapshot_begin(db);
    int rc = STORE_OK;
    for (int i = 0; i < n; i++) {
        out[i] = json_array();
        int r;
        while (rc == STORE_OK && (r = store_step(s[i], err)) != STORE_DONE) {
            if (r != STORE_ROW)
                rc = r;
            else
                json_array_append_new(out[i], store_row_json(s[i]));
        }
        store_reset(s[i]);
    }
    store_snapshot_end(db, own_tx);
    if (rc != STORE_OK)
        for (int i = 0; i < n; i++) {
            json_decref(out[i]);
            out[i] = NULL;
        }
    return rc;
}

json_t *store_query_one(struct store *db, const char *sql, int np, const char *const *params,
                         struct store_error *err)
{
    json_t *rows = store_query_rows(db, sql, np, params, err);
    if (!rows)
        return NULL;
    json_t *row = json_array_get(rows, 0);
    if (!row) {
        json_decref(rows);
        store_notfound(err);
        return NULL;
    }
    json_incref(row);
    json_decref(rows);
    return row;
}

