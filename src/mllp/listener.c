/* mllp/listener: see listener.h. */
#include "mllp/listener.h"
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "hl7/hl7v2.h"
#include "hl7/mllp.h"
#include "svc/discharge.h"
#include "util/arena.h"
#include "util/net.h"

/* A message waiting for the writer (see "group commit" below). */
struct pending {
    struct intake_job job;
    int done, wake;
    pthread_cond_t *stored;   /* its connection's: signalled by the writer when wake is set */
    struct pending *qnext;    /* the writer's queue */
    struct pending *next;     /* its connection's round */
    char body[];              /* the message (a copy: the frame buffer is reused) */
};

/* Messages taken into one transaction at most. */
#define MLLP_BATCH_MAX 256
/* Messages one connection may have waiting at once (an engine that sends
 * without waiting for each ACK): more wait in the socket until these are
 * answered. */
#define MLLP_CONN_WINDOW 64

struct mllp_listener {
    int fd;
    pthread_t thread;
    char db_url[1024];
    char org_id[STORE_ID_LEN];
    struct audit_writer *audit;
    pthread_mutex_t mu;
    pthread_cond_t idle;
    int conns[MLLP_MAX_CONNECTIONS];   /* -1: free slot */
    int active, stopping;
    /* Group commit: connections queue their messages; one writer thread
     * takes what is waiting (up to MLLP_BATCH_MAX), stores it in one
     * transaction — one fsync — and wakes each connection to send its ACK
     * only after the commit. */
    pthread_t writer;
    pthread_mutex_t qmu;
    pthread_cond_t work;
    struct pending *head, *tail;
    int qstop;
};

struct conn {
    struct mllp_listener *l;
    int fd, slot;
    pthread_cond_t stored;
    struct pending *first, *last;   /* this round's messages, in order of arrival */
    int n;
    char *out;                      /* their framed ACKs, sent with one write */
};

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* The writer: batches of waiting messages, each batch one transaction. */
static void *write_loop(void *arg)
{
    struct mllp_listener *l = arg;
    static const char unstored[] = "MSH|^~\\&|SEAMLESS|SEAMLESS|||||ACK|0|P|2.5\rMSA|AE|\r"
                                   "ERR||^1|207^Application internal error^HL70357|E||||"
                                   "the message could not be stored; send it again\r";
    struct store_error err = {0};
    struct store *db = store_open(l->db_url, &err);
    if (!db)
        fprintf(stderr, "seamless: mllp: cannot open the database: %s\n", err.message);
    /* A writer that never stops: keeping more pages (the message and audit
     * indexes, the stays) in memory spares a read from the OS per page. */
    if (db && store_bulk_cache(db, 64, &err) != 0)
        fprintf(stderr, "seamless: mllp: %s\n", err.message);
    struct intake_job *batch = calloc(MLLP_BATCH_MAX, sizeof *batch);
    struct pending *taken[MLLP_BATCH_MAX];
    pthread_mutex_lock(&l->qmu);
    for (;;) {
        while (!l->head && !l->qstop)
            pthread_cond_wait(&l->work, &l->qmu);
        if (!l->head)
            break;
        size_t n = 0;
        while (l->head && n < MLLP_BATCH_MAX) {
            taken[n++] = l->head;
            l->head = l->head->qnext;
        }
        if (!l->head)
            l->tail = NULL;
        pthread_mutex_unlock(&l->qmu);
        for (size_t i = 0; i < n; i++)
            batch[i] = taken[i]->job;
        int rc = SVC_FAILED;
        if (db && batch) {
            struct arena a;
            arena_init(&a);
            struct svc_ctx c;
            svc_ctx_system(&c, db, &a, "mllp");
            c.org_id = l->org_id;
            c.audit = l->audit;
            rc = svc_discharge_intake_batch(&c, batch, n);
            if (rc != SVC_OK)
                fprintf(stderr, "seamless: mllp intake failed: %s\n", c.err.message);
            arena_free(&a);
        }
        pthread_mutex_lock(&l->qmu);
        for (size_t i = 0; i < n; i++) {
            if (db && batch) {
                taken[i]->job = batch[i];
            } else {
                taken[i]->job.ack_len = sizeof unstored - 1;
                memcpy(taken[i]->job.ack, unstored, sizeof unstored - 1);
            }
            taken[i]->done = 1;
            if (taken[i]->wake)
                pthread_cond_signal(taken[i]->stored);   /* wakes its connection only */
        }
    }
    pthread_mutex_unlock(&l->qmu);
    free(batch);
    store_close(db);
    return NULL;
}

