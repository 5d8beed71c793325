/* PostgreSQL backend of store.h over libpq (internal to src/store/).
 *
 * pg.c       connection, session settings, reconnect, transactions, errors
 * pg_stmt.c  prepared statements cached by SQL text, binding, rows, columns
 * pg_sql.c   the dialect rewrite applied to every SQL text before the server
 *            sees it
 *
 * Same behaviour as SQLite, as callers see it:
 * - Parameters $1 … are sent as text and typed by the server from their use
 *   ("version = $2" makes $2 an integer). A parameter that the text never
 *   mentions (below the highest one) is typed text, and one whose first use
 *   gives no type ("$2 IS NULL OR col = $2") is retried as text. Binding a
 *   number the text does not mention fails, as on SQLite.
 * - Rewrites (pg_sql.c): the type name INTEGER becomes BIGINT (SQLite
 *   integers are 64-bit); LIKE becomes ILIKE (SQLite's LIKE ignores ASCII
 *   case); IFNULL becomes COALESCE; INSERT OR IGNORE becomes INSERT … ON
 *   CONFLICT DO NOTHING. INSERT OR REPLACE and AUTOINCREMENT are refused.
 * - Columns: int2/int4/int8/oid are integers, bool is 1/0, numeric is an
 *   integer when it has no fraction, the rest is text (store_row_json).
 * - STORE_TX_WRITE takes one database-wide advisory lock after BEGIN (READ
 *   COMMITTED): writers queue like SQLite's BEGIN IMMEDIATE, so a write
 *   transaction sees the latest data and never fails half-way on a
 *   serialization conflict. STORE_TX_READ is REPEATABLE READ: one snapshot,
 *   like a SQLite read transaction. Lock waits give up after 10 s
 *   (STORE_EBUSY), like SQLite's busy timeout.
 * - Errors: SQLSTATE class 23 (unique, foreign key, check, not null) is
 *   STORE_ECONSTRAINT; 40001/40P01/55P03 STORE_EBUSY, retried a few times
 *   when the statement runs on its own (no transaction open); a lost
 *   connection is STORE_EIO and the next use outside a transaction
 *   reconnects (a lone SELECT is retried at once on the new connection);
 *   no server is STORE_ECANTOPEN. The API turns all but constraint errors
 *   into 503.
 * - The database must sort text byte by byte (collation "C"), as SQLite
 *   does: cursors, date ranges and ORDER BY depend on it. Opening a
 *   database with another collation fails with STORE_EUNSUPPORTED.
 * - Time limits: connecting gives up after 5 s (connect_timeout, unless the
 *   URL sets its own); the server cancels a statement after 10 s
 *   (statement_timeout); and a server that stops answering altogether
 *   (hung, stopped, a dead network path) is given up on after
 *   PG_WAIT_SECONDS — the connection is closed, the request fails with
 *   STORE_EIO (503) and the next request reconnects — so no worker is held. */
#ifndef SEAMLESS_STORE_PG_H
#define SEAMLESS_STORE_PG_H
#include "store/backend.h"
#include "store/stmt_memo.h"
#include <libpq-fe.h>

#define PG_WAIT_SECONDS 12

/* Reads what the server sends until libpq has a result ready (no longer
 * busy), waiting PG_WAIT_SECONDS at the most: PG_WAIT_READY, PG_WAIT_TIMEOUT
 * (time ran out, or poll failed; the caller shuts the connection) or
 * PG_WAIT_LOST (libpq could not read: the connection is gone). */
enum { PG_WAIT_READY = 0, PG_WAIT_TIMEOUT = -1, PG_WAIT_LOST = -2 };
int pg_wait_ready(PGconn *conn);
/* PQexec, PQprepare and PQexecPrepared with the PG_WAIT_SECONDS deadline:
 * the last result (an error result, or NULL, when the connection was
 * given up on). */
PGresult *pg_exec_wait(PGconn *conn, const char *sql);
PGresult *pg_prepare_wait(PGconn *conn, const char *name, const char *sql, int nparams, const Oid *types);
PGresult *pg_exec_prepared_wait(PGconn *conn, const char *name, int nparams, const char *const *values);

#define PG_MAX_PARAMS 99
#define PG_CACHE_BUCKETS 256
#define PG_RETRIES 3

/* ---- pg_sql.c ---- */
struct pg_sql {
    char *text;                             /* PostgreSQL text (malloc'd) */
    int nparams;                            /* highest $n used */
    unsigned char used[PG_MAX_PARAMS + 1];  /* used[n]: $n appears */
};
/* 0, or a negative STORE_E* code with err filled (refused construct). */
int pg_sql_rewrite(const char *sql, struct pg_sql *out, struct store_error *err);
/* The number of the parameter at a server error position (1-based, in
 * characters), 0 when there is none there. */
int pg_sql_param_at(const char *text, int pos);
/* 1 when the text is a lone SELECT (safe to run again). */
int pg_sql_is_read(const char *text);

/* ---- pg.c ---- */
struct pg_stmt;

struct pg_store {
    struct store base;
    PGconn *conn;
    unsigned gen;          /* bumped at every (re)connect: prepared statements live per session */
    unsigned next_name;
    int64_t changes;
    struct pg_stmt *cache[PG_CACHE_BUCKETS];
    struct stmt_memo memo;   /* by the text's address, before the hash */
};

/* The connection is usable: reconnects a lost one unless a transaction was
 * open on it (then fails: the transaction is gone). */
int pg_ensure(struct pg_store *db, struct store_error *err);
/* Maps a failed result (may be NULL) to a STORE_E* code and fills err. */
int pg_result_fail(struct pg_store *db, const PGresult *r, struct store_error *err, const char *what);
/* A failed statement that may simply be run again (outside a transaction). */
int pg_retryable(struct pg_store *db, const PGresult *r, int is_read);
/* Runs a statement without parameters or rows; 0 or STORE_E*. */
int pg_simple(struct pg_store *db, const char *sql, struct store_error *err);
void pg_backoff(int attempt);

/* ---- pg_stmt.c ---- */
struct store_stmt *pg_prepare(struct store *db, const char *sql, struct store_error *err);
void pg_stmt_free_all(struct pg_store *db);
int pg_bind_text(struct store_stmt *s, int n, const char *v);
int pg_bind_int(struct store_stmt *s, int n, int64_t v);
int pg_step(struct store_stmt *s, struct store_error *err);
int pg_run_many(struct store_stmt **s, int n, struct store_error *err);
void pg_reset(struct store_stmt *s);
int pg_col_count(struct store_stmt *s);
const char *pg_col_name(struct store_stmt *s, int i);
enum store_col_kind pg_col_kind(struct store_stmt *s, int i);
const char *pg_col_text(struct store_stmt *s, int i);
int64_t pg_col_int(struct store_stmt *s, int i);

#endif
