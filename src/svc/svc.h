/* svc: the service layer — the only way to personal data, and HTTP-free.
 *
 * A service is a function `int svc_<resource>_<verb>(struct svc_ctx *c, …)`
 * that checks access, applies the domain rules, writes in one transaction
 * with its audit entry, and returns an outcome from result.h (SVC_OK,
 * SVC_INVALID with field errors, SVC_NOTFOUND …). Every way in — the JSON
 * API, the pages, the CLI, the demo, later FHIR and HL7 — builds a context
 * and calls the same service, so access checks and audit cannot be skipped.
 * Services include domain, store, audit, util and svc headers only; never
 * http, web or the HTTP library (scripts/check-layers fails the build).
 *
 * The context (struct svc_ctx) holds:
 *   - the principal: user id (NULL for the system: CLI, demo), organisation,
 *     its type, role, profession; their teams on demand (svc_teams);
 *   - "now" for the whole call (svc_now/svc_today, from util/clock via
 *     store_now, so a test clock moves it);
 *   - the store connection and the audit writer for audited reads (NULL:
 *     each read is appended in a transaction of its own, as the CLI does);
 *   - the request arena: scratch memory and owned JSON values (svc_own),
 *     all released when the request ends — no free ladders;
 *   - the outcome of a failed call: field errors (svc_field_error), a title
 *     and detail safe to show people (svc_refuse), the person refused (for a
 *     break-glass link), and the store error for the log (never shown).
 *
 * Writing (see docs/internals/services.md):
 *
 *   if (svc_has_errors(c)) return SVC_INVALID;          // after validating
 *   int rc = svc_tx_begin(c);
 *   if (rc == 0) rc = store_thing_insert(c->db, …, &c->err);
 *   if (rc == 0) rc = svc_tx_audit(c, "create", "thing", id, person_id, basis);
 *   return svc_tx_end(c, rc);                             // commit or roll back
 *
 * svc_tx_end takes 0 (commit), a store code (< 0: roll back and map it) or
 * an svc_result (> 0: roll back and return it), so one line ends every
 * write. Reading personal data: svc_person_access (access.h) then
 * svc_audit_read before the data leaves the service. */
#ifndef SEAMLESS_SVC_H
#define SEAMLESS_SVC_H
#include <jansson.h>
#include "audit/audit.h"
#include "domain/dates.h"
#include "store/accounts.h"
#include "store/store.h"
#include "svc/result.h"
#include "util/arena.h"

/* Settings that shape access and deadlines (from the server's config). */
struct svc_policy {
    int relationship_grace_days;   /* a closed caseload still counts this long; 0 → 28 */
    int break_glass_minutes;       /* 0 → 60 */
    int routine_response_days;     /* 0 → 10 working days */
    int trusted_assessment_days;   /* 0 → 7 (domain/referral.h TRUSTED_ASSESSMENT_DAYS_DEFAULT) */
};

struct svc_ctx {
    struct store *db;
    const char *user_id;          /* NULL: the system (audited with basis "system") */
    const char *username;         /* the user's sign-in name (a password re-check), or NULL */
    const char *display_name;     /* the user's name as shown on records they sign, or NULL */
    const char *org_id;
    const char *role;
    const char *request_id;
    const char *org_type;
    const char *profession;
    struct audit_writer *audit;   /* group-commit writer for reads, or NULL */
    struct arena *arena;          /* the request's; required by svc_own and friends */
    struct svc_policy policy;
    char now[STORE_TIME_LEN];     /* fixed on first use (svc_now) */
    json_t *teams;                /* svc_teams, loaded once, owned by the arena */
    /* The outcome of the last refusal (see svc_refuse / svc_field_error). */
    json_t *errors;               /* [{field, message}], owned by the arena */
    const char *title, *detail;   /* safe to show; NULL → the table's */
    const char *person_id;        /* refused access to this person */
    long long current_version;    /* SVC_STALE from svc_version_check: the stored version */
    json_t *extra;                /* members an adapter adds to the refusal (e.g. existing_id), arena-owned */
    struct store_error err;       /* for the log only */
    int tx_joined;                /* svc_tx_begin found the caller's transaction open */
    int refusal_audited;          /* a refusal of this request was audited here (the server adds none) */
};

/* A context for the system (CLI, demo, tests): no user, role "system". */
void svc_ctx_system(struct svc_ctx *c, struct store *db, struct arena *a, const char *request_id);

/* "Now" as RFC 3339 UTC (STORE_TIME_LEN) and today's date, fixed for the
 * context's life on first use. */
const char *svc_now(struct svc_ctx *c);
struct date svc_today(struct svc_ctx *c);
/* The date days from today as "YYYY-MM-DD" in the arena. */
const char *svc_date_offset(struct svc_ctx *c, int days);
/* A report's [from, to] from the query ("YYYY-MM-DD" each; when absent,
 * back_days before today, and today) into *df and *dt: a field error in c
 * for "from" or "to" when it is not a date, or for "to" before "from". */
void svc_date_range(struct svc_ctx *c, const char *from, const char *to, int back_days, struct date *df,
                    struct date *dt);

/* Who makes a change, and when (for the store's created_by/updated_at). */
struct actor svc_actor(struct svc_ctx *c);

/* Hands v to the request (decref'd when it ends) and returns it. */
json_t *svc_own(struct svc_ctx *c, json_t *v);

