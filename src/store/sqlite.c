/* SQLite backend of store.h: WAL, synchronous=FULL, foreign keys, busy
 * timeout; statements cached per connection by SQL text; write transactions
 * through the file's gate, grouped for the server's pool (sqlite_gate.c). */
#include "util/oom.h"
#include "util/num.h"
#include "store/backend.h"
#include "store/sqlite_audit.h"
#include "store/sqlite_audit_index.h"
#include "store/sqlite_checkpoint.h"
#include "store/sqlite_conn.h"
#include "store/sqlite_gate.h"
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct store_ops sqlite_ops;

/* The connection a handle's statements run on: its own, or the gate's
 * shared one while its write transaction is part of a group (own() for the
 * handle itself). */
static struct sq_store *own(struct store *db) { return (struct sq_store *)db; }
static struct sq_store *sq(struct store *db) { return own(db)->lent ? own(db)->lent : own(db); }
static struct sq_stmt *sqs(struct store_stmt *s) { return (struct sq_stmt *)s; }

/* rc is an extended result code (sqlite3_extended_result_codes is on). Only a
 * duplicate key is a conflict; a NOT NULL, CHECK or foreign key failure is
 * the server's fault (validation let it through, or an allocation failed on
 * the way), not "already exists". */
int sq_map_code(int rc)
{
    if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        return STORE_ECONSTRAINT;
    switch (rc & 0xff) {
    case SQLITE_NOMEM: oom_note(); return STORE_EGENERIC;   /* util/oom.h: not the caller's input */
    case SQLITE_CONSTRAINT: return STORE_EINTEGRITY;
    case SQLITE_OK: return STORE_OK;
    case SQLITE_ROW: return STORE_ROW;
    case SQLITE_DONE: return STORE_DONE;
    case SQLITE_BUSY: case SQLITE_LOCKED: return STORE_EBUSY;
    case SQLITE_IOERR: case SQLITE_FULL: case SQLITE_CORRUPT: return STORE_EIO;
    case SQLITE_CANTOPEN: return STORE_ECANTOPEN;
    default: return STORE_EGENERIC;
    }
}

static int fail(struct sq_store *db, int rc, struct store_error *err, const char *what)
{
    int code = sq_map_code(rc);
    if (code >= 0)
        code = STORE_EGENERIC;
    return store_fail(err, code, "%s: %s", what, db && db->db ? sqlite3_errmsg(db->db) : sqlite3_errstr(rc));
}

static void sqlite_close(struct store *base)
{
    struct sq_store *db = own(base);
    if (db->lent)
        sq_group_rollback(db);
    sq_group_part(db);
    sqlite_checkpointer_stop(db->checkpointer, db->db);
    for (int i = 0; i < TX_COUNT; i++)
        sqlite3_finalize(db->tx_stmt[i]);
    sqlite_outbox_free(db->outbox);
    for (int i = 0; i < SQ_CACHE_BUCKETS; i++) {
        struct sq_stmt *s = db->cache[i];
        while (s) {
            struct sq_stmt *next = s->next;
            sqlite3_finalize(s->st);
            free(s->sql);
            free(s);
            s = next;
        }
    }
    sqlite3_close_v2(db->db);
    sq_gate_leave(db);
    free(db->path);
    free(db);
}

