/* Group-commit writer for audited reads: one lane per chain of the trail
 * (audit_store.h; one lane on SQLite and a single PostgreSQL server), each
 * a thread with its own connection and queue. An entry is queued on its
 * chain's lane; every pass of a lane commits all its queued entries in one
 * transaction and settles their requesters — waking the ones that block,
 * resuming the deferred ones (audit.h, "Deferred release"). A lane's
 * transaction locks only its chain's head (STORE_TX_APPEND), so on a
 * cluster the lanes commit side by side. */
#include "audit/audit.h"
#include "store/audit_store.h"
#include <errno.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif
#include <pthread.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BATCH 1024
/* The person index (audit.h, audit_index_people) is filled by a thread
 * of its own with its own connection, beside the lanes, in steps of up to
 * INDEX_CHUNK people (STORE_TX_INDEX: on SQLite the index has a file and a
 * lock of its own, so a step holds up no batch; on PostgreSQL the step
 * locks the index state row only). It steps once INDEX_START people wait,
 * or INDEX_WAIT_MS after its last step when fewer do: big steps are cheap
 * ones, since a step writes each index page it touches once, however many
 * people land on it (on a county's trail 19.8 µs of CPU a person in steps
 * of 1,250 people, 3.4 µs in steps of 50,000: docs/performance.md). The
 * lag stays bounded: behind, the next step takes all that waits, up to
 * INDEX_CHUNK. Readers see the unindexed tail through audit_people_all. */
#define INDEX_CHUNK 65536
#define INDEX_START 16384
#define INDEX_WAIT_MS 500
#define INDEX_NICE 10

struct block;

struct pending {
    struct audit_entry e;
    char *strings[9];
    struct audit_person *people;   /* one allocation: the array, then its strings */
    int done;           /* blocking requester: 0 waiting, 1 committed, -1 failed */
    struct block *blk;  /* deferred requester: the writer owns and frees it */
    struct pending *next;
};

/* The entries of one deferred record call, freed by the writer once all
 * are settled (a call's entries may span two batches). */
struct block {
    struct audit_deferral *d;
    int left;
    int n;
    struct block *free_next;
    struct pending ps[];
};

struct lane {
    struct audit_writer *w;
    int no;                   /* 0 … lanes - 1: chain no + 1 */
    struct store *db;
    pthread_t thread;
    int started;
    pthread_cond_t work;      /* its queue became non-empty, or stopping */
    struct pending *head, *tail;
};

struct audit_writer {
    pthread_mutex_t lock;     /* every lane's queue, the counters, the deferrals */
    pthread_cond_t finished;  /* some batch finished */
    int stopping;
    int no_defer;             /* shutting down: records block */
    int deferrals_waiting;    /* registered resume callbacks not yet called */
    long unindexed;           /* people written and not yet indexed (an estimate: 1 = look) */
    int chains;               /* the trail's chains = lanes */
    struct lane lanes[AUDIT_MAX_CHAINS];
    struct indexer {
        struct store *db;
        pthread_t thread;
        int started;
        pthread_cond_t work;  /* INDEX_START people wait, or stopping (monotonic clock) */
    } ix;
};

static _Thread_local struct audit_deferral *tl_defer;

void audit_defer_begin(struct audit_deferral *d)
{
    memset(d, 0, sizeof *d);
    tl_defer = d;
}

void audit_defer_end(void)
{
    tl_defer = NULL;
}

static void pending_free_strings(struct pending *p)
{
    for (int j = 0; j < 9; j++)
        free(p->strings[j]);
    free(p->people);
}

/* Under the lock: marks the batch committed (rc 0) or failed. Returns the
 * deferred blocks now fully settled, for freeing outside the lock. */
static struct block *settle(struct audit_writer *w, struct pending *batch, int rc)
{
    struct block *to_free = NULL;
    for (struct pending *p = batch; p; p = p->next) {
        if (!p->blk) {
            p->done = rc == 0 ? 1 : -1;
            continue;
        }
        struct block *b = p->blk;
        struct audit_deferral *d = b->d;
        if (d) {
            d->failed |= rc != 0;
            if (--d->outstanding == 0) {
                b->d = NULL;          /* d may be gone once resumed */
                if (d->resume) {
                    void (*resume)(void *) = d->resume;
                    d->resume = NULL;
                    w->deferrals_waiting--;
                    resume(d->arg);
                }
            }
        }
        if (--b->left == 0) {
            b->free_next = to_free;
            to_free = b;
        }
    }
    return to_free;
}

/* Writes the batch (n entries listing `people` people) in one transaction
 * and settles its requesters. */
