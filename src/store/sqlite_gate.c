/* SQLite's write gate and group commit (sqlite_gate.h).
 *
 * The gate. SQLite lets one write transaction run at a time and makes the
 * others retry: its busy handler sleeps 1, 2, 5 … 100 ms between tries, so
 * under 32 concurrent writers one could wait a second while the lock was
 * free most of that time. Within this process the writers of one file queue
 * here instead and start the moment the one before ends. Other processes
 * (the CLI beside a server) still meet the busy handler. The wait is
 * bounded like the busy timeout: 10 s, then "busy".
 *
 * Group commit. With synchronous=FULL every COMMIT syncs the data file's
 * WAL and the trail's, and the gate is held through both: the durable
 * write's throughput was one over two fdatasyncs (docs/performance.md,
 * session 11). A request connection that joins groups (the server's pool)
 * runs its write transaction inside one transaction of the gate's shared
 * connection, as a savepoint: its statements run there while it holds the
 * gate, then it releases the savepoint and hands the gate on. Whoever hands
 * the gate on with nobody waiting for it commits the group — so a lone
 * writer commits at once, as before, and writers that queued meanwhile share
 * one COMMIT and its syncs. Nobody's answer leaves before that COMMIT has
 * answered: each member waits for it, and a failed COMMIT fails them all
 * (nothing of theirs is stored, as for a single transaction). A member that
 * fails rolls back its savepoint only; when SQLite itself undid the whole
 * transaction (a full disk, an I/O error), the members before it fail too.
 * A writer outside the group (the audit writer, a migration) commits an
 * open group before it starts. Members see their predecessors' uncommitted
 * rows, which commit or fail with theirs: as if they had run one after the
 * other. */
#include "store/sqlite_gate.h"
#include "util/clock.h"
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define GROUP_MAX 32   /* members per COMMIT at most: bounds the first one's wait */

struct group_member {
    int rc, done;
    char why[sizeof ((struct store_error *)0)->message];
    struct group_member *next;
};

struct write_gate {
    char *path;
    pthread_mutex_t m;
    pthread_cond_t freed, finished;
    int busy, waiters;
    struct sq_store *shared;   /* the group's connection, opened at first use */
    int joined, cache_mb;      /* connections that join groups here; their page cache */
    int open;                  /* a group transaction is open on `shared` */
    int members;               /* savepoints released into it */
    struct group_member *list;
    struct write_gate *next;
};

static pthread_mutex_t gates_lock = PTHREAD_MUTEX_INITIALIZER;
static struct write_gate *gates;   /* one per file path, kept for the process's life */
static long groups_committed, members_committed;   /* under gates_lock (tests) */

struct write_gate *sq_gate_for(const char *path)
{
    pthread_mutex_lock(&gates_lock);
    struct write_gate *g = gates;
    while (g && strcmp(g->path, path) != 0)
        g = g->next;
    if (!g && (g = calloc(1, sizeof *g)) != NULL) {
        if ((g->path = strdup(path)) == NULL) {
            free(g);
            g = NULL;
        } else {
            pthread_mutex_init(&g->m, NULL);
            pthread_cond_init(&g->freed, NULL);
            pthread_cond_init(&g->finished, NULL);
            g->next = gates;
            gates = g;
        }
    }
    pthread_mutex_unlock(&gates_lock);
    return g;
}

/* ---- the token (g->m held) ------------------------------------------------ */

static int token_take(struct write_gate *g)
{
    int64_t deadline_ms = clock_wall_ms() + 10000;   /* the real clock: timedwait waits on it */
    struct timespec until = {.tv_sec = (time_t)(deadline_ms / 1000), .tv_nsec = (long)(deadline_ms % 1000) * 1000000L};
    g->waiters++;
    while (g->busy)
        if (pthread_cond_timedwait(&g->freed, &g->m, &until) == ETIMEDOUT && g->busy)
            break;
    g->waiters--;
    if (g->busy)
        return -1;
    g->busy = 1;
    return 0;
}

