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
};

struct conn {
    struct mllp_listener *l;
    int fd, slot;
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

/* One message in, one ACK out. */
static int answer(struct conn *k, struct store *db, const char *msg, size_t len, int too_big)
{
    static const char big[] = "MSH|^~\\&|SEAMLESS|SEAMLESS|||||ACK|0|P|2.5\rMSA|AR|\r"
                              "ERR||^1|207^Application internal error^HL70357|E||||the message is too long\r";
    char ack[DISCHARGE_ACK_MAX], framed[DISCHARGE_ACK_MAX + 3];
    size_t ack_len = 0;
    if (too_big || !db) {
        ack_len = sizeof big - 1;
        memcpy(ack, big, ack_len);
    } else {
        struct arena a;
        arena_init(&a);
        struct svc_ctx c;
        svc_ctx_system(&c, db, &a, "mllp");
        c.org_id = k->l->org_id;
        c.audit = k->l->audit;
        int rc = svc_discharge_intake(&c, "mllp", msg, len, ack, &ack_len);
        if (rc != SVC_OK)
            fprintf(stderr, "seamless: mllp intake failed: %s\n", c.err.message);
        arena_free(&a);
    }
    size_t n = mllp_wrap(ack, ack_len, framed, sizeof framed);
    return n ? write_all(k->fd, framed, n) : -1;
}

static void *serve_conn(void *arg)
{
    struct conn *k = arg;
    struct store_error err = {0};
    struct store *db = store_open(k->l->db_url, &err);
    if (!db)
        fprintf(stderr, "seamless: mllp: cannot open the database: %s\n", err.message);
    char *frame = malloc(HL7_MAX_MESSAGE);
    char in[16384];
    struct mllp_decoder d;
    mllp_init(&d, frame, HL7_MAX_MESSAGE);
    for (int alive = frame != NULL; alive;) {
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
                alive = answer(k, db, d.buf, d.len, st == MLLP_TOO_BIG) == 0;
                mllp_next(&d);
            }
        }
    }
    free(frame);
    store_close(db);
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
            *k = (struct conn){l, fd, slot};
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
    if (pthread_create(&l->thread, NULL, accept_loop, l) != 0) {
        snprintf(why, why_len, "cannot start the MLLP thread");
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
    pthread_mutex_destroy(&l->mu);
    pthread_cond_destroy(&l->idle);
    free(l);
}
