/* PostgreSQL backend: statements prepared once per session and cached by
 * the caller's SQL text, parameters as text, rows read from the result
 * (contract in pg.h). */
#include "store/pg.h"
#include "util/oom.h"
#include "util/num.h"
#include <inttypes.h>
#include <sys/socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Type OIDs (catalog/pg_type.h; stable across versions). */
#define BOOLOID 16
#define INT8OID 20
#define INT2OID 21
#define INT4OID 23
#define TEXTOID 25
#define OIDOID 26
#define NUMERICOID 1700

struct pg_stmt {
    struct store_stmt base;
    char *sql;                      /* the caller's text: the cache key */
    struct pg_sql q;                /* what the server runs */
    char name[16];                  /* server-side prepared statement */
    unsigned gen;                   /* session it was prepared in (pg_store.gen) */
    Oid types[PG_MAX_PARAMS];       /* 0: typed by the server from its use */
    char *values[PG_MAX_PARAMS];    /* bound values (owned), NULL binds NULL */
    PGresult *res;                  /* after the first step */
    int row, nrows;
    int state;                      /* 0 not run, 1 run, <0 the error of the run */
    struct pg_stmt *next;
};

static struct pg_stmt *pst(struct store_stmt *s) { return (struct pg_stmt *)s; }
static struct pg_store *pdb(struct pg_stmt *s) { return (struct pg_store *)s->base.db; }

static unsigned hash_sql(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h % PG_CACHE_BUCKETS;
}

static void stmt_free(struct pg_stmt *s)
{
    pg_reset(&s->base);
    free(s->q.text);
    free(s->sql);
    free(s);
}

void pg_stmt_free_all(struct pg_store *db)
{
    for (int i = 0; i < PG_CACHE_BUCKETS; i++) {
        struct pg_stmt *s = db->cache[i];
        while (s) {
            struct pg_stmt *next = s->next;
            stmt_free(s);
            s = next;
        }
        db->cache[i] = NULL;
    }
    stmt_memo_clear(&db->memo);
}

/* One PQprepare; 1 when a parameter the server could not type was set to
 * text and the caller should try again, 0 done, negative error. */
static int prepare_once(struct pg_store *db, struct pg_stmt *s, struct store_error *err)
{
    PGresult *r = pg_prepare_wait(db->conn, s->name, s->q.text, s->q.nparams, s->types);
    int rc = STORE_OK;
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
        const char *st = PQresultErrorField(r, PG_DIAG_SQLSTATE);
        const char *pos = PQresultErrorField(r, PG_DIAG_STATEMENT_POSITION);
        /* 42P08 ambiguous / 42P18 indeterminate parameter type */
        int untyped = st && (strcmp(st, "42P08") == 0 || strcmp(st, "42P18") == 0);
        int n = untyped && pos ? pg_sql_param_at(s->q.text, num_int_or(pos, 0)) : 0;
        if (n >= 1 && n <= s->q.nparams && s->types[n - 1] == 0) {
            s->types[n - 1] = TEXTOID;     /* "could not determine data type of parameter $n" */
            rc = 1;
        } else {
            rc = pg_result_fail(db, r, err, "prepare");
        }
    }
    PQclear(r);
    return rc;
}

/* Prepares s in the current session. Inside a transaction a failed prepare
 * would abort it (SQLite's would not), so it runs under a savepoint there. */
static int prepare_on_server(struct pg_store *db, struct pg_stmt *s, struct store_error *err)
{
    for (int n = 1; n <= s->q.nparams; n++)
        s->types[n - 1] = s->q.used[n] ? 0 : TEXTOID;   /* never mentioned: nothing to infer from */
    snprintf(s->name, sizeof s->name, "s%u", db->next_name++);
    int in_tx = db->base.in_tx;
    if (in_tx && pg_simple(db, "SAVEPOINT store_prepare", err) < 0)
        return err ? err->code : STORE_EGENERIC;
    int rc;
    for (int tries = 0; (rc = prepare_once(db, s, err)) == 1 && tries < s->q.nparams; tries++)
        if (in_tx && pg_simple(db, "ROLLBACK TO SAVEPOINT store_prepare", err) < 0)
            return err ? err->code : STORE_EGENERIC;
    if (rc == 1)
        rc = store_fail(err, STORE_EGENERIC, "prepare: parameter types could not be determined");
    if (in_tx) {
        struct store_error ignored;
        if (rc < 0)
            pg_simple(db, "ROLLBACK TO SAVEPOINT store_prepare", &ignored);
        int rel = pg_simple(db, "RELEASE SAVEPOINT store_prepare", rc < 0 ? &ignored : err);
        if (rc == 0 && rel < 0)
            rc = rel;
    }
    if (rc == 0)
        s->gen = db->gen;
    return rc;
}