/* Ends the open group: COMMIT when members released into it, and every
 * member learns the answer; ROLLBACK when none did. The caller holds the
 * token, so nobody else uses the shared connection meanwhile; g->m is let go
 * during the COMMIT (its syncs), so that others can queue. */
static void group_finish(struct write_gate *g)
{
    struct sq_store *s = g->shared;
    int rc = STORE_OK;
    char why[sizeof ((struct store_error *)0)->message] = "";
    int members = g->members;
    g->open = 0;
    if (members == 0) {
        if (!sqlite3_get_autocommit(s->db))
            sq_tx_run(s, TX_ROLLBACK, NULL);
        return;
    }
    pthread_mutex_unlock(&g->m);
    if (sqlite3_get_autocommit(s->db)) {
        rc = STORE_EIO;   /* SQLite undid the transaction at a member's error */
        snprintf(why, sizeof why, "the write transaction was undone by an error in it");
    } else {
        struct store_error e = {0};
        rc = sq_tx_run(s, TX_COMMIT, &e);
        if (rc != STORE_OK) {
            snprintf(why, sizeof why, "%s", e.message);
            if (!sqlite3_get_autocommit(s->db))
                sq_tx_run(s, TX_ROLLBACK, NULL);
        }
    }
    if (rc == STORE_OK) {
        pthread_mutex_lock(&gates_lock);
        groups_committed++;
        members_committed += members;
        pthread_mutex_unlock(&gates_lock);
    }
    pthread_mutex_lock(&g->m);
    for (struct group_member *me = g->list; me; me = me->next) {
        me->rc = rc;
        snprintf(me->why, sizeof me->why, "%s", why);
        me->done = 1;
    }
    g->list = NULL;
    g->members = 0;
    pthread_cond_broadcast(&g->finished);
}

/* Hands the token on; with nobody waiting for it, the open group ends here. */
static void token_give(struct write_gate *g)
{
    if (g->open && g->waiters == 0)
        group_finish(g);
    g->busy = 0;
    pthread_cond_signal(&g->freed);
}

/* ---- a transaction of its own --------------------------------------------- */

int sq_gate_enter(struct sq_store *db)
{
    struct write_gate *g = db->gate;
    if (!g)
        return 0;
    pthread_mutex_lock(&g->m);
    int rc = token_take(g);
    if (rc == 0 && g->open)
        group_finish(g);
    pthread_mutex_unlock(&g->m);
    db->gate_held = rc == 0;
    return rc;
}

void sq_gate_leave(struct sq_store *db)
{
    if (!db->gate_held)
        return;
    db->gate_held = 0;
    pthread_mutex_lock(&db->gate->m);
    token_give(db->gate);
    pthread_mutex_unlock(&db->gate->m);
}

/* ---- group commit ---------------------------------------------------------- */

void sq_group_join(struct sq_store *db, int cache_mb)
{
    struct write_gate *g = db->gate;
    if (!g || db->joins_groups || db->audit_only)
        return;
    pthread_mutex_lock(&g->m);
    g->joined++;
    if (cache_mb > g->cache_mb)
        g->cache_mb = cache_mb;
    pthread_mutex_unlock(&g->m);
    db->joins_groups = 1;
}

void sq_group_part(struct sq_store *db)
{
    struct write_gate *g = db->gate;
    if (!db->joins_groups)
        return;
    db->joins_groups = 0;
    pthread_mutex_lock(&g->m);
    struct sq_store *close_it = NULL;
    if (--g->joined == 0 && !g->busy) {
        close_it = g->shared;
        g->shared = NULL;
    }
    pthread_mutex_unlock(&g->m);
    if (close_it)
        close_it->base.ops->close(&close_it->base);
}

/* The shared connection, opened as any other (g->m held, token held). */
static struct sq_store *shared_conn(struct write_gate *g)
{
    if (!g->shared) {
        struct store_error e = {0};
        struct sq_store *s = (struct sq_store *)store_sqlite_open(g->path, &e);
        if (s && g->cache_mb > 0) {
            char sql[128];
            snprintf(sql, sizeof sql, "PRAGMA main.cache_size = -%d; PRAGMA audit.cache_size = -%d",
                     g->cache_mb * 1024, g->cache_mb * 1024);
            sqlite3_exec(s->db, sql, NULL, NULL, NULL);   /* a hint, as for the pool */
        }
        g->shared = s;
    }
    return g->shared;
}

