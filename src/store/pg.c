/* PostgreSQL backend: connection, session settings, reconnect,
 * transactions and error mapping (contract in pg.h). */
#include "util/oom.h"
#include "store/pg.h"
#include <errno.h>
#include <poll.h>
#include <sys/socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Writers take this advisory lock ("SEAMLESS" as a bigint) for the whole
 * write transaction, so they queue the way SQLite's BEGIN IMMEDIATE does. */
#define WRITE_LOCK "6000273878788952915"

/* Session settings, then a probe that text sorts byte by byte (collation
 * "C"): 'B' < 'a' is false under en_GB/en_US and ICU collations. */
/* statement_timeout: a query that runs away gives a 503 in seconds, not a
 * stuck worker (a server that stops answering: wait_result). */
#define SESSION_SQL "SET synchronous_commit = on; SET lock_timeout = '10s'; SET statement_timeout = '10s';" \
    " SET client_min_messages = warning; SET TIME ZONE 'UTC';" \
    " SELECT CASE WHEN 'B' < 'a' AND 'a b' < 'ab' AND '1-2' < '1~' THEN 1 ELSE 0 END"

static const struct store_ops pg_ops;

int pg_wait_ready(PGconn *conn)
{
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    while (PQisBusy(conn)) {
        clock_gettime(CLOCK_MONOTONIC, &now);
        long left = PG_WAIT_SECONDS * 1000L - ((now.tv_sec - start.tv_sec) * 1000L +
                                               (now.tv_nsec - start.tv_nsec) / 1000000L);
        struct pollfd p = {PQsocket(conn), POLLIN, 0};
        int ready = left > 0 ? poll(&p, 1, (int)left) : 0;
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0)
            return PG_WAIT_TIMEOUT;
        if (!PQconsumeInput(conn))
            return PG_WAIT_LOST;
    }
    return PG_WAIT_READY;
}

/* Waits for the query just sent; past the deadline the socket is shut so
 * libpq sees a lost connection (status BAD) and reports it. */
static PGresult *wait_result(PGconn *conn, int sent)
{
    if (!sent)
        return PQmakeEmptyPGresult(conn, PGRES_FATAL_ERROR);
    if (pg_wait_ready(conn) == PG_WAIT_TIMEOUT) {
        shutdown(PQsocket(conn), SHUT_RDWR);
        PQconsumeInput(conn);
    }
    PGresult *last = NULL, *r;
    while ((r = PQgetResult(conn)) != NULL) {
        PQclear(last);
        last = r;
        if (PQstatus(conn) == CONNECTION_BAD)
            break;
    }
    return last;
}

PGresult *pg_exec_wait(PGconn *conn, const char *sql)
{
    return wait_result(conn, PQsendQuery(conn, sql));
}

PGresult *pg_prepare_wait(PGconn *conn, const char *name, const char *sql, int nparams, const Oid *types)
{
    return wait_result(conn, PQsendPrepare(conn, name, sql, nparams, types));
}

PGresult *pg_exec_prepared_wait(PGconn *conn, const char *name, int nparams, const char *const *values)
{
    return wait_result(conn, PQsendQueryPrepared(conn, name, nparams, values, NULL, NULL, 0));
}

static struct pg_store *pg(struct store *db) { return (struct pg_store *)db; }

static void quiet_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;      /* NOTICEs ("relation already exists, skipping") are not errors */
}

