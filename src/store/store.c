/* store.h entry points: open by URL, then dispatch to the connection's
 * backend (backend.h). Parts that are the same for every backend (store_run,
 * store_row_json) live here so they behave the same on each. */
#include "store/backend.h"
#include "util/buf.h"
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* The last failure on this thread, so the edge can log the cause (a full
 * disk, a lost connection) even when a caller dropped err. */
static _Thread_local char last_error[256];

int store_fail(struct store_error *err, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_error, sizeof last_error, fmt, ap);
    va_end(ap);
    if (err) {
        err->code = code;
        memcpy(err->message, last_error, sizeof err->message);
    }
    return code;
}

const char *store_last_error(void)
{
    return last_error;
}

void store_last_error_clear(void)
{
    last_error[0] = '\0';
}

static int is_postgres_url(const char *url)
{
    return strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0;
}

struct store *store_open(const char *url, struct store_error *err)
{
    if (!url || !*url) {
        store_fail(err, STORE_ECANTOPEN, "no database given");
        return NULL;
    }
    if (is_postgres_url(url))
        return store_pg_open(url, err);
    return store_sqlite_open(strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url, err);
}

void store_url_redact(const char *url, char *out, size_t n)
{
    struct buf b;
    buf_init(&b, 4096);
    const char *p = url, *scheme = strstr(url, "://");
    if (scheme) {
        const char *auth = scheme + 3, *at = auth + strcspn(auth, "@/?");
        const char *colon = memchr(auth, ':', (size_t)(at - auth));
        if (*at == '@' && colon) {
            buf_put(&b, url, (size_t)(colon + 1 - url));
            buf_puts(&b, "***");
            p = at;
        }
    }
    for (;;) {
        const char *hit = strstr(p, "password=");
        if (!hit) {
            buf_puts(&b, p);
            break;
        }
        buf_put(&b, p, (size_t)(hit + 9 - p));
        p = hit + 9;
        if (hit == url || hit[-1] == '?' || hit[-1] == '&' || hit[-1] == ' ') {
            buf_puts(&b, "***");
            p += strcspn(p, "& ");
        }
    }
    snprintf(out, n, "%s", buf_str(&b));
    buf_free(&b);
}

void store_close(struct store *db)
{
    if (db)
        db->ops->close(db);
}

const char *store_backend(const struct store *db) { return db->ops->name; }

/* Ends the read snapshot, if one is open: before anything that writes or
 * begins a transaction of its own. The person keys it remembered stay for
 * the rest of a request (store_key_scope); a snapshot outside one starts
 * without any (store_snapshot_begin). */
static void snapshot_close(struct store *db)
{
    if (!db->snapshot)
        return;
    db->snapshot = 0;
    struct store_error ignored = {0};
    if (db->ops->tx_commit(db, &ignored) != STORE_OK)
        db->ops->tx_rollback(db);
}

int store_snapshot_begin(struct store *db)
{
    struct store_error ignored = {0};
    if (db->in_tx || strcmp(store_backend(db), "sqlite") != 0 ||
        db->ops->tx_begin(db, STORE_TX_READ, &ignored) != STORE_OK)
        return 0;
    if (!db->key_scope)
        store_keys_forget(db);
    db->snapshot = 1;
    return 1;
}

void store_snapshot_end(struct store *db, int opened)
{
    if (opened)
        snapshot_close(db);
}

int store_exec(struct store *db, const char *sql, struct store_error *err)
{
    snapshot_close(db);
    return db->ops->exec(db, sql, err);
}

int store_bulk_cache(struct store *db, int megabytes, struct store_error *err)
{
    if (strcmp(store_backend(db), "sqlite") != 0)
        return STORE_OK;
    char sql[128];
    snprintf(sql, sizeof sql, "PRAGMA main.cache_size = -%d; PRAGMA audit.cache_size = -%d", megabytes * 1024,
             megabytes * 1024);
    return store_exec(db, sql, err);
}

int store_index_writer(struct store *db, struct store_error *err)
{
    return db->ops->index_writer ? db->ops->index_writer(db, err) : STORE_OK;
}

void store_group_commits(struct store *db, int cache_mb)
{
    if (db->ops->group_commits)
        db->ops->group_commits(db, cache_mb);
}

