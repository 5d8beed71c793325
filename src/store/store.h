/* store: the only way to the database.
 *
 * A `struct store` is one connection, used by one thread at a time (the
 * server keeps one per worker thread, see store_pool). It is opened by URL:
 * a plain path or "sqlite:PATH" for SQLite (sqlite.c); "postgres://…" or
 * "postgresql://…" (any libpq connection URI) for PostgreSQL (pg.h).
 *
 * SQL is written once for every backend, with $1, $2 … parameters, and
 * behaves the same on both (tests/unit/test_store_parity.c). Keep to the
 * common ground: TEXT and INTEGER columns (INTEGER is 64-bit on both),
 * timestamps as RFC 3339 text from store_now (no date functions),
 * INSERT … ON CONFLICT … DO NOTHING/UPDATE, RETURNING, CAST(x AS INTEGER),
 * COALESCE, 1/0 for booleans, an alias in lower case for every computed
 * column (column names differ otherwise), and ids from store_new_id (no
 * AUTOINCREMENT). A parameter's first use should give it a type
 * ("col = $2 OR $2 IS NULL"); one typed only by a later use is sent as
 * text. SQLite-only statements (PRAGMA, VACUUM) stay in sqlite.c. Statements
 * are prepared once per connection and cached by their SQL text, so callers
 * pass string literals and never free statements:
 *
 *   struct store_stmt *s = store_prepare(db, "SELECT name FROM teams WHERE id = $1", &err);
 *   store_bind_text(s, 1, id);
 *   while ((rc = store_step(s, &err)) == STORE_ROW) use(store_col_text(s, 0));
 *   store_reset(s);                       // always, before the next use
 *
 * Errors: functions return 0 (STORE_OK) or a negative STORE_E* code and fill
 * the caller's struct store_error with the code and a message for the log
 * (never for the user: it may contain SQL). Column text returned by
 * store_col_text is owned by the statement and valid until the next step or
 * reset. Transactions: store_tx_begin(db, STORE_TX_WRITE) takes the write lock
 * at once (SQLite BEGIN IMMEDIATE; on PostgreSQL an advisory lock) so writers
 * queue, and a transaction never fails half-way for a lock upgrade; commit
 * is durable when it returns 0 (synchronous=FULL; synchronous_commit=on).
 * A failed statement inside a transaction means: roll back (on PostgreSQL
 * the rest of the transaction fails too). STORE_EBUSY and STORE_EIO are
 * worth a later retry of the whole request (the API answers 503). */
#ifndef SEAMLESS_STORE_H
#define SEAMLESS_STORE_H
#include <stddef.h>
#include <stdint.h>

enum store_code {
    STORE_OK = 0,
    STORE_ROW = 1,              /* store_step: a row is available */
    STORE_DONE = 2,             /* store_step: no more rows */
    STORE_EGENERIC = -1,
    STORE_ECONSTRAINT = -2,     /* a unique key (or PostgreSQL exclusion) violated: a conflict */
    STORE_EBUSY = -3,           /* lock not obtained within the timeout */
    STORE_EIO = -4,             /* disk or fsync failure: fatal for the write */
    STORE_EUNSUPPORTED = -5,
    STORE_ECANTOPEN = -6,
    STORE_ENOTFOUND = -7,       /* convenience for callers: no such row */
    STORE_EINTEGRITY = -8,      /* NOT NULL, CHECK or foreign key violated: the
                                 * server let bad data through, not a conflict */
};

struct store_error {
    int code;
    char message[256];
};

struct store;
struct store_stmt;

/* STORE_TX_APPEND: a write transaction that only appends to the audit
 * trail (the group-commit writer). On PostgreSQL it takes no write lock:
 * appenders to one chain queue on the chain's head row, appenders to
 * different chains run side by side (audit_store.h). On SQLite it is
 * STORE_TX_WRITE. */