/* libpq messages end with a newline; the log wants one line. */
static void one_line(char *s)
{
    for (char *p = s; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = (p[1] ? ' ' : '\0');
}

static int connection_lost(struct pg_store *db)
{
    return PQstatus(db->conn) != CONNECTION_OK;
}

static int map_sqlstate(const char *st)
{
    if (!st)
        return STORE_EGENERIC;
    /* A duplicate key (or an exclusion) is a conflict; NOT NULL, CHECK and
     * foreign key failures are the server's fault (as on SQLite). */
    if (!strcmp(st, "23505") || !strcmp(st, "23P01"))
        return STORE_ECONSTRAINT;
    if (strncmp(st, "23", 2) == 0)
        return STORE_EINTEGRITY;
    if (!strcmp(st, "40001") || !strcmp(st, "40P01") || !strcmp(st, "55P03"))
        return STORE_EBUSY;
    if (!strncmp(st, "08", 2) || !strncmp(st, "53", 2) || !strncmp(st, "57P", 3) ||
        !strncmp(st, "58", 2) || !strncmp(st, "XX", 2))
        return STORE_EIO;
    return STORE_EGENERIC;
}

int pg_result_fail(struct pg_store *db, const PGresult *r, struct store_error *err, const char *what)
{
    const char *st = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    int code = map_sqlstate(st);
    if (connection_lost(db))
        code = STORE_EIO;
    else if (!r || !st || !strcmp(st, "53200"))
        oom_note();   /* no result, or libpq's own "out of memory" result (no SQLSTATE), on a live connection */
    const char *msg = r ? PQresultErrorMessage(r) : "";
    if (!*msg)
        msg = PQerrorMessage(db->conn);
    store_fail(err, code, "%s: %s[%s] %s", what, connection_lost(db) ? "database connection lost: " : "",
               st ? st : "-", msg);
    if (err)
        one_line(err->message);
    return code;
}

int pg_retryable(struct pg_store *db, const PGresult *r, int is_read)
{
    if (db->base.in_tx)
        return 0;
    if (connection_lost(db))
        return is_read;
    const char *st = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    return st && (!strcmp(st, "40001") || !strcmp(st, "40P01"));
}

void pg_backoff(int attempt)
{
    struct timespec ts = {0, (long)(attempt + 1) * 20 * 1000000L};
    nanosleep(&ts, NULL);
}

int pg_simple(struct pg_store *db, const char *sql, struct store_error *err)
{
    PGresult *r = pg_exec_wait(db->conn, sql);
    ExecStatusType st = PQresultStatus(r);
    int rc = (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) ? STORE_OK : pg_result_fail(db, r, err, "exec");
    PQclear(r);
    return rc;
}

/* Settings every session needs; also refuses a non-"C" collation. */
static int session_setup(struct pg_store *db, struct store_error *err)
{
    PQsetNoticeProcessor(db->conn, quiet_notice, NULL);
    PGresult *r = pg_exec_wait(db->conn, SESSION_SQL);
    int rc = STORE_OK;
    if (PQresultStatus(r) != PGRES_TUPLES_OK)
        rc = pg_result_fail(db, r, err, "session setup");
    else if (strcmp(PQgetvalue(r, 0, 0), "1") != 0)
        rc = store_fail(err, STORE_EUNSUPPORTED, "the database must use collation \"C\" (text in byte order, as in"
                        " SQLite): CREATE DATABASE … TEMPLATE template0 LOCALE 'C'");
    PQclear(r);
    db->gen++;
    return rc;
}

static int connect_failed(struct pg_store *db, struct store_error *err)
{
    store_fail(err, STORE_ECANTOPEN, "database unavailable: %s", PQerrorMessage(db->conn));
    if (err)
        one_line(err->message);
    return STORE_ECANTOPEN;
}

int pg_ensure(struct pg_store *db, struct store_error *err)
{
    if (!connection_lost(db))
        return STORE_OK;
    if (db->base.in_tx)
        return store_fail(err, STORE_EIO, "database connection lost during a transaction");
    PQreset(db->conn);
    if (connection_lost(db))
        return connect_failed(db, err);
    return session_setup(db, err);
}

static void pg_close(struct store *base)
{
    struct pg_store *db = pg(base);
    pg_stmt_free_all(db);
    PQfinish(db->conn);
    free(db);
}

struct store *store_pg_open(const char *url, struct store_error *err)
{
    struct pg_store *db = calloc(1, sizeof *db);
    if (!db)
        return NULL;
    db->base.ops = &pg_ops;
    /* connect_timeout unless the URL sets its own (the URL's values win). */
    const char *const keys[] = {"connect_timeout", "dbname", NULL}, *const vals[] = {"5", url, NULL};
    db->conn = PQconnectdbParams(keys, vals, 1);
    int rc = !db->conn ? store_fail(err, STORE_ECANTOPEN, "out of memory")
           : connection_lost(db) ? connect_failed(db, err) : session_setup(db, err);
    if (rc < 0) {
        pg_close(&db->base);
        return NULL;
    }
    return &db->base;
}

static int pg_exec(struct store *base, const char *sql, struct store_error *err)
{
    struct pg_store *db = pg(base);
    struct pg_sql q;
    int rc = pg_sql_rewrite(sql, &q, err);
    if (rc < 0)
        return rc;
    for (int attempt = 0;; attempt++) {
        if ((rc = pg_ensure(db, err)) < 0)
            break;
        PGresult *r = pg_exec_wait(db->conn, q.text);
        ExecStatusType st = PQresultStatus(r);
        if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY) {
            PQclear(r);
            rc = STORE_OK;
            break;
        }
        rc = pg_result_fail(db, r, err, "exec");
        /* Several statements in one text run as one implicit transaction,
         * so running the text again is safe after a conflict. */
        int again = attempt < PG_RETRIES && pg_retryable(db, r, 0);
        PQclear(r);
        if (!again)
            break;
        pg_backoff(attempt);
    }
    free(q.text);
    return rc;
}

