/* SQLite only: the write gate of one database file, and group commit
 * through it (sqlite_gate.c). Internal to src/store/. */
#ifndef SEAMLESS_STORE_SQLITE_GATE_H
#define SEAMLESS_STORE_SQLITE_GATE_H
#include "store/sqlite_conn.h"

struct write_gate;
/* The process's gate for the file at path, made at first use; NULL when
 * memory ran out (the connection then meets SQLite's busy handler alone). */
struct write_gate *sq_gate_for(const char *path);

/* A write transaction of its own on db's connection: takes the gate
 * (waiting up to 10 s: -1 then) after committing any group open in it. */
int sq_gate_enter(struct sq_store *db);
void sq_gate_leave(struct sq_store *db);

/* Group commit, for connections that asked for it (store_group_commits).
 * sq_group_begin: 1 when db's transaction now runs in the gate's shared
 * connection (db->lent), 0 when it cannot (no gate, or the shared
 * connection could not be opened: the caller then uses its own), or a
 * negative store code with err filled in. */
int sq_group_begin(struct sq_store *db, struct store_error *err);
/* Releases db's part into the group and returns once the group's COMMIT
 * has answered: STORE_OK when it is durable, or the error every member of
 * the group gets. */
int sq_group_commit(struct sq_store *db, struct store_error *err);
/* Undoes db's part only; the group's other members are not affected
 * unless SQLite undid the whole transaction (then they fail with it). */
void sq_group_rollback(struct sq_store *db);
/* db joins groups on its file: counted so the shared connection closes with the last. */
void sq_group_join(struct sq_store *db, int cache_mb);
void sq_group_part(struct sq_store *db);
/* Tests: the writers waiting at path's gate now; the groups this process
 * has committed, and the members in them. */
int sq_gate_waiting(const char *path);
void sq_group_stats(long *groups, long *members);
#endif