/* STORE_TX_INDEX: a write transaction that only fills the audit trail's
 * person index (audit_index_people). On PostgreSQL as STORE_TX_APPEND (the
 * index state row is its lock); on SQLite a deferred BEGIN, which takes the
 * write lock of the file it writes, the index's own (sqlite_audit_index.c),
 * and not the data's or the trail's: it runs beside the audit writer. */
enum store_tx_kind { STORE_TX_READ, STORE_TX_WRITE, STORE_TX_APPEND, STORE_TX_INDEX };

struct store *store_open(const char *url, struct store_error *err);
/* The message of the last store failure on the calling thread ("" when
 * none since the last clear): what the server logs as the cause of a 503
 * ("database or disk is full", "database unavailable: …"). */
const char *store_last_error(void);
void store_last_error_clear(void);
void store_close(struct store *db);
/* The URL fit for messages and logs: a password in it ("user:pw@" or
 * "password=…") becomes "***". */
void store_url_redact(const char *url, char *out, size_t n);
/* "sqlite" or "postgres". */
const char *store_backend(const struct store *db);

/* Runs SQL text that may hold several statements and no parameters
 * (migrations, pragmas). */
int store_exec(struct store *db, const char *sql, struct store_error *err);

int store_tx_begin(struct store *db, enum store_tx_kind kind, struct store_error *err);
int store_tx_commit(struct store *db, struct store_error *err);
/* Never fails from the caller's point of view; safe when no tx is open. */
void store_tx_rollback(struct store *db);
int store_in_tx(const struct store *db);
/* Reads that follow share one snapshot: on SQLite, with no transaction
 * open, a read transaction, so the WAL's read lock is taken and let go
 * once rather than per statement, and a write between two of the reads is
 * seen by none or all. 1 when one was opened: end it with
 * store_snapshot_end before anything that writes. 0 otherwise (PostgreSQL:
 * a BEGIN and COMMIT would be two more round trips). */
int store_snapshot_begin(struct store *db);
void store_snapshot_end(struct store *db, int opened);
/* A savepoint inside the open transaction, so one part of a batch can be
 * undone without the rest (SAVEPOINT / ROLLBACK TO / RELEASE, the same on
 * both backends). name: a fixed identifier of the caller's, never input. */
int store_savepoint(struct store *db, const char *name, struct store_error *err);
/* Undoes what was done since the savepoint and ends it (rollback 1), or
 * keeps it and ends it (rollback 0). */
int store_savepoint_end(struct store *db, const char *name, int rollback, struct store_error *err);
/* How many transactions this handle has committed, and how many COMMITs
 * lost their answer (PostgreSQL: the connection or the client failed while
 * the server committed or not). The HTTP server compares the marks before
 * and after a request so that a failure after a commit is not answered as if
 * nothing had been saved. */
struct store_commit_marks {
    long committed, unknown;
};
void store_commit_marks(const struct store *db, struct store_commit_marks *out);

struct store_stmt *store_prepare(struct store *db, const char *sql, struct store_error *err);
int store_bind_text(struct store_stmt *s, int n, const char *v);   /* NULL binds NULL */
int store_bind_int(struct store_stmt *s, int n, int64_t v);
int store_bind_null(struct store_stmt *s, int n);
int store_step(struct store_stmt *s, struct store_error *err);
void store_reset(struct store_stmt *s);
int store_col_count(struct store_stmt *s);
const char *store_col_name(struct store_stmt *s, int i);
int store_col_is_null(struct store_stmt *s, int i);
const char *store_col_text(struct store_stmt *s, int i);  /* "" for NULL */
int64_t store_col_int(struct store_stmt *s, int i);
/* Rows changed by the last INSERT/UPDATE/DELETE on this connection. */
int64_t store_changes(struct store *db);

/* The current row as a JSON object keyed by column name: integers as
 * numbers, NULL as null, everything else as strings. Caller owns it. */
struct json_t;
struct json_t *store_row_json(struct store_stmt *s);
/* For a bound statement: store_step_done steps it to the end (any rows
 * passed over) and resets it: STORE_OK, or the error code in err.
 * store_step_rows steps it collecting every row (store_row_json) into a
 * JSON array the caller owns, and resets it: NULL on error. */
