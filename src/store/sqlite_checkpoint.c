/* The audit trail file's checkpoints, off the audit writer's commit path.
 *
 * In WAL mode SQLite copies the log back into the database file (a
 * checkpoint) in whichever connection commits once the log holds 1,000
 * pages: for the trail, that is the audit writer, and every request in the
 * batch that crossed the mark waited while the writer copied 4 MB and
 * synced the file (6 % of the server's CPU on the county's searches, and
 * their slowest answers). Here the writer's commit only notes that a
 * checkpoint is due, and a thread of its own runs it on another connection.
 * A passive checkpoint takes no lock a writer needs, so the batches go on
 * meanwhile.
 *
 * Past the mark the thread is asked again once the log has grown by
 * CHECKPOINT_STEP pages, not after every commit: each checkpoint ends with
 * a sync of the file, and a page that several commits wrote (the last page
 * of the log's table, a person's page of the index) is copied once for all
 * of them. Asked after every commit, the thread synced the file after
 * every batch (11 % of the server's CPU on the reviews-due list). The step
 * is small on purpose: one checkpoint per 1,000 pages saved a little more
 * CPU but made each sync write 4 MB, and the writer's own sync, queued
 * behind it on the disk, took the county's searches to a p99 of 40–60 ms.
 *
 * SQLite starts the log again from the top only when a write transaction
 * begins with all of it copied back, which a busy writer rarely finds
 * while the thread copies beside it: once the log holds RESTART_PAGES, the
 * writer's commit copies what the thread has not yet (the last
 * CHECKPOINT_STEP pages or so) itself, so that its next transaction starts the
 * log again. Nothing changes on disk: whether a page is copied by one
 * connection or another, its frame is in the log, synced, before the
 * commit that wrote it returns. */
#include "store/sqlite_checkpoint.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#define CHECKPOINT_PAGES 1000   /* SQLite's own default (wal_autocheckpoint) */
#define CHECKPOINT_STEP 200    /* then once per 200 pages of log (800 kB) */
#define RESTART_PAGES 4000      /* 16 MB of log */

struct sqlite_checkpointer {
    sqlite3 *db;          /* the trail file, opened as main */
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t due;
    int pending, stopping;
    int next_at, last;    /* the log's size (pages) at which to ask next, and at the last commit */
};

static atomic_long checkpoints_run;

static void *checkpoint_main(void *arg)
{
    struct sqlite_checkpointer *c = arg;
    pthread_mutex_lock(&c->lock);
    for (;;) {
        while (!c->pending && !c->stopping)
            pthread_cond_wait(&c->due, &c->lock);
        if (c->stopping)
            break;
        c->pending = 0;
        pthread_mutex_unlock(&c->lock);
        /* Busy (another checkpoint running) or not all copied (a reader
         * still on old frames): the next ask, CHECKPOINT_STEP pages on, or
         * the writer at RESTART_PAGES copies the rest. */
        sqlite3_wal_checkpoint_v2(c->db, "main", SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
        atomic_fetch_add(&checkpoints_run, 1);
        pthread_mutex_lock(&c->lock);
    }
    pthread_mutex_unlock(&c->lock);
    return NULL;
}

/* After each commit of the writer, per schema it wrote (pages: the log's
 * size). The trail's checkpoint goes to the thread at CHECKPOINT_PAGES and
 * then once per CHECKPOINT_STEP (at RESTART_PAGES the writer finishes it,
 * above); any other schema's runs here, as SQLite's default hook would. */
static int on_commit(void *arg, sqlite3 *db, const char *schema, int pages)
{
    struct sqlite_checkpointer *c = arg;
    if (strcmp(schema, "audit") != 0) {
        if (pages >= CHECKPOINT_PAGES)
            sqlite3_wal_checkpoint(db, schema);
        return SQLITE_OK;
    }
    if (pages < c->last)   /* the log has started again */
        c->next_at = CHECKPOINT_PAGES;
    c->last = pages;
    if (pages >= RESTART_PAGES) {
        sqlite3_wal_checkpoint(db, schema);
        return SQLITE_OK;
    }
    if (pages < c->next_at)
        return SQLITE_OK;
    c->next_at = pages + CHECKPOINT_STEP;
    pthread_mutex_lock(&c->lock);
    c->pending = 1;
    pthread_cond_signal(&c->due);
    pthread_mutex_unlock(&c->lock);
    return SQLITE_OK;
}

struct sqlite_checkpointer *sqlite_checkpointer_start(sqlite3 *writer, const char *trail_path)
{
    if (strcmp(trail_path, ":memory:") == 0)
        return NULL;
    struct sqlite_checkpointer *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    /* The connection reads the file once, so that it opens the log: until
     * then a checkpoint on it finds no WAL and does nothing. */
    if (sqlite3_open_v2(trail_path, &c->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
        sqlite3_exec(c->db, "PRAGMA journal_mode", NULL, NULL, NULL) != SQLITE_OK) {
        sqlite3_close_v2(c->db);
        free(c);
        return NULL;
    }
    c->next_at = CHECKPOINT_PAGES;
    pthread_mutex_init(&c->lock, NULL);
    pthread_cond_init(&c->due, NULL);
    if (pthread_create(&c->thread, NULL, checkpoint_main, c) != 0) {
        pthread_mutex_destroy(&c->lock);
        pthread_cond_destroy(&c->due);
        sqlite3_close_v2(c->db);
        free(c);
        return NULL;
    }
    sqlite3_wal_hook(writer, on_commit, c);
    return c;
}

void sqlite_checkpointer_stop(struct sqlite_checkpointer *c, sqlite3 *writer)
{
    if (!c)
        return;
    sqlite3_wal_autocheckpoint(writer, CHECKPOINT_PAGES);   /* SQLite's default hook again */
    pthread_mutex_lock(&c->lock);
    c->stopping = 1;
    pthread_cond_signal(&c->due);
    pthread_mutex_unlock(&c->lock);
    pthread_join(c->thread, NULL);
    pthread_mutex_destroy(&c->lock);
    pthread_cond_destroy(&c->due);
    sqlite3_close_v2(c->db);
    free(c);
}

long sqlite_checkpoints_run(void)
{
    return atomic_load(&checkpoints_run);
}
