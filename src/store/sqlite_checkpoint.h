/* SQLite only: the audit trail file's checkpoints off the audit writer's
 * commit path (sqlite_checkpoint.c). Internal to src/store/. */
#ifndef SEAMLESS_STORE_SQLITE_CHECKPOINT_H
#define SEAMLESS_STORE_SQLITE_CHECKPOINT_H
#include <sqlite3.h>

struct sqlite_checkpointer;
/* A thread with its own connection to the trail file at trail_path, and a
 * commit hook on writer (the audit writer's connection) that hands the
 * trail's checkpoints to it. NULL when it could not start: the writer then
 * checkpoints as SQLite does by default. */
struct sqlite_checkpointer *sqlite_checkpointer_start(sqlite3 *writer, const char *trail_path);
/* Removes the hook from writer (SQLite's default back) and stops the thread. */
void sqlite_checkpointer_stop(struct sqlite_checkpointer *c, sqlite3 *writer);
/* How many checkpoints the threads of this process have run (tests). */
long sqlite_checkpoints_run(void);
#endif