static void write_batch(struct lane *l, struct pending *batch, int n, long people)
{
    struct audit_writer *w = l->w;
    struct store_error err = {0};
    struct audit_entry *entries = calloc((size_t)n, sizeof *entries);
    int i = 0;
    for (struct pending *p = batch; entries && p; p = p->next)
        entries[i++] = p->e;
    int rc = entries ? store_tx_begin(l->db, STORE_TX_APPEND, &err) : -1;
    if (rc == 0)
        rc = audit_append_many(l->db, entries, n, &err);
    free(entries);
    if (rc == 0)
        rc = store_tx_commit(l->db, &err);
    else
        store_tx_rollback(l->db);
    if (rc != 0)
        fprintf(stderr, "level=error msg=\"audit batch failed\" detail=\"%s\"\n", err.message);
    pthread_mutex_lock(&w->lock);
    if (rc == 0 && people > 0 && (w->unindexed += people) >= INDEX_START && w->unindexed - people < INDEX_START)
        pthread_cond_signal(&w->ix.work);
    struct block *done = settle(w, batch, rc);
    pthread_cond_broadcast(&w->finished);
    pthread_mutex_unlock(&w->lock);
    while (done) {
        struct block *next = done->free_next;
        for (int k = 0; k < done->n; k++)
            pending_free_strings(&done->ps[k]);
        free(done);
        done = next;
    }
}

/* Index steps until nothing waits (outside the lock); then, under it, the
 * people counted before the steps are taken off the estimate. A failure is
 * logged and tried again at the next wake: readers see the tail meanwhile. */
static int index_all_waiting(struct audit_writer *w)
{
    long had = w->unindexed;
    pthread_mutex_unlock(&w->lock);
    struct store_error err = {0};
    int more = 1, rc = 0;
    while (rc == 0 && more)
        rc = audit_index_people(w->ix.db, INDEX_CHUNK, &more, &err);
    if (rc != 0)
        fprintf(stderr, "level=error msg=\"audit person index failed\" detail=\"%s\"\n", err.message);
    pthread_mutex_lock(&w->lock);
    if (rc == 0)
        w->unindexed = w->unindexed > had ? w->unindexed - had : 0;
    return rc;
}

/* 1 once ms have passed since *since (monotonic). */
static int ms_passed(const struct timespec *since, long ms)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - since->tv_sec) * 1000L + (now.tv_nsec - since->tv_nsec) / 1000000L >= ms;
}

static void *indexer_main(void *arg)
{
    struct audit_writer *w = arg;
#ifdef __linux__
    /* Behind the requests for the CPU: a step is work that can wait a
     * little, a request's answer is not (on Linux a thread has its own
     * nice value). */
    setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), INDEX_NICE);
