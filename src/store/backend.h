/* backend: what a database backend provides behind store.h (internal to
 * src/store/; callers use store.h only).
 *
 * Each backend's connection struct starts with a `struct store` and each of
 * its statements with a `struct store_stmt`, so store.c can find the ops of
 * any connection or statement and dispatch to them. A backend keeps
 * `in_tx` true between a successful tx_begin and the commit or rollback.
 *
 * Backends: sqlite.c ("sqlite") and pg.c + pg_stmt.c + pg_sql.c
 * ("postgres"). Behaviour that callers can see must be the same on both:
 * result codes, column kinds (store_row_json), parameter binding rules. */
#ifndef SEAMLESS_STORE_BACKEND_H
#define SEAMLESS_STORE_BACKEND_H
#include "store/store.h"

/* How store_row_json renders a column of the current row. */
enum store_col_kind { STORE_KIND_NULL, STORE_KIND_INT, STORE_KIND_TEXT };

struct store_ops {
    const char *name;
    void (*close)(struct store *db);
    int (*exec)(struct store *db, const char *sql, struct store_error *err);
    int (*tx_begin)(struct store *db, enum store_tx_kind kind, struct store_error *err);
    int (*tx_commit)(struct store *db, struct store_error *err);
    void (*tx_rollback)(struct store *db);
    struct store_stmt *(*prepare)(struct store *db, const char *sql, struct store_error *err);
    int (*bind_text)(struct store_stmt *s, int n, const char *v);   /* NULL binds NULL */
    int (*bind_int)(struct store_stmt *s, int n, int64_t v);
    int (*step)(struct store_stmt *s, struct store_error *err);
    void (*reset)(struct store_stmt *s);
    int (*col_count)(struct store_stmt *s);
    const char *(*col_name)(struct store_stmt *s, int i);
    enum store_col_kind (*col_kind)(struct store_stmt *s, int i);
    const char *(*col_text)(struct store_stmt *s, int i);            /* "" for NULL */
    int64_t (*col_int)(struct store_stmt *s, int i);
    int64_t (*changes)(struct store *db);
    /* 1 when the table exists, 0 when not, negative on error. */
    int (*table_exists)(struct store *db, const char *name, struct store_error *err);
    int (*backup)(struct store *db, const char *dest_path, struct store_error *err);
    /* Optional: runs after the migrations (SQLite: the audit trail into its
     * own file, sqlite_audit.c). */
    int (*after_migrate)(struct store *db, struct store_error *err);
    /* Optional: this connection writes only the audit trail (store_audit_only). */
    void (*audit_only)(struct store *db);
    /* Optional: this connection writes the trail's person index (store_index_writer). */
    int (*index_writer)(struct store *db, struct store_error *err);
    /* Optional: this connection's write transactions may share a COMMIT
     * with other connections' (store_group_commits). */
    void (*group_commits)(struct store *db, int cache_mb);
    /* Optional: runs n bound read statements at once (one round trip), so
     * that each one's steps then walk rows already here. 0, or negative
     * when the statements could not be run this way (the caller then steps
     * each as usual, which runs it). */
    int (*run_many)(struct store_stmt **s, int n, struct store_error *err);
    /* Optional: 1 when stepping s, not yet started, would write (a read
     * snapshot is then ended first: store_snapshot_begin). */
    int (*writes)(struct store_stmt *s);
};

struct store {
    const struct store_ops *ops;
    int in_tx;
    int snapshot;          /* the open transaction is store_snapshot_begin's read, not a caller's */
    long commits;          /* transactions committed on this handle */
    long commits_unknown;  /* COMMITs whose answer was lost: committed or not, nobody here knows */
    int commit_unknown;    /* set by a backend's tx_commit when it cannot tell */
    /* Person keys store_record_person resolved (a person id -> the person
     * it now is, merges followed), kept while they hold: within one
     * transaction, or one request (store_key_scope); common.c. */
    struct store_key_memo {
        char from[STORE_PLAIN_ID_CHARS + 1], to[STORE_ID_LEN];
    } keys[8];
    int nkeys, next_key, key_scope;
    long key_reads;        /* persons reads store_record_person made */
    int audit_chains;      /* the audit trail's chains, 0 until read (audit_store.c) */
    int64_t audit_base;    /* and their split's base */
};

/* Forgets every remembered person key (a transaction began or ended, a
 * savepoint was rolled back, this connection merged two people). */
void store_keys_forget(struct store *db);

struct store_stmt {
    struct store *db;
};

/* Opened by store_open according to the URL's scheme. */
struct store *store_sqlite_open(const char *path, struct store_error *err);
struct store *store_pg_open(const char *url, struct store_error *err);

/* 1 when the table exists in the database, 0 when not, negative on error
 * (migrations read schema_migrations without needing CREATE privilege). */
int store_table_exists(struct store *db, const char *name, struct store_error *err);

/* Fills err (when given) and returns code. */
int store_fail(struct store_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