struct store_stmt *pg_prepare(struct store *base, const char *sql, struct store_error *err)
{
    struct pg_store *db = (struct pg_store *)base;
    if (pg_ensure(db, err) < 0)
        return NULL;
    struct pg_stmt *hit = stmt_memo_get(&db->memo, sql);
    if (hit)
        return hit->gen == db->gen || prepare_on_server(db, hit, err) == 0 ? &hit->base : NULL;
    unsigned h = hash_sql(sql);
    for (struct pg_stmt *s = db->cache[h]; s; s = s->next)
        if (strcmp(s->sql, sql) == 0) {
            stmt_memo_put(&db->memo, sql, s, s->sql);
            return s->gen == db->gen || prepare_on_server(db, s, err) == 0 ? &s->base : NULL;
        }
    struct pg_stmt *s = calloc(1, sizeof *s);
    if (!s) {
        store_fail(err, STORE_EGENERIC, "out of memory");
        return NULL;
    }
    s->base.db = base;
    s->row = -1;
    if (pg_sql_rewrite(sql, &s->q, err) < 0 || !(s->sql = strdup(sql)) || prepare_on_server(db, s, err) < 0) {
        if (!s->sql && s->q.text)
            store_fail(err, STORE_EGENERIC, "out of memory");
        stmt_free(s);
        return NULL;
    }
    s->next = db->cache[h];
    db->cache[h] = s;
    stmt_memo_put(&db->memo, sql, s, s->sql);
    return &s->base;
}

/* As on SQLite, only a parameter that the text mentions can be bound. */
int pg_bind_text(struct store_stmt *base, int n, const char *v)
{
    struct pg_stmt *s = pst(base);
    if (n < 1 || n > s->q.nparams || !s->q.used[n])
        return STORE_EGENERIC;
    char *copy = NULL;
    if (v && !(copy = strdup(v))) {
        oom_note();
        s->state = STORE_EGENERIC;   /* the next step fails: never run with a NULL in the value's place */
        return STORE_EGENERIC;
    }
    free(s->values[n - 1]);
    s->values[n - 1] = copy;
    return STORE_OK;
}

int pg_bind_int(struct store_stmt *s, int n, int64_t v)
{
    char text[24];
    snprintf(text, sizeof text, "%" PRId64, v);
    return pg_bind_text(s, n, text);
}

static void count_changes(struct pg_store *db, PGresult *r)
{
    const char *cmd = PQcmdStatus(r);
    if (!strncmp(cmd, "INSERT", 6) || !strncmp(cmd, "UPDATE", 6) || !strncmp(cmd, "DELETE", 6) ||
        !strncmp(cmd, "MERGE", 5))
        db->changes = strtoll(PQcmdTuples(r), NULL, 10);
}

/* Runs the statement; all rows arrive at once (so other statements can run
 * while the caller walks them, as on SQLite). */
static int run(struct pg_stmt *s, struct store_error *err)
{
    struct pg_store *db = pdb(s);
    for (int attempt = 0;; attempt++) {
        int rc = pg_ensure(db, err);
        if (rc == 0 && s->gen != db->gen)
            rc = prepare_on_server(db, s, err);
        if (rc < 0)
            return rc;
        PGresult *r = pg_exec_prepared_wait(db->conn, s->name, s->q.nparams, (const char *const *)s->values);
        ExecStatusType st = PQresultStatus(r);
        if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
            count_changes(db, r);
            s->res = r;
            s->nrows = st == PGRES_TUPLES_OK ? PQntuples(r) : 0;
            return STORE_OK;
        }
        rc = pg_result_fail(db, r, err, "step");
        int again = attempt < PG_RETRIES && pg_retryable(db, r, pg_sql_is_read(s->q.text));
        PQclear(r);
        if (!again)
            return rc;
        pg_backoff(attempt);
    }
}

int pg_step(struct store_stmt *base, struct store_error *err)
{
    struct pg_stmt *s = pst(base);
    if (s->state < 0)
        return store_fail(err, s->state, "step: the statement failed; reset it first");
    if (s->state == 0) {
        int rc = run(s, err);
        if (rc < 0) {
            s->state = rc;
            return rc;
        }
        s->state = 1;
        s->row = -1;
    }
    if (s->row < s->nrows)
        s->row++;
    return s->row < s->nrows ? STORE_ROW : STORE_DONE;
}

/* The next result of a pipeline, waiting for it up to PG_WAIT_SECONDS
 * (pg_wait_ready); NULL at the end of one statement's results, or with
 * *lost set when the server stopped answering. */
static PGresult *pipeline_next(PGconn *conn, int *lost)
{
    if (!*lost && pg_wait_ready(conn) != PG_WAIT_READY)
        *lost = 1;
    return *lost ? NULL : PQgetResult(conn);
}

/* n statements in one round trip: libpq pipeline mode, one sync at the
 * end. A statement that does not come back with its rows is left not run,
 * so its first step runs it alone (with run()'s retries); a connection that
 * stops answering is shut, and pg_ensure connects again then. */