#endif
    struct timespec last;
    clock_gettime(CLOCK_MONOTONIC, &last);
    pthread_mutex_lock(&w->lock);
    int failed = 0;   /* the last step failed: wait INDEX_WAIT_MS before the next */
    for (;;) {
        int due = w->unindexed >= INDEX_START || (w->unindexed > 0 && (w->stopping || ms_passed(&last, INDEX_WAIT_MS)));
        if (due && (!failed || w->stopping || ms_passed(&last, INDEX_WAIT_MS))) {
            int stopping = w->stopping;
            failed = index_all_waiting(w) != 0;
            clock_gettime(CLOCK_MONOTONIC, &last);
            if (!(failed && stopping))   /* stopping, one last try */
                continue;
        }
        if (w->stopping)   /* caught up (or failing): the next start looks again */
            break;
        struct timespec until = last;
        until.tv_nsec += (INDEX_WAIT_MS % 1000) * 1000000L;
        until.tv_sec += INDEX_WAIT_MS / 1000 + until.tv_nsec / 1000000000L;
        until.tv_nsec %= 1000000000L;
        if (w->unindexed > 0 || failed)
            pthread_cond_timedwait(&w->ix.work, &w->lock, &until);
        else
            pthread_cond_wait(&w->ix.work, &w->lock);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

static void *writer_main(void *arg)
{
    struct lane *l = arg;
    struct audit_writer *w = l->w;
    pthread_mutex_lock(&w->lock);
    for (;;) {
        while (!l->head && !w->stopping)
            pthread_cond_wait(&l->work, &w->lock);
        if (!l->head && w->stopping)
            break;
        struct pending *batch = l->head, *last = batch;
        int n = 1;
        while (last->next && n < MAX_BATCH) {
            last = last->next;
            n++;
        }
        l->head = last->next;
        if (!l->head)
            l->tail = NULL;
        last->next = NULL;
        long people = 0;
        for (struct pending *p = batch; p; p = p->next)
            people += p->e.n_people;
        pthread_mutex_unlock(&w->lock);
        write_batch(l, batch, n, people);
        pthread_mutex_lock(&w->lock);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

/* Stops the lanes that were started: each finishes its queue first. */
static void lanes_stop(struct audit_writer *w)
{
    pthread_mutex_lock(&w->lock);
    w->stopping = 1;
    for (int i = 0; i < w->chains; i++)
        pthread_cond_signal(&w->lanes[i].work);
    pthread_mutex_unlock(&w->lock);
    for (int i = 0; i < w->chains; i++)
        if (w->lanes[i].started)
            pthread_join(w->lanes[i].thread, NULL);
}

static void lanes_close(struct audit_writer *w)
{
    for (int i = 0; i < w->chains; i++) {
        store_close(w->lanes[i].db);
        pthread_cond_destroy(&w->lanes[i].work);
    }
}

/* Stops the indexer (after the lanes: it indexes what they wrote last) and
 * closes its connection. */
static void indexer_stop(struct audit_writer *w)
{
    pthread_mutex_lock(&w->lock);
    w->stopping = 1;
    pthread_cond_signal(&w->ix.work);
    pthread_mutex_unlock(&w->lock);
    if (w->ix.started)
        pthread_join(w->ix.thread, NULL);
    w->ix.started = 0;
    store_close(w->ix.db);
    w->ix.db = NULL;
}

struct audit_writer *audit_writer_start(const char *db_url, struct store_error *err)
{
    struct audit_writer *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    struct store *first = store_open(db_url, err);
    int64_t base = 0;
    if (!first || audit_store_chains(first, &w->chains, &base, err) != 0) {
        store_close(first);
        free(w);
        return NULL;
    }
    w->unindexed = 1;   /* what the CLI or another server left: looked at once */
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->finished, NULL);
    pthread_condattr_t monotonic;   /* the indexer's waits are measured on the monotonic clock */
    pthread_condattr_init(&monotonic);
    pthread_condattr_setclock(&monotonic, CLOCK_MONOTONIC);
    pthread_cond_init(&w->ix.work, &monotonic);
    int ok = (w->ix.db = store_open(db_url, err)) != NULL;
    for (int i = 0; i < w->chains; i++) {
        struct lane *l = &w->lanes[i];
        l->w = w;
        l->no = i;
        pthread_cond_init(&l->work, &monotonic);
        l->db = i == 0 ? first : store_open(db_url, err);
        if (!l->db) {
            ok = 0;
            continue;
        }
        store_audit_only(l->db);   /* its commits touch the trail only (store.h) */
    }
    pthread_condattr_destroy(&monotonic);
    for (int i = 0; ok && i < w->chains; i++)
        ok = (w->lanes[i].started = pthread_create(&w->lanes[i].thread, NULL, writer_main, &w->lanes[i]) == 0);
    if (ok)
        ok = (w->ix.started = pthread_create(&w->ix.thread, NULL, indexer_main, w) == 0);
    if (!ok) {
        lanes_stop(w);
        indexer_stop(w);
        lanes_close(w);
        pthread_cond_destroy(&w->ix.work);
        pthread_mutex_destroy(&w->lock);
        pthread_cond_destroy(&w->finished);
        free(w);
        return NULL;
    }
    return w;
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* e's people copied into one allocation: the array, then every string. On
 * running out of memory the entry is made unwritable (resource_type is
 * NOT NULL), so its batch fails and every requester in it gets 503:
 * nothing is released under an entry that lost its people. */
static void copy_people(struct pending *p, const struct audit_entry *e)
{
    size_t n = (size_t)e->n_people, bytes = n * sizeof *p->people;
    for (size_t i = 0; i < n; i++)
        bytes += (e->people[i].person_id ? strlen(e->people[i].person_id) + 1 : 0) +
                 (e->people[i].basis ? strlen(e->people[i].basis) + 1 : 0);
    p->people = malloc(bytes);
    if (!p->people) {
        p->e.resource_type = NULL;   /* NOT NULL column: the batch fails, the request gets 503 */
        return;
    }
    char *s = (char *)(p->people + n);
    for (size_t i = 0; i < n; i++) {
        const char *src[2] = {e->people[i].person_id, e->people[i].basis};
        const char *dst[2] = {NULL, NULL};
        for (int k = 0; k < 2; k++) {
            if (!src[k])
                continue;
            size_t len = strlen(src[k]) + 1;
            memcpy(s, src[k], len);
            dst[k] = s;
            s += len;
        }
        p->people[i] = (struct audit_person){dst[0], dst[1]};
    }
    p->e.people = p->people;
    p->e.n_people = e->n_people;
}

static void pending_init(struct pending *p, const struct audit_entry *e)
{
    memset(p, 0, sizeof *p);
    const char *src[9] = {e->user_id, e->org_id, e->role, e->action, e->resource_type,
                          e->resource_id, e->person_id, e->basis, e->request_id};
    int lost = 0;
    for (int i = 0; i < 9; i++) {
        p->strings[i] = dup_or_null(src[i]);
        lost |= src[i] && !p->strings[i];
    }
    p->e = (struct audit_entry){p->strings[0], p->strings[1], p->strings[2], p->strings[3],
                                p->strings[4], p->strings[5], p->strings[6], p->strings[7], p->strings[8],
                                NULL, 0};
    /* A field lost to a failed copy would store an entry that names no one
     * (or no reader): make it unwritable instead, as copy_people does. */
    if (lost) {
        p->e.resource_type = NULL;
        return;
    }
    if (e->n_people > 0)
        copy_people(p, e);
}

/* Under the lock: each entry on its chain's lane. */
static void enqueue(struct audit_writer *w, struct pending *ps, int n)
{
    for (int i = 0; i < n; i++) {
        struct lane *l = &w->lanes[audit_chain_for(&ps[i].e, w->chains) - 1];
        if (l->tail)
            l->tail->next = &ps[i];
        else
            l->head = &ps[i];
        l->tail = &ps[i];
        pthread_cond_signal(&l->work);
    }
}

/* Queues the entries for the thread's deferral and returns at once. */
static int record_deferred(struct audit_writer *w, struct audit_deferral *d, const struct audit_entry *e, int n)
{
    struct block *b = calloc(1, sizeof *b + (size_t)n * sizeof b->ps[0]);
    if (!b)
        return -1;
    b->d = d;
    b->left = b->n = n;
    for (int i = 0; i < n; i++) {
        pending_init(&b->ps[i], &e[i]);
        b->ps[i].blk = b;
    }
    pthread_mutex_lock(&w->lock);
    if (w->stopping || w->no_defer) {
        pthread_mutex_unlock(&w->lock);
        for (int i = 0; i < n; i++)
            pending_free_strings(&b->ps[i]);
        free(b);
        return 1;   /* not taken: record blocking */
    }
    d->outstanding += n;
    enqueue(w, b->ps, n);
    pthread_mutex_unlock(&w->lock);
    return 0;
}

int audit_writer_record_many(struct audit_writer *w, const struct audit_entry *e, int n)
{
    if (n <= 0)
        return 0;
    if (tl_defer) {
        int rc = record_deferred(w, tl_defer, e, n);
        if (rc <= 0)
            return rc;
    }
    struct pending *ps = calloc((size_t)n, sizeof *ps);
    if (!ps)
        return -1;
    for (int i = 0; i < n; i++)
        pending_init(&ps[i], &e[i]);
    int failed = 0;
    pthread_mutex_lock(&w->lock);
    if (w->stopping) {
        failed = 1;
    } else {
        enqueue(w, ps, n);
        for (int i = 0; i < n; i++) {
            while (ps[i].done == 0)
                pthread_cond_wait(&w->finished, &w->lock);
            failed |= ps[i].done != 1;
        }
    }
    pthread_mutex_unlock(&w->lock);
    for (int i = 0; i < n; i++)
        pending_free_strings(&ps[i]);
    free(ps);
    return failed ? -1 : 0;
}

int audit_writer_record(struct audit_writer *w, const struct audit_entry *e)
{
    return audit_writer_record_many(w, e, 1);
}

int audit_writer_when_durable(struct audit_writer *w, struct audit_deferral *d, void (*suspend)(void *arg),
                              void (*resume)(void *arg), void *arg)
{
    pthread_mutex_lock(&w->lock);
    while (w->no_defer && d->outstanding > 0)   /* shutting down: nothing may stay suspended */
        pthread_cond_wait(&w->finished, &w->lock);
    int waiting = d->outstanding > 0;
    if (waiting) {
        suspend(arg);
        d->resume = resume;
        d->arg = arg;
        w->deferrals_waiting++;
    }
    pthread_mutex_unlock(&w->lock);
    return waiting;
}

void audit_writer_end_deferrals(struct audit_writer *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->no_defer = 1;
    while (w->deferrals_waiting > 0)
        pthread_cond_wait(&w->finished, &w->lock);
    pthread_mutex_unlock(&w->lock);
}

void audit_writer_stop(struct audit_writer *w)
{
    if (!w)
        return;
    lanes_stop(w);
    indexer_stop(w);   /* after the lanes: it leaves the index caught up */
    lanes_close(w);
    pthread_cond_destroy(&w->ix.work);
    pthread_mutex_destroy(&w->lock);
    pthread_cond_destroy(&w->finished);
    free(w);
}