/* A message of this round, in order: a frame for the writer, or one
 * answered at once (too big to store). */
static int take(struct conn *k, const char *msg, size_t len, int too_big)
{
    static const char big[] = "MSH|^~\\&|SEAMLESS|SEAMLESS|||||ACK|0|P|2.5\rMSA|AR|\r"
                              "ERR||^1|207^Application internal error^HL70357|E||||the message is too long\r";
    struct pending *p = malloc(sizeof *p + (too_big ? 0 : len));
    if (!p)
        return -1;
    memset(p, 0, sizeof *p);
    if (too_big) {
        p->done = 1;
        p->job.ack_len = sizeof big - 1;
        memcpy(p->job.ack, big, sizeof big - 1);
    } else {
        memcpy(p->body, msg, len);
        p->job.via = "mllp";
        p->job.body = p->body;
        p->job.len = len;
        p->stored = &k->stored;
    }
    if (k->last)
        k->last->next = p;
    else
        k->first = p;
    k->last = p;
    k->n++;
    return 0;
}

/* The round's messages to the writer at once; then, once it has made them
 * durable, their ACKs in order with one write. */
static int answer_round(struct conn *k)
{
    struct mllp_listener *l = k->l;
    struct pending *wait = NULL;
    pthread_mutex_lock(&l->qmu);
    for (struct pending *p = k->first; p; p = p->next) {
        if (p->done)
            continue;
        if (l->tail)
            l->tail->qnext = p;
        else
            l->head = p;
        l->tail = p;
        wait = p;
    }
    if (wait) {
        pthread_cond_signal(&l->work);
        wait->wake = 1;   /* the writer stores in order: the last done, all are */
        while (!wait->done)
            pthread_cond_wait(&k->stored, &l->qmu);
    }
    pthread_mutex_unlock(&l->qmu);
    size_t n = 0;
    int rc = 0;
    for (struct pending *p = k->first, *q; p; p = q) {
        q = p->next;
        size_t w = mllp_wrap(p->job.ack, p->job.ack_len, k->out + n, (DISCHARGE_ACK_MAX + 3) * MLLP_CONN_WINDOW - n);
        rc |= w ? 0 : -1;
        n += w;
        free(p);
    }
    k->first = k->last = NULL;
    k->n = 0;
    return rc == 0 && n ? write_all(k->fd, k->out, n) : rc;
}

static void *serve_conn(void *arg)
{
    struct conn *k = arg;
    char *frame = malloc(HL7_MAX_MESSAGE);
    char in[16384];
    struct mllp_decoder d;
    mllp_init(&d, frame, HL7_MAX_MESSAGE);
    pthread_cond_init(&k->stored, NULL);
    k->out = malloc((DISCHARGE_ACK_MAX + 3) * MLLP_CONN_WINDOW);
    /* Each round: what one read brought (up to MLLP_CONN_WINDOW messages)
     * goes to the writer together, and is answered before reading on. */
    for (int alive = frame && k->out; alive;) {
        ssize_t n = recv(k->fd, in, sizeof in, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        size_t off = 0;
        while (alive && off < (size_t)n) {
            size_t used;
            enum mllp_status st = mllp_feed(&d, in + off, (size_t)n - off, &used);
            off += used;
            if (st != MLLP_NEED_MORE) {
                alive = take(k, d.buf, d.len, st == MLLP_TOO_BIG) == 0;
                mllp_next(&d);
            }
            if (k->n == MLLP_CONN_WINDOW || (k->n > 0 && off == (size_t)n))
                alive = answer_round(k) == 0 && alive;
        }
    }
    if (k->n > 0)
        answer_round(k);   /* taken before the connection failed: still stored, so still answered */
    pthread_cond_destroy(&k->stored);
    free(k->out);
    free(frame);
    close(k->fd);
    pthread_mutex_lock(&k->l->mu);
    k->l->conns[k->slot] = -1;
    if (--k->l->active == 0)
        pthread_cond_broadcast(&k->l->idle);
    pthread_mutex_unlock(&k->l->mu);
    free(k);
    return NULL;
}

static void *accept_loop(void *arg)
{
    struct mllp_listener *l = arg;
    for (;;) {
        int fd = accept(l->fd, NULL, NULL);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            break;   /* the socket was shut down: stopping */
        }
        pthread_mutex_lock(&l->mu);
        int slot = -1;
        for (int i = 0; i < MLLP_MAX_CONNECTIONS && !l->stopping; i++)
            if (l->conns[i] < 0) {
                slot = i;
                break;
            }
        struct conn *k = slot >= 0 ? malloc(sizeof *k) : NULL;
        pthread_t t;
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        if (k) {
            *k = (struct conn){.l = l, .fd = fd, .slot = slot};
            l->conns[slot] = fd;
            l->active++;
            if (pthread_create(&t, &attr, serve_conn, k) != 0) {
                l->conns[slot] = -1;
                l->active--;
                free(k);
                k = NULL;
            }
        }
        pthread_attr_destroy(&attr);
        pthread_mutex_unlock(&l->mu);
        if (!k)
            close(fd);
    }
    return NULL;
}

