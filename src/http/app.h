/* app: process-wide state of a running server, shared read-only by every
 * worker thread after start (the pool and the audit writer are themselves
 * thread-safe). */
#ifndef SEAMLESS_APP_H
#define SEAMLESS_APP_H
#include <stddef.h>
#include "store/store.h"
#include "audit/audit.h"
#include "audit/checkpoint.h"

struct route;
struct app_worker;

struct app_config {
    const struct route *routes;          /* the table to serve (api/routes.h), NULL-terminated */
    const struct app_worker *workers;    /* started beside the request threads, NULL-terminated */
    const char *db_url;
    const char *listen;          /* "127.0.0.1:8080" */
    unsigned threads;            /* worker threads (default 8) */
    size_t max_body;             /* bytes (default 1 MiB) */
    int secure_cookies;          /* served behind TLS: __Host- cookies with Secure */
    int session_idle_seconds;    /* default 30 min */
    int session_absolute_seconds;/* default 12 h */
    int quiet;                   /* no access log */
    int relationship_grace_days; /* a closed caseload still counts this long (default 28) */
    int break_glass_minutes;     /* how long a break-glass grant lasts (default 60) */
    int routine_response_days;   /* routine referral response standard, working days (default 10) */
    int trusted_assessment_days; /* an attached trusted assessment stands this many days (default 7) */
    const char *checkpoints;     /* append-only file of signed audit checkpoints, or NULL */
    const char *signing_key;     /* Ed25519 secret key file for the checkpoints */
    int checkpoint_seconds;      /* how often (default 60) */
    unsigned max_connections;    /* open connections in all (default 1000) */
    unsigned max_per_address;    /* from one client address (default 64; 0 = no limit, behind a proxy) */
    int header_seconds;          /* to send a complete request head (default 10) */
    const char *mllp_listen;     /* HL7 v2 MLLP intake address, or NULL (mllp/listener.h) */
    const char *mllp_org;        /* the trust whose messages arrive there (its org code) */
    const char *export_dir;      /* FHIR $export files (default: beside the SQLite file, or ./seamless-exports) */
    const char *public_url;      /* the origin clients reach (e.g. https://care.example.org, no trailing /):
                                  * FHIR's base for links; NULL: http://<Host header> */
};

struct app {
    struct app_config cfg;
    struct store_pool *pool;
    struct audit_writer *audit;
    struct checkpointer *checkpoints;   /* NULL when not configured */
    const char *session_cookie;  /* "__Host-seamless" or "seamless_session" */
    const char *login_cookie;    /* pre-login CSRF cookie */
};

/* Background work a server runs beside the request threads (the FHIR
 * export worker): started after the listener, stopped before it closes.
 * The table ends with a NULL name (app_config.workers, like the routes). */
struct app_worker {
    const char *name;
    int (*start)(struct app *app);   /* 0, or the server does not start */
    void (*stop)(void);              /* returns once the work has stopped */
};

void app_config_defaults(struct app_config *cfg);
/* Runs the server until SIGTERM or SIGINT; 0 after a clean shutdown. */
int server_run(const struct app_config *cfg);

#endif