int store_step_done(struct store_stmt *s, struct store_error *err);
struct json_t *store_step_rows(struct store_stmt *s, struct store_error *err);

/* Convenience: prepare, bind every parameter as text (NULL entries bind
 * NULL), step to completion, reset. For INSERT/UPDATE/DELETE. */
int store_run(struct store *db, const char *sql, int nparams, const char *const *params,
              struct store_error *err);

/* Inserts n rows as a few multi-row statements (one per up to 99
 * parameters): head is "INSERT INTO t (a, b, c) VALUES ", tuple one row's
 * "(…)" in which $1..$nshared are values every row shares (shared[]) and
 * #1..#nown (nown <= 9) the row's own values, own[r * nown + k - 1] for row
 * r. Values bind as text (NULL binds NULL), as store_run's. */
int store_insert_rows(struct store *db, const char *head, const char *tuple, int nshared,
                      const char *const *shared, int nown, const char *const *own, int n, struct store_error *err);

/* Query helpers binding every parameter as text (NULL binds NULL):
 * store_query_text copies the first column of the first row into out (size
 * n); store_query_rows returns all rows as a JSON array; store_query_one the
 * first row (NULL with STORE_ENOTFOUND when none). store_notfound fills err
 * and returns STORE_ENOTFOUND. */
int store_query_text(struct store *db, const char *sql, int np, const char *const *params,
                     char *out, size_t n, struct store_error *err);
struct json_t *store_query_rows(struct store *db, const char *sql, int np, const char *const *params,
                                struct store_error *err);
struct json_t *store_query_one(struct store *db, const char *sql, int np, const char *const *params,
                               struct store_error *err);
/* n reads as store_query_rows, each sql[i] with np[i] text parameters
 * params[i], into out[i] (all NULL on error); on PostgreSQL in one round
 * trip (pipeline mode) rather than n. Reads only: a failed batch is run
 * again one statement at a time. */
int store_query_many(struct store *db, int n, const char *const *sql, const int *np,
                     const char *const *const *params, struct json_t **out, struct store_error *err);
int store_notfound(struct store_error *err);
/* For a change that must touch exactly one row (docs/internals/store.md),
 * given rc of the statement that made it: rc when that failed, else
 * STORE_ENOTFOUND through store_notfound when it changed no row (a stale
 * version, a record that moved on), else STORE_OK:
 *   return store_changed_one(db, store_run(db, "UPDATE …", n, p, err), err); */
int store_changed_one(struct store *db, int rc, struct store_error *err);

/* Migrations embedded in the binary ("migrations/NNN_name.sql"), applied in
 * order inside one transaction each and recorded in schema_migrations. */
int store_migrate(struct store *db, struct store_error *err);
/* Highest migration this binary knows, and the one the database has (0 when
 * none). store_check_schema fails with STORE_EUNSUPPORTED when the database
 * is newer than the binary, or older (then `seamless init` must be run). */
int store_schema_latest(void);
int store_schema_current(struct store *db, struct store_error *err);
int store_check_schema(struct store *db, struct store_error *err);
/* Refreshes the planner's statistics (after a bulk load or a migration):
 * the case-finding cohorts rely on them to pick their partial indexes. */
int store_analyze(struct store *db, struct store_error *err);
/* For a bulk load on this connection: lets SQLite keep up to megabytes of
 * pages in memory (its default, 2 MB, makes a large import re-read index
 * pages from the operating system on every row). PostgreSQL: nothing. */
int store_bulk_cache(struct store *db, int megabytes, struct store_error *err);

/* This connection writes only the audit trail (the audit writer's): on
 * SQLite it keeps no copy of its entries in the data file
 * (store/sqlite_audit.c), so its commits leave the data file's readers'
 * caches alone. PostgreSQL: nothing to do. */
