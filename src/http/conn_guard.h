/* conn_guard: one client cannot starve the others.
 *
 * libmicrohttpd enforces the total and per-address connection limits
 * (server.c passes them as options); what it lacks is a deadline for the
 * request head that trickled bytes do not extend (its idle timeout restarts
 * on every byte, so a "slowloris" client sending one header byte a second
 * holds a connection for ever). The guard records when each connection
 * started waiting for a request head — when it opened, or when its previous
 * response completed — and a sweeper thread shuts down (shutdown(2), so
 * libmicrohttpd sees the end and closes it) every connection whose head is
 * not complete after header_seconds. The body phase is left to the idle
 * timeout and the body size limit. A connection whose worker is busy running
 * another request (say, waiting on a slow database) is not the client's
 * fault: its head may be sitting unread in the socket, so its deadline is
 * held open until the worker is free again (plus a short grace), and the
 * request is then answered (503 if the database is still down), not closed.
 *
 * Thread-safe: the hooks are called from libmicrohttpd's threads. */
#ifndef SEAMLESS_CONN_GUARD_H
#define SEAMLESS_CONN_GUARD_H
#include <microhttpd.h>

struct conn_guard;
struct conn_guard *conn_guard_start(int header_seconds, int idle_seconds);
void conn_guard_stop(struct conn_guard *g);

/* MHD_OPTION_NOTIFY_CONNECTION callback (cls is the guard). */
void conn_guard_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
                       enum MHD_ConnectionNotificationCode toe);
/* A request head was read on conn (the first call of the request handler). */
void conn_guard_head_done(struct MHD_Connection *conn);
/* A response on conn completed: the next request head's deadline starts now. */
void conn_guard_request_done(struct MHD_Connection *conn);

#endif