/* 1 when the principal's role is role. */
int svc_role_is(const struct svc_ctx *c, const char *role);
/* The user's teams: array of {id, code, name} (owned by the context), or
 * NULL with SVC_FAILED's error in c->err. The system has none. */
json_t *svc_teams(struct svc_ctx *c);

/* ---- outcomes ---- */

/* A context carries the outcome of what it was used for (field errors
 * accumulate: an adapter's decoding errors and the service's own are
 * reported together). Clears it before an unrelated call. */
void svc_reset(struct svc_ctx *c);

/* Adds {field, message} to c->errors. */
void svc_field_error(struct svc_ctx *c, const char *field, const char *message);
int svc_has_errors(const struct svc_ctx *c);
/* c->errors, created empty on first use: for the decoders (svc/input.h). */
json_t *svc_errors(struct svc_ctx *c);
/* Adds to a caller's errors array (decoders that fill an array of their own). */
void svc_error_add(json_t *errors, const char *field, const char *message);
/* Records why and returns code: title/detail NULL keep the table's. Both
 * must be safe to show (no ids, SQL or internals) and live as long as c. */
int svc_refuse(struct svc_ctx *c, int code, const char *title, const char *detail);
/* SVC_NOTFOUND with "No such <what>." */
int svc_not_found(struct svc_ctx *c, const char *what);
/* A failed store call (rc < 0, c->err filled): STORE_ENOTFOUND →
 * svc_not_found(what), STORE_ECONSTRAINT → SVC_CONFLICT, else SVC_FAILED
 * (logged with the request id). */
int svc_store_fail(struct svc_ctx *c, int rc, const char *what);
/* Logs c->err and returns SVC_FAILED. */
int svc_failed(struct svc_ctx *c, const char *what);

/* ---- writes ---- */

/* The version a change was made against, as the caller sent it: the text
 * of an If-Match (W/"3", "3", 3 or *; NULL when absent) and/or the body's
 * "version" member (integer or such text; NULL when absent). */
struct svc_expect {
    const char *if_match;
    json_t *version;
};
/* SVC_OK when e matches current; SVC_PRECONDITION (If-Match differs);
 * SVC_INVALID naming "version" (neither given, or not a whole number);
 * SVC_STALE with c->current_version set (the body's version differs). */
int svc_version_check(struct svc_ctx *c, const struct svc_expect *e, long long current);

/* Opens the write transaction: 0, or SVC_FAILED (logged). Called inside
 * a transaction the caller holds (the demo loads a county in one), the
 * service joins it: nothing commits until the caller does, and on failure
 * the caller rolls the whole of it back. */
int svc_tx_begin(struct svc_ctx *c);
/* Appends the audit entry in the open transaction (store code). basis NULL:
 * "admin" for a user, "system" for the system. */
int svc_tx_audit(struct svc_ctx *c, const char *action, const char *rtype, const char *rid,
                 const char *person_id, const char *basis);
/* The same for one entry about many people (audit.h, "People"): e.g. an
 * export that releases each of them. basis NULL: "admin" or "system". */
int svc_tx_audit_people(struct svc_ctx *c, const char *action, const char *rtype, const char *rid,
                        const struct audit_person *people, int n, const char *basis);
/* Ends the transaction: rc 0 commits (SVC_OK, or SVC_FAILED when the
 * commit fails); rc > 0 is a result (rolled back, returned); rc < 0 is a
 * store code (rolled back): STORE_ENOTFOUND → SVC_STALE (a version-checked
 * write that matched no row), STORE_ECONSTRAINT → SVC_CONFLICT, else
 * SVC_FAILED (logged). */
int svc_tx_end(struct svc_ctx *c, int rc);

/* Legacy form of svc_tx_audit for handlers not yet moved to services. */
int svc_audit(const struct svc_ctx *c, const char *action, const char *rtype, const char *rid,
              const char *person_id, const char *basis, struct store_error *err);

/* ---- audited reads ---- */

/* Audits a read before the data is released: through the writer when the
 * context has one (group commit), else in a transaction of its own.
 * SVC_OK, or SVC_FAILED: then release nothing. */
int svc_audit_read(struct svc_ctx *c, const char *rtype, const char *rid, const char *person_id,
                   const char *basis);
/* One entry for a list: its people are the items' id_key members (items
 * without one add no person), each released on basis, or when basis is
 * NULL on the item's own "basis" member (audit.h, "People"). Nothing is
 * written for an empty list. */
int svc_audit_read_items(struct svc_ctx *c, const char *rtype, json_t *items, const char *id_key,
                         const char *basis);
/* The same for a list of person ids (n of them), each released on basis. */
int svc_audit_read_people(struct svc_ctx *c, const char *rtype, const char *const *ids, size_t n, const char *basis);
/* Entries recorded between audit_defer_begin(d) and audit_defer_end() on
 * this thread are queued, not waited for (audit.h, "Deferred release"):
 * this waits until all of them are durable. SVC_OK, or SVC_FAILED when one
 * could not be written (then release nothing they cover). Without a
 * writer the entries were written at once, and this returns at once. */
struct audit_deferral;
int svc_audit_settled(struct svc_ctx *c, struct audit_deferral *d);
/* The same with another action (e.g. "search": a person found to identify). */
int svc_audit_items(struct svc_ctx *c, const char *action, const char *rtype, json_t *items, const char *id_key,
                    const char *basis);

#endif