void store_audit_only(struct store *db);
/* This connection fills the audit trail's person index (the writer's
 * indexer, the CLI's audit_index_all): on SQLite the index file, which
 * other connections attach read-only, is attached writable
 * (store/sqlite_audit_index.c). PostgreSQL: nothing to do. */
int store_index_writer(struct store *db, struct store_error *err);
/* This connection's write transactions may share one COMMIT with other
 * connections' of this process (the server's request threads). SQLite: a
 * write runs as a savepoint in one shared transaction, whose COMMIT (and
 * its syncs) answers every writer that queued meanwhile; store_tx_commit
 * returns only once that COMMIT has, with its answer (store/sqlite_gate.c).
 * cache_mb: the shared connection's page cache. PostgreSQL: nothing to do
 * (the server groups commits itself). */
void store_group_commits(struct store *db, int cache_mb);

/* Online backup to a new file (SQLite: VACUUM INTO). PostgreSQL fails with
 * STORE_EUNSUPPORTED: use pg_dump or base backups (README). */
int store_backup(struct store *db, const char *dest_path, struct store_error *err);

/* One connection per thread for a server: the pool opens a thread's
 * connection on first use and closes them all in store_pool_free. */
struct store_pool;
struct store_pool *store_pool_new(const char *url);
struct store *store_pool_get(struct store_pool *p, struct store_error *err);
void store_pool_free(struct store_pool *p);

/* A new opaque, unique, roughly time-ordered id: 12 hex digits of
 * milliseconds then 12 random hex digits (STORE_PLAIN_ID_CHARS). A buffer
 * for any id is STORE_ID_LEN: room for a record id (below) and its NUL. */
#define STORE_PLAIN_ID_CHARS 24
#define STORE_ID_LEN 50
void store_new_id(char out[STORE_ID_LEN]);
/* The id of a new record of a person table (docs/scaling.md, "Requests
 * addressed by a record's own id"): the person's id followed by a new id
 * (48 hex digits), so a lookup by the record's id can name the person key
 * too and, on Citus, go to one shard. A person id that is not a plain id
 * gives a plain id. */
void store_new_record_id(const char *person_id, char out[STORE_ID_LEN]);
/* The person key of record id of table (a person table): its first 24
 * digits when it has 48 — or the person that one was merged into, whose
 * records they now are (one lookup by person id, on one shard) — or, for a
 * record made before ids carried it, the person_id stored with it (one
 * lookup, on every shard on Citus). 0, or STORE_ENOTFOUND (no such record)
 * / another store code in err. */
int store_record_person(struct store *db, const char *table, const char *id, char out[STORE_ID_LEN],
                        struct store_error *err);
/* The key of a 48-digit id is remembered on the connection (one persons
 * read per person, not per lookup: a plan read with its tasks, assignments
 * and versions reads persons once) for as long as it holds: within one
 * transaction (forgotten at begin, commit, rollback, a rolled-back
 * savepoint and a merge), and outside a transaction only between
 * store_key_scope(db, 1) and store_key_scope(db, 0) — the HTTP server's
 * one request, which reads as if its statements were one snapshot. Each
 * call forgets what was remembered. store_key_reads: how many persons reads
 * store_record_person has made on this connection (tests, benchmarks). */
void store_key_scope(struct store *db, int on);
long store_key_reads(const struct store *db);
/* In a store function with db and err: declares pk, the person key of
 * record id of table, or returns fail (NULL from a reader, err->code from
 * a writer) when there is none. */
#define STORE_PK_OR(fail, table, id) \
    char pk[STORE_ID_LEN]; \
    if (store_record_person(db, table, id, pk, err) != STORE_OK) \
        return fail
/* The current UTC time as RFC 3339 ("2026-11-22T10:00:00.123Z", 25 bytes)
 * on the settable clock (util/clock.h): record timestamps follow a test's
 * pinned "now". store_wall_now is always the real time (audit entries). */
#define STORE_TIME_LEN 32
void store_now(char out[STORE_TIME_LEN]);
void store_wall_now(char out[STORE_TIME_LEN]);

#endif
