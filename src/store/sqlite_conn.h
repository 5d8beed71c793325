/* SQLite only: a connection's insides, shared by sqlite.c (the store ops)
 * and sqlite_gate.c (the write gate and group commit). Internal to
 * src/store/. */
#ifndef SEAMLESS_STORE_SQLITE_CONN_H
#define SEAMLESS_STORE_SQLITE_CONN_H
#include "store/backend.h"
#include "store/stmt_memo.h"
#include <sqlite3.h>

#define SQ_CACHE_BUCKETS 256
#define SQ_MAX_PARAMS 128   /* bound by index; higher ones by name */

struct sq_stmt {
    struct store_stmt base;
    sqlite3_stmt *st;
    char *sql;
    struct sq_stmt *next;
    /* "$n" → SQLite's parameter index, worked out once at prepare
     * (sqlite3_bind_parameter_index compares names one by one: on a
     * 35-column insert that was a tenth of a bulk import's CPU). */
    unsigned char pidx[SQ_MAX_PARAMS + 1];
    /* A value that could not be bound (SQLite copies text: memory can run
     * out) fails the next step: the statement must not run with a NULL in
     * its place. Cleared by reset. */
    int bind_failed;
};

/* The transaction statements each connection prepares once (sq_tx_run). */
enum { TX_BEGIN, TX_BEGIN_WRITE, TX_COMMIT, TX_SAVEPOINT, TX_RELEASE, TX_ROLLBACK_TO, TX_ROLLBACK, TX_COUNT };

struct sq_store {
    struct store base;
    sqlite3 *db;
    char *path;
    int audit_only;   /* writes only the audit trail (sqlite_audit_only) */
    int index_writer; /* has the person index file writable (sqlite_index_writer) */
    struct write_gate *gate;   /* this file's gate (sqlite_gate.c) */
    int gate_held;             /* holding it outside a group */
    /* Group commit (sqlite_gate.c): a request connection's write
     * transactions run in the gate's shared connection, `lent` while one
     * runs; every operation on this handle goes there meanwhile. */
    int joins_groups;
    struct sq_store *lent;
    struct sq_stmt *cache[SQ_CACHE_BUCKETS];
    struct stmt_memo memo;   /* by the text's address, before the hash */
    /* Prepared at first use: sqlite3_exec parsed them on every transaction
     * (with the outbox's statements, about 6 % of a durable write's CPU). */
    sqlite3_stmt *tx_stmt[TX_COUNT];
    struct sqlite_outbox *outbox;   /* sqlite_audit_tx_begun's statements */
    struct sqlite_checkpointer *checkpointer;   /* the audit writer's: the trail's checkpoints */
};

int sq_map_code(int rc);
/* One of the transaction statements; fails as store_fail does. */
int sq_tx_run(struct sq_store *db, int which, struct store_error *err);
/* BEGIN IMMEDIATE and the outbox's step (sqlite_audit_tx_begun). */
int sq_begin_write(struct sq_store *db, struct store_error *err);
#endif