void store_audit_only(struct store *db)
{
    if (db->ops->audit_only)
        db->ops->audit_only(db);
}

int store_tx_begin(struct store *db, enum store_tx_kind kind, struct store_error *err)
{
    snapshot_close(db);
    store_keys_forget(db);
    return db->ops->tx_begin(db, kind, err);
}

int store_tx_commit(struct store *db, struct store_error *err)
{
    if (db->snapshot) {   /* no transaction of the caller's is open */
        snapshot_close(db);
        return STORE_OK;
    }
    db->commit_unknown = 0;
    store_keys_forget(db);
    int rc = db->ops->tx_commit(db, err);
    if (rc == 0)
        db->commits++;
    else if (db->commit_unknown)
        db->commits_unknown++;
    return rc;
}

void store_commit_marks(const struct store *db, struct store_commit_marks *out)
{
    out->committed = db->commits;
    out->unknown = db->commits_unknown;
}
void store_tx_rollback(struct store *db)
{
    if (db->snapshot) {
        snapshot_close(db);
        return;
    }
    store_keys_forget(db);
    db->ops->tx_rollback(db);
}
int store_in_tx(const struct store *db) { return db->in_tx && !db->snapshot; }

/* Only fixed names reach the SQL text: letters and '_' checked here. */
static int savepoint_name_ok(const char *name)
{
    if (!name || !*name || strlen(name) > 40)
        return 0;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || *p == '_'))
            return 0;
    return 1;
}

int store_savepoint(struct store *db, const char *name, struct store_error *err)
{
    char sql[80];
    if (!savepoint_name_ok(name) || !db->in_tx) {
        err->code = STORE_EGENERIC;
        snprintf(err->message, sizeof err->message, "savepoint outside a transaction or with a bad name");
        return err->code;
    }
    snprintf(sql, sizeof sql, "SAVEPOINT %s", name);
    return store_exec(db, sql, err);
}

int store_savepoint_end(struct store *db, const char *name, int rollback, struct store_error *err)
{
    char sql[120];
    if (!savepoint_name_ok(name)) {
        err->code = STORE_EGENERIC;
        snprintf(err->message, sizeof err->message, "bad savepoint name");
        return err->code;
    }
    if (rollback) {
        store_keys_forget(db);   /* a merge undone with the rest */
        snprintf(sql, sizeof sql, "ROLLBACK TO SAVEPOINT %s; RELEASE SAVEPOINT %s", name, name);
    } else
        snprintf(sql, sizeof sql, "RELEASE SAVEPOINT %s", name);
    return store_exec(db, sql, err);
}

struct store_stmt *store_prepare(struct store *db, const char *sql, struct store_error *err)
{
    return db->ops->prepare(db, sql, err);
}

int store_bind_text(struct store_stmt *s, int n, const char *v) { return s->db->ops->bind_text(s, n, v); }
int store_bind_int(struct store_stmt *s, int n, int64_t v) { return s->db->ops->bind_int(s, n, v); }
int store_bind_null(struct store_stmt *s, int n) { return s->db->ops->bind_text(s, n, NULL); }
int store_step(struct store_stmt *s, struct store_error *err)
{
    if (s->db->snapshot && s->db->ops->writes && s->db->ops->writes(s))
        snapshot_close(s->db);
    return s->db->ops->step(s, err);
}
void store_reset(struct store_stmt *s) { s->db->ops->reset(s); }
int store_col_count(struct store_stmt *s) { return s->db->ops->col_count(s); }
const char *store_col_name(struct store_stmt *s, int i) { return s->db->ops->col_name(s, i); }
int store_col_is_null(struct store_stmt *s, int i) { return s->db->ops->col_kind(s, i) == STORE_KIND_NULL; }
const char *store_col_text(struct store_stmt *s, int i) { return s->db->ops->col_text(s, i); }
int64_t store_col_int(struct store_stmt *s, int i) { return s->db->ops->col_int(s, i); }
int64_t store_changes(struct store *db) { return db->ops->changes(db); }

int store_table_exists(struct store *db, const char *name, struct store_error *err)
{
    return db->ops->table_exists(db, name, err);
}

int store_backup(struct store *db, const char *dest_path, struct store_error *err)
{
    return db->ops->backup(db, dest_path, err);
}

