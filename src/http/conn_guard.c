#include "http/conn_guard.h"
#include "util/clock.h"
#include <pthread.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

struct tracked {
    MHD_socket fd;
    double deadline_ms;        /* the request head must be complete by then; < 0 while a request runs */
    pthread_t owner;           /* the libmicrohttpd worker that accepted it and reads it */
    int shut;
    struct tracked *prev, *next;
};

struct conn_guard {
    int header_ms, idle_ms, stopping;
    struct tracked *all;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_t thread;
};

static struct conn_guard *the_guard;   /* the hooks without a cls reach it here (one server a process) */

enum { MAX_BUSY = 256, HELD_UP_GRACE_MS = 2000 };

/* The workers now running a request (their connection's deadline is < 0). Called with the lock held. */
static size_t busy_workers(const struct conn_guard *g, pthread_t *busy)
{
    size_t n = 0;
    for (const struct tracked *t = g->all; t && n < MAX_BUSY; t = t->next)
        if (t->deadline_ms < 0)
            busy[n++] = t->owner;
    return n;
}

static int held_up(const struct tracked *t, const pthread_t *busy, size_t nbusy)
{
    for (size_t i = 0; i < nbusy; i++)
        if (pthread_equal(busy[i], t->owner))
            return 1;
    return 0;
}
   /* the hooks without a cls reach it here (one server a process) */

static void *sweeper(void *arg)
{
    struct conn_guard *g = arg;
    pthread_mutex_lock(&g->lock);
    while (!g->stopping) {
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until);   /* the cond waits on the monotonic clock */
        until.tv_nsec += 250 * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&g->wake, &g->lock, &until);
        double now = clock_monotonic_ms();
        pthread_t busy[MAX_BUSY];
        size_t nbusy = busy_workers(g, busy);
        for (struct tracked *t = g->all; t; t = t->next) {
            if (t->shut || t->deadline_ms < 0 || now <= t->deadline_ms)
                continue;
            if (held_up(t, busy, nbusy)) {
                /* Its worker is running another request (e.g. waiting on the database): the
                 * head may be sitting unread in the socket. Not the client's fault — give it
                 * a grace period from when the worker could next read it. */
                t->deadline_ms = now + HELD_UP_GRACE_MS;
                continue;
            }
            shutdown(t->fd, SHUT_RDWR);
            t->shut = 1;
        }
    }
    pthread_mutex_unlock(&g->lock);
    return NULL;
}

struct conn_guard *conn_guard_start(int header_seconds, int idle_seconds)
{
    struct conn_guard *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->header_ms = header_seconds * 1000;
    g->idle_ms = idle_seconds * 1000;
    pthread_mutex_init(&g->lock, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&g->wake, &ca);
    pthread_condattr_destroy(&ca);
    if (pthread_create(&g->thread, NULL, sweeper, g) != 0) {
        free(g);
        return NULL;
    }
    the_guard = g;
    return g;
}

void conn_guard_stop(struct conn_guard *g)
{
    if (!g)
        return;
    pthread_mutex_lock(&g->lock);
    g->stopping = 1;
    pthread_cond_signal(&g->wake);
    pthread_mutex_unlock(&g->lock);
    pthread_join(g->thread, NULL);
    while (g->all) {
        struct tracked *t = g->all;
        g->all = t->next;
        free(t);
    }
    the_guard = NULL;
    free(g);
}

void conn_guard_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
                       enum MHD_ConnectionNotificationCode toe)
{
    struct conn_guard *g = cls;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        struct tracked *t = ci ? calloc(1, sizeof *t) : NULL;
        *socket_context = t;
        if (!t)
            return;
        t->fd = ci->connect_fd;
        t->owner = pthread_self();   /* each pool worker accepts, and then alone serves, its connections */
        t->deadline_ms = clock_monotonic_ms() + g->header_ms;
        pthread_mutex_lock(&g->lock);
        t->next = g->all;
        if (g->all)
            g->all->prev = t;
        g->all = t;
        pthread_mutex_unlock(&g->lock);
    } else if (*socket_context) {
        struct tracked *t = *socket_context;
        pthread_mutex_lock(&g->lock);
        if (t->prev)
            t->prev->next = t->next;
        else
            g->all = t->next;
        if (t->next)
            t->next->prev = t->prev;
        pthread_mutex_unlock(&g->lock);
        free(t);
        *socket_context = NULL;
    }
}

static void mark(struct MHD_Connection *conn, int idle)
{
    struct conn_guard *g = the_guard;
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    if (!g || !ci || !ci->socket_context)
        return;
    struct tracked *t = ci->socket_context;
    pthread_mutex_lock(&g->lock);
    t->deadline_ms = idle ? clock_monotonic_ms() + (g->idle_ms > g->header_ms ? g->idle_ms : g->header_ms) : -1;
    pthread_mutex_unlock(&g->lock);
}

void conn_guard_head_done(struct MHD_Connection *conn)
{
    mark(conn, 0);
}

void conn_guard_request_done(struct MHD_Connection *conn)
{
    mark(conn, 1);
}
