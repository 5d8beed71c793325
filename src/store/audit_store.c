#include "store/audit_store.h"
#include <stdio.h>

static int done_or_error(int rc)
{
    return rc == STORE_DONE ? STORE_OK : (rc < 0 ? rc : STORE_EGENERIC);
}

int audit_store_claim(struct store *db, int64_t *seq, char prev_hash[AUDIT_HASH_HEX], struct store_error *err)
{
    return audit_store_claim_many(db, 1, seq, prev_hash, err);
}

int audit_store_claim_many(struct store *db, int n, int64_t *first_seq, char prev_hash[AUDIT_HASH_HEX],
                           struct store_error *err)
{
    struct store_stmt *s = store_prepare(db, "UPDATE audit_head SET seq = seq + $1 WHERE id = 1"
                                             " RETURNING seq, hash", err);
    if (!s)
        return err->code;
    store_bind_int(s, 1, n);
    int rc = store_step(s, err);
    if (rc == STORE_ROW) {
        *first_seq = store_col_int(s, 0) - n + 1;
        snprintf(prev_hash, AUDIT_HASH_HEX, "%s", store_col_text(s, 1));
        while ((rc = store_step(s, err)) == STORE_ROW)
            ;
    } else if (rc == STORE_DONE) {
        err->code = rc = STORE_EGENERIC;
        snprintf(err->message, sizeof err->message, "audit head row missing");
    }
    store_reset(s);
    return done_or_error(rc);
}

/* Rows per INSERT: a batch goes in as statements of these sizes, largest
 * first (one cached statement per size), so n rows take about n / 7
 * statements instead of n. 7 x 14 = 98 parameters: the PostgreSQL backend
 * numbers parameters up to $99 (PG_MAX_PARAMS). */
static const int insert_sizes[] = {7, 3, 1};
#define INSERT_COLS 14

/* The INSERT for insert_sizes[k] rows, built once per thread. */
static const char *insert_sql(int k)
{
    static const char head[] = "INSERT INTO audit_log (seq, at, user_id, org_id, role, action, resource_type,"
                               " resource_id, person_id, basis, request_id, prev_hash, hash, mac) VALUES ";
    static _Thread_local char sql[3][sizeof head + 7 * INSERT_COLS * 8];
    int rows = insert_sizes[k];
    if (sql[k][0])
        return sql[k];
    size_t len = (size_t)snprintf(sql[k], sizeof sql[k], "%s", head);
    for (int r = 0; r < rows; r++) {
        for (int c = 0; c < INSERT_COLS; c++)
            len += (size_t)snprintf(sql[k] + len, sizeof sql[k] - len, "%s$%d%s", c ? "" : r ? ", (" : "(",
                                    r * INSERT_COLS + c + 1, c == INSERT_COLS - 1 ? ")" : ", ");
    }
    return sql[k];
}

static int insert_rows(struct store *db, const struct audit_row *rows, int k, struct store_error *err)
{
    int n = insert_sizes[k];
    struct store_stmt *s = store_prepare(db, insert_sql(k), err);
    if (!s)
        return err->code;
    for (int i = 0; i < n; i++) {
        const struct audit_row *r = &rows[i];
        int base = i * INSERT_COLS;
        store_bind_int(s, base + 1, r->seq);
        store_bind_text(s, base + 2, r->at);
        for (int f = 0; f < AUDIT_FIELDS; f++)
            store_bind_text(s, base + 3 + f, r->f[f]);
        store_bind_text(s, base + 12, r->prev_hash);
        store_bind_text(s, base + 13, r->hash);
        store_bind_text(s, base + 14, r->mac);
    }
    int rc = store_step(s, err);
    store_reset(s);
    return done_or_error(rc);
}

int audit_store_insert(struct store *db, const struct audit_row *r, struct store_error *err)
{
    return audit_store_insert_many(db, r, 1, err);
}

int audit_store_insert_many(struct store *db, const struct audit_row *rows, int n, struct store_error *err)
{
    int rc = 0;
    for (int k = 0; rc == 0 && n > 0; ) {
        if (n < insert_sizes[k]) {
            k++;
            continue;
        }
        rc = insert_rows(db, rows, k, err);
        rows += insert_sizes[k];
        n -= insert_sizes[k];
    }
    return rc;
}

int audit_store_set_head_hash(struct store *db, const char *hash, struct store_error *err)
{
    const char *p[] = {hash};
    return store_run(db, "UPDATE audit_head SET hash = $1 WHERE id = 1", 1, p, err);
}

int audit_store_head(struct store *db, int64_t *seq, char hash[AUDIT_HASH_HEX], struct store_error *err)
{
    struct store_stmt *s = store_prepare(db, "SELECT seq, hash FROM audit_head WHERE id = 1", err);
    if (!s)
        return err->code;
    int rc = store_step(s, err);
    if (rc == STORE_ROW) {
        *seq = store_col_int(s, 0);
        snprintf(hash, AUDIT_HASH_HEX, "%s", store_col_text(s, 1));
        rc = STORE_DONE;
    } else if (rc == STORE_DONE) {
        err->code = rc = STORE_ENOTFOUND;
    }
    store_reset(s);
    return done_or_error(rc);
}

int audit_store_hash_at(struct store *db, int64_t seq, char hash[AUDIT_HASH_HEX], struct store_error *err)
{
    struct store_stmt *s = store_prepare(db, "SELECT hash FROM audit_log WHERE seq = $1", err);
    if (!s)
        return err->code;
    store_bind_int(s, 1, seq);
    int rc = store_step(s, err);
    if (rc == STORE_ROW) {
        snprintf(hash, AUDIT_HASH_HEX, "%s", store_col_text(s, 0));
        rc = STORE_DONE;
    } else if (rc == STORE_DONE) {
        err->code = rc = STORE_ENOTFOUND;
    }
    store_reset(s);
    return done_or_error(rc);
}

int audit_store_scan(struct store *db, audit_row_fn fn, void *arg, struct store_error *err)
{
    return audit_store_scan_after(db, 0, fn, arg, err);
}

int audit_store_scan_after(struct store *db, int64_t after_seq, audit_row_fn fn, void *arg, struct store_error *err)
{
    struct store_stmt *s = store_prepare(db,
        "SELECT seq, at, user_id, org_id, role, action, resource_type, resource_id,"
        " person_id, basis, request_id, prev_hash, hash, mac FROM audit_log WHERE seq > $1 ORDER BY seq", err);
    if (!s)
        return err->code;
    store_bind_int(s, 1, after_seq);
    int rc, stop = 0;
    while (!stop && (rc = store_step(s, err)) == STORE_ROW) {
        struct audit_row r = {store_col_int(s, 0), store_col_text(s, 1), {0}, store_col_text(s, 11),
                              store_col_text(s, 12), store_col_is_null(s, 13) ? NULL : store_col_text(s, 13)};
        for (int i = 0; i < AUDIT_FIELDS; i++)
            r.f[i] = store_col_is_null(s, 2 + i) ? NULL : store_col_text(s, 2 + i);
        stop = fn(&r, arg);
    }
    store_reset(s);
    if (stop)
        return stop;
    return rc == STORE_DONE ? STORE_OK : rc;
}