static void pg_tx_rollback(struct store *base)
{
    struct pg_store *db = pg(base);
    if (!connection_lost(db) && PQtransactionStatus(db->conn) != PQTRANS_IDLE) {
        PGresult *r = pg_exec_wait(db->conn, "ROLLBACK");
        PQclear(r);
    }
    base->in_tx = 0;
}

static int pg_tx_begin(struct store *base, enum store_tx_kind kind, struct store_error *err)
{
    struct pg_store *db = pg(base);
    if (base->in_tx)
        return store_fail(err, STORE_EGENERIC, "begin: a transaction is already open");
    const char *sql = kind == STORE_TX_WRITE
        ? "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(" WRITE_LOCK ")"
        : kind == STORE_TX_APPEND || kind == STORE_TX_INDEX ? "BEGIN ISOLATION LEVEL READ COMMITTED"
        : "BEGIN ISOLATION LEVEL REPEATABLE READ";
    for (int attempt = 0;; attempt++) {
        int rc = pg_ensure(db, err);
        if (rc < 0)
            return rc;
        PGresult *r = pg_exec_wait(db->conn, sql);
        ExecStatusType st = PQresultStatus(r);
        if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
            PQclear(r);
            base->in_tx = 1;
            return STORE_OK;
        }
        rc = pg_result_fail(db, r, err, "begin");
        /* Nothing has happened yet: starting again is always safe. */
        int again = attempt < PG_RETRIES && pg_retryable(db, r, 1);
        PQclear(r);
        pg_tx_rollback(base);
        if (!again)
            return rc;
        pg_backoff(attempt);
    }
}

static int pg_tx_commit(struct store *base, struct store_error *err)
{
    struct pg_store *db = pg(base);
    if (!base->in_tx)
        return store_fail(err, STORE_EGENERIC, "commit: no transaction is open");
    PGresult *r = pg_exec_wait(db->conn, "COMMIT");
    int rc = STORE_OK;
    if (!r || PQstatus(db->conn) != CONNECTION_OK)
        base->commit_unknown = 1;   /* no answer (allocation, timeout, lost connection): it may have committed */
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        rc = pg_result_fail(db, r, err, "commit");
    else if (strcmp(PQcmdStatus(r), "COMMIT") != 0)   /* "ROLLBACK": an earlier statement failed */
        rc = store_fail(err, STORE_EGENERIC, "commit: the transaction was rolled back after an error");
    PQclear(r);
    if (rc < 0)
        pg_tx_rollback(base);
    base->in_tx = 0;
    return rc;
}

static int64_t pg_changes(struct store *db) { return pg(db)->changes; }

static int pg_table_exists(struct store *db, const char *name, struct store_error *err)
{
    struct store_stmt *s = pg_prepare(db, "SELECT CASE WHEN to_regclass($1) IS NULL THEN 0 ELSE 1 END", err);
    if (!s)
        return err ? err->code : STORE_EGENERIC;
    pg_bind_text(s, 1, name);
    int rc = pg_step(s, err);
    int exists = rc == STORE_ROW ? (int)pg_col_int(s, 0) : rc;
    pg_reset(s);
    return exists;
}

static int pg_backup(struct store *db, const char *dest_path, struct store_error *err)
{
    (void)db;
    (void)dest_path;
    return store_fail(err, STORE_EUNSUPPORTED, "on PostgreSQL, back up with pg_dump (or base backups with WAL"
                      " archiving); see README, \"Running on PostgreSQL\"");
}

static const struct store_ops pg_ops = {
    .name = "postgres",
    .close = pg_close,
    .exec = pg_exec,
    .tx_begin = pg_tx_begin,
    .tx_commit = pg_tx_commit,
    .tx_rollback = pg_tx_rollback,
    .prepare = pg_prepare,
    .bind_text = pg_bind_text,
    .bind_int = pg_bind_int,
    .step = pg_step,
    .reset = pg_reset,
    .col_count = pg_col_count,
    .col_name = pg_col_name,
    .col_kind = pg_col_kind,
    .col_text = pg_col_text,
    .col_int = pg_col_int,
    .changes = pg_changes,
    .table_exists = pg_table_exists,
    .backup = pg_backup,
    .run_many = pg_run_many,
};