/* The trust's id, through the service (an adapter never reads the store). */
static int resolve_org(struct mllp_listener *l, const char *code, char *why, size_t why_len)
{
    struct store_error err = {0};
    struct store *db = store_open(l->db_url, &err);
    if (!db) {
        snprintf(why, why_len, "cannot open the database: %s", err.message);
        return -1;
    }
    struct arena a;
    arena_init(&a);
    struct svc_ctx c;
    svc_ctx_system(&c, db, &a, "mllp-start");
    int rc = svc_discharge_feed_org(&c, code, l->org_id);
    arena_free(&a);
    store_close(db);
    if (rc != SVC_OK)
        snprintf(why, why_len, "--mllp-org %s is not an acute or community trust in this database", code);
    return rc == SVC_OK ? 0 : -1;
}

struct mllp_listener *mllp_listener_start(const char *addr, const char *org_code, const char *db_url,
                                          struct audit_writer *audit, char bound[64], char *why, size_t why_len)
{
    struct sockaddr_in sa;
    if (net_parse_ipv4(addr, &sa) != 0) {
        snprintf(why, why_len, "--mllp-listen must look like 127.0.0.1:2575");
        return NULL;
    }
    struct mllp_listener *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    snprintf(l->db_url, sizeof l->db_url, "%s", db_url);
    l->audit = audit;
    for (int i = 0; i < MLLP_MAX_CONNECTIONS; i++)
        l->conns[i] = -1;
    if (resolve_org(l, org_code, why, why_len) != 0) {
        free(l);
        return NULL;
    }
    int one = 1;
    socklen_t len = sizeof sa;
    l->fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (l->fd < 0 || setsockopt(l->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        bind(l->fd, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(l->fd, 64) != 0 ||
        getsockname(l->fd, (struct sockaddr *)&sa, &len) != 0) {
        snprintf(why, why_len, "cannot listen on %s: %s", addr, strerror(errno));
        if (l->fd >= 0)
            close(l->fd);
        free(l);
        return NULL;
    }
    char host[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &sa.sin_addr, host, sizeof host);
    snprintf(bound, 64, "%s:%u", host, ntohs(sa.sin_port));
    pthread_mutex_init(&l->mu, NULL);
    pthread_cond_init(&l->idle, NULL);
    pthread_mutex_init(&l->qmu, NULL);
    pthread_cond_init(&l->work, NULL);
    if (pthread_create(&l->writer, NULL, write_loop, l) != 0) {
        snprintf(why, why_len, "cannot start the MLLP writer thread");
        close(l->fd);
        free(l);
        return NULL;
    }
    if (pthread_create(&l->thread, NULL, accept_loop, l) != 0) {
        snprintf(why, why_len, "cannot start the MLLP thread");
        pthread_mutex_lock(&l->qmu);
        l->qstop = 1;
        pthread_cond_signal(&l->work);
        pthread_mutex_unlock(&l->qmu);
        pthread_join(l->writer, NULL);
        close(l->fd);
        free(l);
        return NULL;
    }
    return l;
}

void mllp_listener_stop(struct mllp_listener *l)
{
    if (!l)
        return;
    shutdown(l->fd, SHUT_RDWR);
    pthread_join(l->thread, NULL);
    close(l->fd);
    pthread_mutex_lock(&l->mu);
    l->stopping = 1;
    for (int i = 0; i < MLLP_MAX_CONNECTIONS; i++)
        if (l->conns[i] >= 0)
            shutdown(l->conns[i], SHUT_RDWR);
    while (l->active > 0)
        pthread_cond_wait(&l->idle, &l->mu);
    pthread_mutex_unlock(&l->mu);
    pthread_mutex_lock(&l->qmu);   /* every connection is gone: the writer may stop */
    l->qstop = 1;
    pthread_cond_signal(&l->work);
    pthread_mutex_unlock(&l->qmu);
    pthread_join(l->writer, NULL);
    pthread_mutex_destroy(&l->mu);
    pthread_cond_destroy(&l->idle);
    pthread_mutex_destroy(&l->qmu);
    pthread_cond_destroy(&l->work);
    free(l);
}