int sq_group_begin(struct sq_store *db, struct store_error *err)
{
    struct write_gate *g = db->gate;
    if (!g || !db->joins_groups)
        return 0;
    pthread_mutex_lock(&g->m);
    if (token_take(g) != 0) {
        pthread_mutex_unlock(&g->m);
        return store_fail(err, STORE_EBUSY, "begin: the database stayed busy (another write transaction)");
    }
    struct sq_store *s = shared_conn(g);
    if (!s) {   /* its own connection, holding the gate as any writer */
        pthread_mutex_unlock(&g->m);
        db->gate_held = 1;
        return 0;
    }
    if (g->open && sqlite3_get_autocommit(s->db))
        group_finish(g);   /* undone by an error: its members fail */
    int rc = g->open ? STORE_OK : sq_begin_write(s, err);
    if (rc == STORE_OK) {
        g->open = 1;
        rc = sq_tx_run(s, TX_SAVEPOINT, err);
    }
    if (rc != STORE_OK) {
        token_give(g);
        pthread_mutex_unlock(&g->m);
        return rc;
    }
    pthread_mutex_unlock(&g->m);
    db->lent = s;
    return 1;
}

void sq_group_rollback(struct sq_store *db)
{
    struct sq_store *s = db->lent;
    struct write_gate *g = db->gate;
    db->lent = NULL;
    if (!sqlite3_get_autocommit(s->db) &&
        (sq_tx_run(s, TX_ROLLBACK_TO, NULL) != STORE_OK || sq_tx_run(s, TX_RELEASE, NULL) != STORE_OK))
        sq_tx_run(s, TX_ROLLBACK, NULL);   /* then the members before fail with it */
    pthread_mutex_lock(&g->m);
    if (g->open && sqlite3_get_autocommit(s->db))
        group_finish(g);
    token_give(g);
    pthread_mutex_unlock(&g->m);
}

int sq_group_commit(struct sq_store *db, struct store_error *err)
{
    struct sq_store *s = db->lent;
    struct write_gate *g = db->gate;
    /* A deferred foreign key this member left unresolved would fail the
     * group's COMMIT for everyone: refused here, as its own COMMIT would be
     * (the members before it had none, or they would have been refused). */
    int pending = 0, high = 0;
    int rc = sqlite3_db_status(s->db, SQLITE_DBSTATUS_DEFERRED_FKS, &pending, &high, 0) == SQLITE_OK && pending > 0
                 ? store_fail(err, STORE_EINTEGRITY, "commit: FOREIGN KEY constraint failed")
                 : sq_tx_run(s, TX_RELEASE, err);
    if (rc != STORE_OK) {
        sq_group_rollback(db);
        return rc;
    }
    db->lent = NULL;
    struct group_member me = {0};
    pthread_mutex_lock(&g->m);
    me.next = g->list;
    g->list = &me;
    if (++g->members >= GROUP_MAX)
        group_finish(g);
    token_give(g);
    while (!me.done)
        pthread_cond_wait(&g->finished, &g->m);
    pthread_mutex_unlock(&g->m);
    if (me.rc != STORE_OK)
        return store_fail(err, me.rc, "commit: %s", me.why);
    return STORE_OK;
}

int sq_gate_waiting(const char *path)
{
    struct write_gate *g = sq_gate_for(path);
    if (!g)
        return 0;
    pthread_mutex_lock(&g->m);
    int n = g->waiters;
    pthread_mutex_unlock(&g->m);
    return n;
}

void sq_group_stats(long *groups, long *members)
{
    pthread_mutex_lock(&gates_lock);
    *groups = groups_committed;
    *members = members_committed;
    pthread_mutex_unlock(&gates_lock);
}