static int sqlite_exec(struct store *base, const char *sql, struct store_error *err)
{
    char *msg = NULL;
    int rc = sqlite3_exec(sq(base)->db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        int code = sq_map_code(rc);
        store_fail(err, code < 0 ? code : STORE_EGENERIC, "exec: %s", msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
        return code < 0 ? code : STORE_EGENERIC;
    }
    return STORE_OK;
}

/* Once per process, before SQLite initialises: no memory statistics
 * (nothing reads them), so an allocation does not take SQLite's global
 * memory mutex — with eight request threads and the audit writer, that
 * mutex was a few per cent of an audited read's CPU. */
static void sqlite_configure(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

struct store *store_sqlite_open(const char *path, struct store_error *err)
{
    static pthread_once_t configured = PTHREAD_ONCE_INIT;
    pthread_once(&configured, sqlite_configure);
    struct sq_store *db = calloc(1, sizeof *db);
    if (!db)
        return NULL;
    db->base.ops = &sqlite_ops;
    int rc = sqlite3_open_v2(path, &db->db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, NULL);
    if (rc != SQLITE_OK) {
        fail(db, rc, err, "open");
        sqlite_close(&db->base);
        return NULL;
    }
    sqlite3_busy_timeout(db->db, 10000);
    sqlite3_extended_result_codes(db->db, 1);
    /* Durability: WAL with synchronous=FULL fsyncs the WAL on every commit, so
     * an acknowledged write survives power loss, not only a process kill. */
    if (sqlite_exec(&db->base, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                               "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;", err) < 0) {
        sqlite_close(&db->base);
        return NULL;
    }
    char why[sizeof err->message];
    db->gate = sq_gate_for(path);
    db->path = strdup(path);
    if (!db->path || sqlite_audit_attach(db->db, path, why, sizeof why) != SQLITE_OK) {
        store_fail(err, db->path ? STORE_ECANTOPEN : STORE_EGENERIC, "%s", db->path ? why : "out of memory");
        sqlite_close(&db->base);
        return NULL;
    }
    return &db->base;
}

int sq_tx_run(struct sq_store *db, int which, struct store_error *err)
{
    static const char *const sql[TX_COUNT] = {
        [TX_BEGIN] = "BEGIN", [TX_BEGIN_WRITE] = "BEGIN IMMEDIATE", [TX_COMMIT] = "COMMIT",
        [TX_SAVEPOINT] = "SAVEPOINT group_member", [TX_RELEASE] = "RELEASE group_member",
        [TX_ROLLBACK_TO] = "ROLLBACK TO group_member", [TX_ROLLBACK] = "ROLLBACK"};
    int rc = SQLITE_OK;
    if (!db->tx_stmt[which])
        rc = sqlite3_prepare_v3(db->db, sql[which], -1, SQLITE_PREPARE_PERSISTENT, &db->tx_stmt[which], NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(db->tx_stmt[which]);
        rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    if (rc != SQLITE_OK) {
        int code = sq_map_code(rc);
        store_fail(err, code < 0 ? code : STORE_EGENERIC, "exec: %s", sqlite3_errmsg(db->db));
        if (db->tx_stmt[which])
            sqlite3_reset(db->tx_stmt[which]);
        return code < 0 ? code : STORE_EGENERIC;
    }
    sqlite3_reset(db->tx_stmt[which]);
    return STORE_OK;
}

int sq_begin_write(struct sq_store *db, struct store_error *err)
{
    int rc = sq_tx_run(db, TX_BEGIN_WRITE, err);
    if (rc != STORE_OK)
        return rc;
    char why[200];
    int sq_rc = sqlite_audit_tx_begun(db->db, &db->outbox, !db->audit_only, why, sizeof why);
    if (sq_rc != SQLITE_OK) {
        sq_tx_run(db, TX_ROLLBACK, NULL);
        return store_fail(err, sq_map_code(sq_rc) < 0 ? sq_map_code(sq_rc) : STORE_EGENERIC, "%s", why);
    }
    return STORE_OK;
}

static int sqlite_tx_begin(struct store *base, enum store_tx_kind kind, struct store_error *err)
{
    struct sq_store *db = own(base);
    if (kind == STORE_TX_APPEND)   /* one file, one writer: as any write */
        kind = STORE_TX_WRITE;
    int rc;
    if (kind != STORE_TX_WRITE) {
        /* STORE_TX_INDEX: a plain BEGIN, as a read; its first write takes
         * the index file's lock alone (store.h). */
        rc = sq_tx_run(db, TX_BEGIN, err);
    } else if ((rc = sq_group_begin(db, err)) != 0) {
        rc = rc > 0 ? STORE_OK : rc;   /* in the group (sqlite_gate.c), or refused */
    } else if (!db->gate_held && sq_gate_enter(db) != 0) {
        rc = store_fail(err, STORE_EBUSY, "begin: the database stayed busy (another write transaction)");
    } else if ((rc = sq_begin_write(db, err)) != STORE_OK) {
        sq_gate_leave(db);
    }
    if (rc == STORE_OK)
        base->in_tx = 1;
    return rc;
}

static void sqlite_audit_only_conn(struct store *db)
{
    own(db)->audit_only = 1;
    sqlite_audit_only(own(db)->db);
    char trail[4200];
    sqlite_audit_path(own(db)->path, trail, sizeof trail);
    if (!own(db)->checkpointer)
        own(db)->checkpointer = sqlite_checkpointer_start(own(db)->db, trail);
}

static void sqlite_tx_rollback(struct store *base)
{
    struct sq_store *db = own(base);
    base->in_tx = 0;
    if (db->lent) {
        sq_group_rollback(db);
        return;
    }
    if (!sqlite3_get_autocommit(db->db))
        sq_tx_run(db, TX_ROLLBACK, NULL);
    sq_gate_leave(db);
}

static int sqlite_tx_commit(struct store *base, struct store_error *err)
{
    struct sq_store *db = own(base);
    if (db->lent) {
        base->in_tx = 0;
        return sq_group_commit(db, err);
    }
    int rc = sq_tx_run(db, TX_COMMIT, err);
    if (rc != STORE_OK) {
        sqlite_tx_rollback(base);
        return rc;
    }
    base->in_tx = 0;
    sq_gate_leave(db);
    return STORE_OK;
}

static void sqlite_group_commits(struct store *db, int cache_mb)
{
    sq_group_join(own(db), cache_mb);
}

static unsigned hash_sql(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h % SQ_CACHE_BUCKETS;
}

static struct store_stmt *sqlite_prepare(struct store *base, const char *sql, struct store_error *err)
{
    struct sq_store *db = sq(base);
    struct sq_stmt *hit = stmt_memo_get(&db->memo, sql);
    if (hit)
        return &hit->base;
    unsigned h = hash_sql(sql);
    for (struct sq_stmt *s = db->cache[h]; s; s = s->next)
        if (strcmp(s->sql, sql) == 0) {
            stmt_memo_put(&db->memo, sql, s, s->sql);
            return &s->base;
        }
    struct sq_stmt *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    int rc = sqlite3_prepare_v3(db->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->st, NULL);
    if (rc != SQLITE_OK) {
        fail(db, rc, err, "prepare");
        free(s);
        return NULL;
    }
    for (int i = 1, n = sqlite3_bind_parameter_count(s->st); i <= n; i++) {
        const char *name = sqlite3_bind_parameter_name(s->st, i);
        int k = name && name[0] == '$' ? num_int_or(name + 1, 0) : 0;
        if (k > 0 && k <= SQ_MAX_PARAMS && i < 256)
            s->pidx[k] = (unsigned char)i;
    }
    s->sql = strdup(sql);
    /* The statement belongs to the connection that prepared it: while a
     * pool connection is lent the group's (sqlite_gate.c) that is the
     * group's, whose cache every member then finds it in. Pointing it at
     * the member that happened to prepare it first let a later member's
     * write close that first member's read snapshot from the wrong thread
     * (store_step), leaving its connection reading an old snapshot. */
    s->base.db = &db->base;
    s->next = db->cache[h];
    db->cache[h] = s;
    stmt_memo_put(&db->memo, sql, s, s->sql);
    return &s->base;
}

/* Parameters are written $1, $2 …; SQLite treats "$1" as a named parameter,
 * so bind by name: the order of first appearance does not matter. */
static int param_index(struct sq_stmt *s, int n)
{
    if (n > 0 && n <= SQ_MAX_PARAMS && s->pidx[n])
        return s->pidx[n];
    char name[16];
    snprintf(name, sizeof name, "$%d", n);
    return sqlite3_bind_parameter_index(s->st, name);
}

static int sqlite_bind_text(struct store_stmt *base, int n, const char *v)
{
    struct sq_stmt *s = sqs(base);
    int i = param_index(s, n);
    if (i == 0)
        return STORE_EGENERIC;
    int rc = v ? sqlite3_bind_text(s->st, i, v, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(s->st, i);
    if (rc != SQLITE_OK) {
        s->bind_failed = 1;
        sq_map_code(rc);   /* notes running out of memory (util/oom.h) */
        return STORE_EGENERIC;
    }
    return STORE_OK;
}

static int sqlite_bind_int(struct store_stmt *base, int n, int64_t v)
{
    struct sq_stmt *s = sqs(base);
    int i = param_index(s, n);
    if (i == 0)
        return STORE_EGENERIC;
    int rc = sqlite3_bind_int64(s->st, i, v);
    if (rc != SQLITE_OK) {
        s->bind_failed = 1;
        sq_map_code(rc);
        return STORE_EGENERIC;
    }
    return STORE_OK;
}

static int sqlite_step(struct store_stmt *base, struct store_error *err)
{
    if (sqs(base)->bind_failed)
        return store_fail(err, STORE_EGENERIC, "step: a parameter could not be bound");
    int rc = sqlite3_step(sqs(base)->st);
    if (rc == SQLITE_ROW)
        return STORE_ROW;
    if (rc == SQLITE_DONE)
        return STORE_DONE;
    return fail(sq(base->db), rc, err, "step");
}

static int sqlite_writes(struct store_stmt *base)
{
    return !sqlite3_stmt_readonly(sqs(base)->st) && !sqlite3_stmt_busy(sqs(base)->st);
}

static void sqlite_reset(struct store_stmt *base)
{
    sqlite3_reset(sqs(base)->st);
    sqlite3_clear_bindings(sqs(base)->st);
    sqs(base)->bind_failed = 0;
}

static int sqlite_col_count(struct store_stmt *s) { return sqlite3_column_count(sqs(s)->st); }
static const char *sqlite_col_name(struct store_stmt *s, int i) { return sqlite3_column_name(sqs(s)->st, i); }

static enum store_col_kind sqlite_col_kind(struct store_stmt *s, int i)
{
    switch (sqlite3_column_type(sqs(s)->st, i)) {
    case SQLITE_NULL: return STORE_KIND_NULL;
    case SQLITE_INTEGER: return STORE_KIND_INT;
    default: return STORE_KIND_TEXT;
    }
}

static const char *sqlite_col_text(struct store_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(sqs(s)->st, i);
    return t ? (const char *)t : "";
}

static int64_t sqlite_col_int(struct store_stmt *s, int i) { return sqlite3_column_int64(sqs(s)->st, i); }
static int64_t sqlite_changes(struct store *db) { return sqlite3_changes64(sq(db)->db); }

static int sqlite_table_exists(struct store *db, const char *name, struct store_error *err)
{
    struct store_stmt *s = sqlite_prepare(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $1", err);
    if (!s)
        return err ? err->code : STORE_EGENERIC;
    sqlite_bind_text(s, 1, name);
    int rc = sqlite_step(s, err);
    sqlite_reset(s);
    return rc == STORE_ROW ? 1 : rc == STORE_DONE ? 0 : rc;
}

static int vacuum_into(struct store *db, const char *sql, const char *dest, struct store_error *err)
{
    struct store_stmt *s = sqlite_prepare(db, sql, err);
    if (!s)
        return err ? err->code : STORE_EGENERIC;
    sqlite_bind_text(s, 1, dest);
    int rc = sqlite_step(s, err);
    sqlite_reset(s);
    return rc == STORE_DONE ? STORE_OK : rc;
}

/* Both files: the data first, then the trail, so the copy of the trail
 * covers every change in the copy of the data (sqlite_audit.c). */
static int sqlite_backup(struct store *db, const char *dest_path, struct store_error *err)
{
    char trail[4200];
    sqlite_audit_path(dest_path, trail, sizeof trail);
    int rc = vacuum_into(db, "VACUUM main INTO $1", dest_path, err);
    return rc == STORE_OK ? vacuum_into(db, "VACUUM audit INTO $1", trail, err) : rc;
}

static int sqlite_after_migrate(struct store *db, struct store_error *err)
{
    int rc = sqlite_audit_settle(sq(db)->db, err);
    char why[sizeof err->message];
    /* the person index paired with the settled trail, and this connection's views */
    if (rc == STORE_OK && sqlite_audit_index_attach(sq(db)->db, sq(db)->path, why, sizeof why) != SQLITE_OK)
        rc = store_fail(err, STORE_EGENERIC, "%s", why);
    sq(db)->index_writer = 0;   /* attached read-only again */
    return rc;
}

static int sqlite_index_writer(struct store *db, struct store_error *err)
{
    if (sq(db)->index_writer)
        return STORE_OK;
    if (sqlite_audit_index_writer(sq(db)->db, sq(db)->path) != SQLITE_OK)
        return store_fail(err, STORE_EGENERIC, "the audit trail's person index: %s", sqlite3_errmsg(sq(db)->db));
    sq(db)->index_writer = 1;
    return STORE_OK;
}

static const struct store_ops sqlite_ops = {
    .name = "sqlite",
    .close = sqlite_close,
    .exec = sqlite_exec,
    .tx_begin = sqlite_tx_begin,
    .tx_commit = sqlite_tx_commit,
    .tx_rollback = sqlite_tx_rollback,
    .prepare = sqlite_prepare,
    .bind_text = sqlite_bind_text,
    .bind_int = sqlite_bind_int,
    .step = sqlite_step,
    .reset = sqlite_reset,
    .writes = sqlite_writes,
    .col_count = sqlite_col_count,
    .col_name = sqlite_col_name,
    .col_kind = sqlite_col_kind,
    .col_text = sqlite_col_text,
    .col_int = sqlite_col_int,
    .changes = sqlite_changes,
    .table_exists = sqlite_table_exists,
    .backup = sqlite_backup,
    .after_migrate = sqlite_after_migrate,
    .audit_only = sqlite_audit_only_conn,
    .index_writer = sqlite_index_writer,
    .group_commits = sqlite_group_commits,
};
