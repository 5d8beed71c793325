/* Group-commit writer for audited reads: one thread, one connection; every
 * pass commits all queued entries in one transaction and wakes their
 * requesters. */
#include "audit/audit.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BATCH 1024

struct pending {
    struct audit_entry e;
    char *strings[9];
    int done;       /* 0 waiting, 1 committed, -1 failed */
    struct pending *next;
};

struct audit_writer {
    struct store *db;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t work;      /* queue became non-empty or stopping */
    pthread_cond_t finished;  /* some batch finished */
    struct pending *head, *tail;
    int stopping;
};

static void write_batch(struct audit_writer *w, struct pending *batch, int n)
{
    struct store_error err = {0};
    struct audit_entry *entries = calloc((size_t)n, sizeof *entries);
    int i = 0;
    for (struct pending *p = batch; entries && p; p = p->next)
        entries[i++] = p->e;
    int rc = entries ? store_tx_begin(w->db, STORE_TX_WRITE, &err) : -1;
    if (rc == 0)
        rc = audit_append_many(w->db, entries, n, &err);
    free(entries);
    if (rc == 0)
        rc = store_tx_commit(w->db, &err);
    else
        store_tx_rollback(w->db);
    if (rc != 0)
        fprintf(stderr, "level=error msg=\"audit batch failed\" detail=\"%s\"\n", err.message);
    pthread_mutex_lock(&w->lock);
    for (struct pending *p = batch; p; p = p->next)
        p->done = rc == 0 ? 1 : -1;
    pthread_cond_broadcast(&w->finished);
    pthread_mutex_unlock(&w->lock);
}

static void *writer_main(void *arg)
{
    struct audit_writer *w = arg;
    pthread_mutex_lock(&w->lock);
    for (;;) {
        while (!w->head && !w->stopping)
            pthread_cond_wait(&w->work, &w->lock);
        if (!w->head && w->stopping)
            break;
        struct pending *batch = w->head, *last = batch;
        int n = 1;
        while (last->next && n < MAX_BATCH) {
            last = last->next;
            n++;
        }
        w->head = last->next;
        if (!w->head)
            w->tail = NULL;
        last->next = NULL;
        pthread_mutex_unlock(&w->lock);
        write_batch(w, batch, n);
        pthread_mutex_lock(&w->lock);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

struct audit_writer *audit_writer_start(const char *db_url, struct store_error *err)
{
    struct audit_writer *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->db = store_open(db_url, err);
    if (!w->db) {
        free(w);
        return NULL;
    }
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->work, NULL);
    pthread_cond_init(&w->finished, NULL);
    if (pthread_create(&w->thread, NULL, writer_main, w) != 0) {
        store_close(w->db);
        free(w);
        return NULL;
    }
    return w;
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

static void pending_init(struct pending *p, const struct audit_entry *e)
{
    memset(p, 0, sizeof *p);
    const char *src[9] = {e->user_id, e->org_id, e->role, e->action, e->resource_type,
                          e->resource_id, e->person_id, e->basis, e->request_id};
    for (int i = 0; i < 9; i++)
        p->strings[i] = dup_or_null(src[i]);
    p->e = (struct audit_entry){p->strings[0], p->strings[1], p->strings[2], p->strings[3],
                                p->strings[4], p->strings[5], p->strings[6], p->strings[7], p->strings[8]};
}

int audit_writer_record_many(struct audit_writer *w, const struct audit_entry *e, int n)
{
    if (n <= 0)
        return 0;
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
        for (int i = 0; i < n; i++) {
            if (w->tail)
                w->tail->next = &ps[i];
            else
                w->head = &ps[i];
            w->tail = &ps[i];
        }
        pthread_cond_signal(&w->work);
        for (int i = 0; i < n; i++) {
            while (ps[i].done == 0)
                pthread_cond_wait(&w->finished, &w->lock);
            failed |= ps[i].done != 1;
        }
    }
    pthread_mutex_unlock(&w->lock);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < 9; j++)
            free(ps[i].strings[j]);
    free(ps);
    return failed ? -1 : 0;
}

int audit_writer_record(struct audit_writer *w, const struct audit_entry *e)
{
    return audit_writer_record_many(w, e, 1);
}

void audit_writer_stop(struct audit_writer *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->stopping = 1;
    pthread_cond_signal(&w->work);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    store_close(w->db);
    pthread_mutex_destroy(&w->lock);
    pthread_cond_destroy(&w->work);
    pthread_cond_destroy(&w->finished);
    free(w);
}
