#include "store/audit_store.h"
#include "store/backend.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int done_or_error(int rc)
{
    return rc == STORE_DONE ? STORE_OK : (rc < 0 ? rc : STORE_EGENERIC);
}

int audit_store_chains(struct store *db, int *k, int64_t *base, struct store_error *err)
{
    if (db->audit_chains > 0) {
        *k = db->audit_chains;
        *base = db->audit_base;
        return STORE_OK;
    }
    struct audit_heads h;
    int rc = audit_store_heads(db, &h, err);
    if (rc != 0)
        return rc;
    *k = db->audit_chains = h.n;
    *base = db->audit_base = h.base;
    return STORE_OK;
}

int audit_store_split(struct store *db, int k, int *split, struct store_error *err)
{
    *split = 0;
    if (k < 2 || k > AUDIT_MAX_CHAINS)
        return store_fail(err, STORE_EGENERIC, "the audit trail can have 1 to 32 chains");
    struct store_stmt *s = store_prepare(db, "UPDATE audit_head SET base = seq WHERE id = 1"
                                             " AND (SELECT count(*) FROM audit_head) = 1 RETURNING seq", err);
    if (!s)
        return err->code;
    int rc = store_step(s, err);
    int64_t base = rc == STORE_ROW ? store_col_int(s, 0) : 0;
    int found = rc == STORE_ROW;
    while (rc == STORE_ROW)
        rc = store_step(s, err);
    store_reset(s);
    if (rc != STORE_DONE || !found)
        return done_or_error(rc);
    rc = 0;
    for (int c = 2; c <= k && rc == 0; c++) {
        s = store_prepare(db, "INSERT INTO audit_head (id, seq, hash, base) VALUES ($1, $2, $3, $4)", err);
        if (!s)
            return err->code;
        char zero[AUDIT_HASH_HEX];
        memset(zero, '0', AUDIT_HASH_HEX - 1);
        zero[AUDIT_HASH_HEX - 1] = '\0';
        store_bind_int(s, 1, c);
        store_bind_int(s, 2, base + c - k);
        store_bind_text(s, 3, zero);
        store_bind_int(s, 4, base);
        rc = done_or_error(store_step(s, err));
        store_reset(s);
    }
    db->audit_chains = 0;   /* read again */
    *split = rc == 0;
    return rc;
}