int store_run(struct store *db, const char *sql, int nparams, const char *const *params,
              struct store_error *err)
{
    struct store_stmt *s = store_prepare(db, sql, err);
    if (!s)
        return err ? err->code : STORE_EGENERIC;
    for (int i = 0; i < nparams; i++)
        if (store_bind_text(s, i + 1, params[i]) < 0) {
            store_reset(s);
            return store_fail(err, STORE_EGENERIC, "bind $%d", i + 1);
        }
    return store_step_done(s, err);
}

/* Parameters per statement on every backend (PG_MAX_PARAMS). */
#define INSERT_ROWS_PARAMS 99

/* One "(…)" of store_insert_rows for row r: "#k" becomes that row's k-th
 * own parameter, the rest is copied. */
static void insert_tuple(struct buf *b, const char *tuple, int nshared, int nown, int r)
{
    for (const char *t = tuple; *t; t++) {
        if (*t == '#' && t[1] >= '1' && t[1] <= '9') {
            buf_printf(b, "$%d", nshared + r * nown + (t[1] - '0'));
            t++;
        } else {
            buf_putc(b, *t);
        }
    }
}

/* Statement sizes: the most rows that fit, then 8 and 1, so a batch of
 * any size uses at most three statement texts (each prepared once). */
static int insert_chunk(int most, int left)
{
    return left >= most ? most : left >= 8 && most >= 8 ? 8 : 1;
}

int store_insert_rows(struct store *db, const char *head, const char *tuple, int nshared,
                      const char *const *shared, int nown, const char *const *own, int n, struct store_error *err)
{
    if (nown < 1 || nown > 9 || nshared + nown > INSERT_ROWS_PARAMS)
        return store_fail(err, STORE_EGENERIC, "store_insert_rows: %d + %d parameters", nshared, nown);
    int most = (INSERT_ROWS_PARAMS - nshared) / nown, rc = STORE_OK;
    struct buf sql;
    buf_init(&sql, 1 << 16);
    for (int done = 0; done < n && rc == STORE_OK;) {
        int k = insert_chunk(most, n - done);
        buf_reset(&sql);
        buf_puts(&sql, head);
        for (int r = 0; r < k; r++) {
            if (r)
                buf_puts(&sql, ", ");
            insert_tuple(&sql, tuple, nshared, nown, r);
        }
        struct store_stmt *s = sql.failed ? NULL : store_prepare(db, sql.data, err);
        if (!s) {
            rc = sql.failed ? store_fail(err, STORE_EGENERIC, "store_insert_rows: statement too long") : err->code;
            break;
        }
        for (int i = 0; i < nshared; i++)
            store_bind_text(s, i + 1, shared[i]);
        for (int i = 0; i < k * nown; i++)
            store_bind_text(s, nshared + i + 1, own[(size_t)done * (size_t)nown + (size_t)i]);
        rc = store_step_done(s, err);
        done += k;
    }
    buf_free(&sql);
    return rc;
}

int store_step_done(struct store_stmt *s, struct store_error *err)
{
    int rc;
    while ((rc = store_step(s, err)) == STORE_ROW)
        ;
    store_reset(s);
    return rc == STORE_DONE ? STORE_OK : rc;
}

json_t *store_step_rows(struct store_stmt *s, struct store_error *err)
{
    json_t *arr = json_array();
    int rc;
    while ((rc = store_step(s, err)) == STORE_ROW)
        json_array_append_new(arr, store_row_json(s));
    store_reset(s);
    if (rc < 0) {
        json_decref(arr);
        return NULL;
    }
    return arr;
}

json_t *store_row_json(struct store_stmt *s)
{
    json_t *o = json_object();
    int n = store_col_count(s);
    for (int i = 0; i < n; i++) {
        const char *name = store_col_name(s, i);
        switch (s->db->ops->col_kind(s, i)) {
        case STORE_KIND_NULL:
            json_object_set_new(o, name, json_null());
            break;
        case STORE_KIND_INT:
            json_object_set_new(o, name, json_integer(store_col_int(s, i)));
            break;
        default:
            json_object_set_new(o, name, json_string(store_col_text(s, i)));
        }
    }
    return o;
}