int pg_run_many(struct store_stmt **base, int n, struct store_error *err)
{
    struct pg_store *db = pdb(pst(base[0]));
    int rc = pg_ensure(db, err);
    for (int i = 0; i < n && rc == 0; i++)
        if (pst(base[i])->state != 0 || (pst(base[i])->gen != db->gen && prepare_on_server(db, pst(base[i]), err) < 0))
            rc = STORE_EGENERIC;
    if (rc < 0 || PQpipelineStatus(db->conn) != PQ_PIPELINE_OFF || !PQenterPipelineMode(db->conn))
        return STORE_EGENERIC;
    int sent = 1, lost = 0;
    for (int i = 0; i < n && sent; i++) {
        struct pg_stmt *s = pst(base[i]);
        sent = PQsendQueryPrepared(db->conn, s->name, s->q.nparams, (const char *const *)s->values, NULL, NULL, 0);
    }
    sent = sent && PQpipelineSync(db->conn);
    for (int i = 0; i < n && sent && !lost; i++) {
        struct pg_stmt *s = pst(base[i]);
        PGresult *r = pipeline_next(db->conn, &lost), *extra;
        ExecStatusType st = PQresultStatus(r);
        if (r && (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)) {
            count_changes(db, r);
            s->res = r;
            s->nrows = st == PGRES_TUPLES_OK ? PQntuples(r) : 0;
            s->row = -1;
            s->state = 1;
        } else {
            PQclear(r);
        }
        while ((extra = pipeline_next(db->conn, &lost)) != NULL)   /* to the end of this statement */
            PQclear(extra);
    }
    PGresult *sync = sent && !lost ? pipeline_next(db->conn, &lost) : NULL;
    int synced = sync && PQresultStatus(sync) == PGRES_PIPELINE_SYNC;
    PQclear(sync);
    if (!synced || !PQexitPipelineMode(db->conn)) {
        for (int i = 0; i < n; i++) {       /* nothing half-read: run again alone */
            struct pg_stmt *s = pst(base[i]);
            PQclear(s->res);
            s->res = NULL;
            s->state = 0;
        }
        shutdown(PQsocket(db->conn), SHUT_RDWR);   /* a pipeline in an unknown state is not reused: */
        PQconsumeInput(db->conn);                  /* lost now, pg_ensure reconnects */
        return STORE_EGENERIC;
    }
    return STORE_OK;
}

void pg_reset(struct store_stmt *base)
{
    struct pg_stmt *s = pst(base);
    PQclear(s->res);
    s->res = NULL;
    s->row = -1;
    s->nrows = 0;
    s->state = 0;
    for (int i = 0; i < s->q.nparams; i++) {
        free(s->values[i]);
        s->values[i] = NULL;
    }
}

int pg_col_count(struct store_stmt *base)
{
    struct pg_stmt *s = pst(base);
    return s->res ? PQnfields(s->res) : 0;
}

const char *pg_col_name(struct store_stmt *base, int i)
{
    struct pg_stmt *s = pst(base);
    const char *name = s->res ? PQfname(s->res, i) : NULL;
    return name ? name : "";
}

static int on_row(struct pg_stmt *s, int i)
{
    return s->res && s->row >= 0 && s->row < s->nrows && i >= 0 && i < PQnfields(s->res);
}

static int integer_text(const char *t)
{
    if (*t == '-')
        t++;
    if (!*t)
        return 0;
    for (; *t; t++)
        if (*t < '0' || *t > '9')
            return 0;
    return 1;
}

enum store_col_kind pg_col_kind(struct store_stmt *base, int i)
{
    struct pg_stmt *s = pst(base);
    if (!on_row(s, i) || PQgetisnull(s->res, s->row, i))
        return STORE_KIND_NULL;
    switch (PQftype(s->res, i)) {
    case INT2OID: case INT4OID: case INT8OID: case OIDOID: case BOOLOID:
        return STORE_KIND_INT;
    case NUMERICOID:     /* SUM() of bigints: an integer unless it has a fraction */
        return integer_text(PQgetvalue(s->res, s->row, i)) ? STORE_KIND_INT : STORE_KIND_TEXT;
    default:
        return STORE_KIND_TEXT;
    }
}

const char *pg_col_text(struct store_stmt *base, int i)
{
    struct pg_stmt *s = pst(base);
    if (!on_row(s, i))
        return "";
    const char *v = PQgetvalue(s->res, s->row, i);
    if (PQftype(s->res, i) == BOOLOID && !PQgetisnull(s->res, s->row, i))
        return *v == 't' ? "1" : "0";
    return v;
}

int64_t pg_col_int(struct store_stmt *base, int i)
{
    return strtoll(pg_col_text(base, i), NULL, 10);
}