int audit_store_claim_many(struct store *db, int c, int k, int n, int64_t *first_seq,
                           char prev_hash[AUDIT_HASH_HEX], struct store_error *err)
{
    /* Chain c's next seq (audit_chain_next), then n - 1 more k apart; only
     * while the trail still has k chains (this connection's k is read once:
     * a split by `seamless init` meanwhile would make it stale). */
    struct store_stmt *s = store_prepare(db, "UPDATE audit_head SET seq = $1 + CASE WHEN id = 1 AND seq <= base"
                                             " THEN seq + 1 ELSE seq + $3 END WHERE id = $2"
                                             " AND (SELECT count(*) FROM audit_head) = $3 RETURNING seq, hash",
                                         err);
    if (!s)
        return err->code;
    store_bind_int(s, 1, (int64_t)(n - 1) * k);
    store_bind_int(s, 2, c);
    store_bind_int(s, 3, k);
    int rc = store_step(s, err);
    if (rc == STORE_ROW) {
        *first_seq = store_col_int(s, 0) - (int64_t)(n - 1) * k;
        snprintf(prev_hash, AUDIT_HASH_HEX, "%s", store_col_text(s, 1));
        while ((rc = store_step(s, err)) == STORE_ROW)
            ;
    } else if (rc == STORE_DONE) {
        err->code = rc = STORE_EGENERIC;
        snprintf(err->message, sizeof err->message, "audit head row missing, or the chains changed");
        db->audit_chains = 0;   /* read them again next time */
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

/* audit_people rows per INSERT: 32 x 3 = 96 parameters (under $99). */
static const int people_sizes[] = {32, 8, 1};
#define PEOPLE_COLS 3

static const char *people_sql(int k)
{
    static const char head[] = "INSERT INTO audit_people (seq, person_id, basis) VALUES ";
    static _Thread_local char sql[3][sizeof head + 32 * PEOPLE_COLS * 8];
    int rows = people_sizes[k];
    if (sql[k][0])
        return sql[k];
    size_t len = (size_t)snprintf(sql[k], sizeof sql[k], "%s", head);
    for (int r = 0; r < rows; r++)
        len += (size_t)snprintf(sql[k] + len, sizeof sql[k] - len, "%s($%d, $%d, $%d)", r ? ", " : "",
                                r * PEOPLE_COLS + 1, r * PEOPLE_COLS + 2, r * PEOPLE_COLS + 3);
    return sql[k];
}

/* An entry naming many people (an $export page names thousands): 96 rows
 * per INSERT sharing the entry's seq ($1) and basis ($2), $3..$98 the
 * people — a third of the parameters, a third of the statements. */
#define SHARED_ROWS 96

static const char *shared_sql(void)
{
    static const char head[] = "INSERT INTO audit_people (seq, person_id, basis) VALUES ";
    static _Thread_local char sql[sizeof head + SHARED_ROWS * 16];
    if (sql[0])
        return sql;
    size_t len = (size_t)snprintf(sql, sizeof sql, "%s", head);
    for (int r = 0; r < SHARED_ROWS; r++)
        len += (size_t)snprintf(sql + len, sizeof sql - len, "%s($1, $%d, $2)", r ? ", " : "", r + 3);
    return sql;
}

static int shared_run(const struct audit_person_row *rows, int n)
{
    if (n < SHARED_ROWS)
        return 0;
    for (int i = 1; i < SHARED_ROWS; i++)
        if (rows[i].seq != rows[0].seq || strcmp(rows[i].basis, rows[0].basis) != 0)
            return 0;
    return 1;
}

static int insert_shared(struct store *db, const struct audit_person_row *rows, struct store_error *err)
{
    struct store_stmt *s = store_prepare(db, shared_sql(), err);
    if (!s)
        return err->code;
    store_bind_int(s, 1, rows[0].seq);
    store_bind_text(s, 2, rows[0].basis);
    for (int i = 0; i < SHARED_ROWS; i++)
        store_bind_text(s, i + 3, rows[i].person_id);
    int rc = done_or_error(store_step(s, err));
    store_reset(s);
    return rc;
}

int audit_store_insert_people(struct store *db, const struct audit_person_row *rows, int n, struct store_error *err)
{
    int rc = 0;
    while (rc == 0 && shared_run(rows, n)) {
        rc = insert_shared(db, rows, err);
        rows += SHARED_ROWS;
        n -= SHARED_ROWS;
    }
    for (int k = 0; rc == 0 && n > 0; ) {
        if (n < people_sizes[k]) {
            k++;
            continue;
        }
        struct store_stmt *s = store_prepare(db, people_sql(k), err);
        if (!s)
            return err->code;
        for (int i = 0; i < people_sizes[k]; i++) {
            store_bind_int(s, i * PEOPLE_COLS + 1, rows[i].seq);
            store_bind_text(s, i * PEOPLE_COLS + 2, rows[i].person_id);
            store_bind_text(s, i * PEOPLE_COLS + 3, rows[i].basis);
        }
        rc = done_or_error(store_step(s, err));
        store_reset(s);
        rows += people_sizes[k];
        n -= people_sizes[k];
    }
    return rc;
}

int audit_store_set_head_hash(struct store *db, int c, const char *hash, struct store_error *err)
{
    struct store_stmt *s = store_prepare(db, "UPDATE audit_head SET hash = $1 WHERE id = $2", err);
    if (!s)
        return err->code;
    store_bind_text(s, 1, hash);
    store_bind_int(s, 2, c);
    int rc = store_step(s, err);
    store_reset(s);
    return done_or_error(rc);
}

int audit_store_heads(struct store *db, struct audit_heads *h, struct store_error *err)
{
    memset(h, 0, sizeof *h);
    struct store_stmt *s = store_prepare(db, "SELECT id, seq, hash, base FROM audit_head ORDER BY id", err);
    if (!s)
        return err->code < 0 ? err->code : STORE_EGENERIC;
    int rc;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        if (h->n == AUDIT_MAX_CHAINS || store_col_int(s, 0) != h->n + 1 ||
            (h->n > 0 && store_col_int(s, 3) != h->base)) {
            rc = store_fail(err, STORE_EGENERIC, "the audit head rows are not the chains 1 to K");
            break;
        }
        h->base = store_col_int(s, 3);
        h->pos[h->n].seq = store_col_int(s, 1);
        snprintf(h->pos[h->n].hash, AUDIT_HASH_HEX, "%s", store_col_text(s, 2));
        h->n++;
    }
    store_reset(s);
    if (rc == STORE_DONE && h->n == 0)
        return store_fail(err, STORE_ENOTFOUND, "audit head row missing");
    return done_or_error(rc);
}

/* Chain c's entries up to its head all exist and its next is
 * audit_chain_next, so no seq of chain c before that is still to come; the
 * minimum over the chains bounds what every chain has written. */
int64_t audit_heads_complete(const struct audit_heads *h)
{
    int64_t low = INT64_MAX;
    for (int i = 0; i < h->n; i++) {
        int64_t next = audit_chain_next(h->pos[i].seq, i + 1, h->n, h->base);
        if (next - 1 < low)
            low = next - 1;
    }
    return h->n ? low : 0;
}

int64_t audit_heads_next(const struct audit_heads *h)
{
    return audit_heads_complete(h) + 1;
}

int64_t audit_heads_max(const struct audit_heads *h)
{
    int64_t high = 0;
    for (int i = 0; i < h->n; i++)
        if (h->pos[i].seq > high)
            high = h->pos[i].seq;
    return high;
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

/* The people of the entries being scanned, walked beside them in seq
 * order (a merge of two ordered scans; both backends allow a second
 * statement while the first is being stepped). */
struct people_cursor {
    struct store_stmt *s;
    int rc;                     /* STORE_ROW while positioned on a row */
    struct audit_person *list;  /* the current entry's people (copies) */
    char **owned;
    int n, cap;
};

static void cursor_clear(struct people_cursor *pc)
{
    for (int i = 0; i < 2 * pc->n; i++)
        free(pc->owned[i]);
    pc->n = 0;
}

static int cursor_add(struct people_cursor *pc)
{
    if (pc->n == pc->cap) {
        int cap = pc->cap ? pc->cap * 2 : 64;
        struct audit_person *l = realloc(pc->list, (size_t)cap * sizeof *l);
        if (!l)
            return STORE_EGENERIC;
        pc->list = l;
        char **o = realloc(pc->owned, (size_t)cap * 2 * sizeof *o);
        if (!o)
            return STORE_EGENERIC;
        pc->owned = o;
        pc->cap = cap;
    }
    char *id = strdup(store_col_text(pc->s, 1));
    char *basis = store_col_is_null(pc->s, 2) ? NULL : strdup(store_col_text(pc->s, 2));
    pc->owned[2 * pc->n] = id;
    pc->owned[2 * pc->n + 1] = basis;
    pc->list[pc->n++] = (struct audit_person){id, basis};
    return id && (basis || store_col_is_null(pc->s, 2)) ? STORE_OK : STORE_EGENERIC;
}

/* Collects the people of entry seq into pc->list; *stray becomes the seq of
 * people rows passed over that belong to an earlier, absent entry. */
static int cursor_take(struct people_cursor *pc, int64_t seq, int64_t *stray, struct store_error *err)
{
    cursor_clear(pc);
    *stray = 0;
    while (pc->rc == STORE_ROW) {
        int64_t at = store_col_int(pc->s, 0);
        if (at > seq)
            break;
        if (at < seq && !*stray)
            *stray = at;
        if (at == seq) {
            int rc = cursor_add(pc);
            if (rc < 0)
                return store_fail(err, rc, "out of memory reading audit people");
        }
        pc->rc = store_step(pc->s, err);
    }
    return pc->rc < 0 ? pc->rc : 0;
}

int audit_store_scan_after(struct store *db, int64_t after_seq, audit_row_fn fn, void *arg, struct store_error *err)
{
    struct people_cursor pc = {0};
    pc.s = store_prepare(db, "SELECT seq, person_id, basis FROM audit_people WHERE seq > $1 ORDER BY seq", err);
    if (!pc.s)
        return err->code;
    store_bind_int(pc.s, 1, after_seq);
    pc.rc = store_step(pc.s, err);
    struct store_stmt *s = store_prepare(db,
        "SELECT seq, at, user_id, org_id, role, action, resource_type, resource_id,"
        " person_id, basis, request_id, prev_hash, hash, mac FROM audit_log WHERE seq > $1 ORDER BY seq", err);
    if (!s || pc.rc < 0) {
        store_reset(pc.s);
        return s ? pc.rc : err->code;
    }
    store_bind_int(s, 1, after_seq);
    int rc, stop = 0;
    while (!stop && (rc = store_step(s, err)) == STORE_ROW) {
        struct audit_row r = {store_col_int(s, 0), store_col_text(s, 1), {0}, store_col_text(s, 11),
                              store_col_text(s, 12), store_col_is_null(s, 13) ? NULL : store_col_text(s, 13),
                              NULL, 0, 0};
        for (int i = 0; i < AUDIT_FIELDS; i++)
            r.f[i] = store_col_is_null(s, 2 + i) ? NULL : store_col_text(s, 2 + i);
        if ((rc = cursor_take(&pc, r.seq, &r.stray_seq, err)) < 0)
            break;
        r.people = pc.list;
        r.n_people = pc.n;
        stop = fn(&r, arg);
    }
    if (!stop && rc == STORE_DONE && pc.rc == STORE_ROW) {   /* people after the last entry */
        struct audit_row r = {.seq = store_col_int(pc.s, 0), .stray_seq = store_col_int(pc.s, 0)};
        stop = fn(&r, arg);
    }
    cursor_clear(&pc);
    free(pc.list);
    free(pc.owned);
    store_reset(s);
    store_reset(pc.s);
    if (stop)
        return stop;
    return rc == STORE_DONE ? STORE_OK : rc;
}

/* The first column of sql's first row ($1 … $n the n integers): STORE_ROW
 * with *out set (0 for NULL), STORE_DONE when there is no row, or an error. */
static int first_int(struct store *db, const char *sql, int n, const int64_t *args, int64_t *out,
                     struct store_error *err)
{
    struct store_stmt *s = store_prepare(db, sql, err);
    if (!s)
        return err->code;
    for (int i = 0; i < n; i++)
        store_bind_int(s, i + 1, args[i]);
    int rc = store_step(s, err);
    if (rc == STORE_ROW)
        *out = store_col_is_null(s, 0) ? 0 : store_col_int(s, 0);
    store_reset(s);
    return rc;
}

/* The entries the next step indexes, (*from, *upto] (*upto <= *from: none):
 * whole entries over about max_rows people after indexed_to, never past an
 * entry a lagging chain has yet to write. lock: read indexed_to through a
 * no-op UPDATE, so the state row is locked first (PostgreSQL). */
static int index_bounds(struct store *db, int lock, int max_rows, int64_t *from, int64_t *upto, int *more,
                        struct store_error *err)
{
    int64_t next = 0;
    *from = *upto = 0;
    *more = 0;
    int rc = first_int(db, lock ? "UPDATE audit_index_state SET indexed_to = indexed_to WHERE id = 1"
                                  " RETURNING indexed_to" : "SELECT indexed_to FROM audit_index_state WHERE id = 1",
                       0, NULL, from, err);
    if (rc == STORE_DONE)
        return store_fail(err, STORE_EGENERIC, "audit index state row missing");
    if (rc != STORE_ROW)
        return rc < 0 ? rc : STORE_EGENERIC;
    /* The entry of the (max_rows + 1)th person after it: index up to the
     * entry before, so an entry's people are indexed together. */
    const int64_t after[] = {*from, max_rows};
    rc = first_int(db, "SELECT seq FROM audit_people WHERE seq > $1 ORDER BY seq LIMIT 1 OFFSET $2", 2, after,
                   &next, err);
    if (rc == STORE_ROW) {
        *more = 1;
        *upto = next - 1 > *from ? next - 1 : next;
    } else if (rc != STORE_DONE) {
        return rc;
    }
    struct audit_heads h;
    if ((rc = audit_store_heads(db, &h, err)) != 0)
        return rc;
    int64_t complete = audit_heads_complete(&h);
    if (!*more || *upto > complete) {
        *upto = complete;
        *more = 0;
    }
    return STORE_OK;
}

/* The rows of (from, upto] from source (audit_people, or the gathered
 * copy) into the index, and indexed_to moved on if still at from. */
static int index_rows(struct store *db, const char *source, int64_t from, int64_t upto, int *indexed,
                      struct store_error *err)
{
    char f[24], u[24], sql[300];
    snprintf(f, sizeof f, "%lld", (long long)from);
    snprintf(u, sizeof u, "%lld", (long long)upto);
    const char *p[] = {f, u};
    snprintf(sql, sizeof sql, "INSERT INTO audit_people_index (person_id, seq) SELECT person_id, seq FROM %s"
             " WHERE seq > CAST($1 AS BIGINT) AND seq <= CAST($2 AS BIGINT) ORDER BY person_id, seq", source);
    int rc = store_run(db, sql, 2, p, err);
    if (rc != 0)
        return rc;
    *indexed = (int)store_changes(db);
    return store_run(db, "UPDATE audit_index_state SET indexed_to = CAST($2 AS BIGINT) WHERE id = 1"
                         " AND indexed_to = CAST($1 AS BIGINT)", 2, p, err);
}

int audit_store_index_people(struct store *db, int max_rows, int *indexed, int *more, struct store_error *err)
{
    int64_t from = 0, upto = 0;
    *indexed = 0;
    int rc = index_bounds(db, 1, max_rows, &from, &upto, more, err);
    if (rc != STORE_OK || upto <= from)
        return rc;
    return index_rows(db, "audit_people", from, upto, indexed, err);
}

int audit_store_index_gather(struct store *db, int max_rows, int64_t *from, int64_t *upto, int *more,
                             struct store_error *err)
{
    int rc = store_exec(db, "CREATE TEMP TABLE IF NOT EXISTS audit_index_gathered (seq INTEGER NOT NULL,"
                            " person_id TEXT NOT NULL); DELETE FROM audit_index_gathered", err);
    if (rc == STORE_OK)
        rc = index_bounds(db, 0, max_rows, from, upto, more, err);
    if (rc != STORE_OK || *upto <= *from)
        return rc;
    char f[24], u[24];
    snprintf(f, sizeof f, "%lld", (long long)*from);
    snprintf(u, sizeof u, "%lld", (long long)*upto);
    const char *p[] = {f, u};
    return store_run(db, "INSERT INTO audit_index_gathered (seq, person_id) SELECT seq, person_id FROM audit_people"
                         " WHERE seq > CAST($1 AS BIGINT) AND seq <= CAST($2 AS BIGINT)", 2, p, err);
}

int audit_store_index_gathered(struct store *db, int64_t from, int64_t upto, int *indexed, struct store_error *err)
{
    int64_t now = 0;
    *indexed = 0;
    int rc = first_int(db, "UPDATE audit_index_state SET indexed_to = indexed_to WHERE id = 1 RETURNING indexed_to",
                       0, NULL, &now, err);
    if (rc != STORE_ROW)
        return rc == STORE_DONE ? store_fail(err, STORE_EGENERIC, "audit index state row missing")
                                : rc < 0 ? rc : STORE_EGENERIC;
    if (now != from || upto <= from)   /* indexed meanwhile by another: the next step looks again */
        return STORE_OK;
    return index_rows(db, "audit_index_gathered", from, upto, indexed, err);
}

int audit_store_check_index(struct store *db, int64_t *bad_seq, char *why, size_t why_len, struct store_error *err)
{
    /* An entry's person missing from the index, an index row that belongs
     * to no entry's people (added, or moved), index rows beyond indexed_to
     * (the index claims less than it holds). */
    static const char *const checks[][2] = {
        {"SELECT ap.seq FROM audit_people ap WHERE ap.seq <= (SELECT indexed_to FROM audit_index_state"
         " WHERE id = 1) AND NOT EXISTS (SELECT 1 FROM audit_people_index ix"
         " WHERE ix.person_id = ap.person_id AND ix.seq = ap.seq) ORDER BY ap.seq LIMIT 1",
         "a person it released is missing from the audit trail's person index (removed)"},
        {"SELECT ix.seq FROM audit_people_index ix WHERE NOT EXISTS (SELECT 1 FROM audit_people ap"
         " WHERE ap.seq = ix.seq AND ap.person_id = ix.person_id) ORDER BY ix.seq LIMIT 1",
         "the audit trail's person index lists a person this entry did not release (added or moved)"},
        {"SELECT ix.seq FROM audit_people_index ix WHERE ix.seq > (SELECT indexed_to"
         " FROM audit_index_state WHERE id = 1) ORDER BY ix.seq LIMIT 1",
         "the audit trail's person index goes beyond its recorded end (indexed_to edited)"},
    };
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        int64_t seq = 0;
        int rc = first_int(db, checks[i][0], 0, NULL, &seq, err);
        if (rc < 0)
            return rc;
        if (rc == STORE_ROW) {
            *bad_seq = seq;
            snprintf(why, why_len, "%s", checks[i][1]);
            return 1;
        }
    }
    return 0;
}
