/* fhir_export: FHIR Bulk Data $export jobs as services. The adapter
 * (src/fhir/export.c) starts, polls and cancels a job for its requester;
 * the export worker (src/fhir/export_worker.c, a thread of its own, never
 * a request's) claims queued jobs and pages through the people the
 * requester may see with svc_export_page.
 *
 * Who: a job is its requester's — another user's job is SVC_NOTFOUND.
 * A Group export is of a team's open caseload, for a member of the team.
 * Only people with a legitimate relationship are exported (break-glass is
 * for one record in an emergency, never for a bulk export); each person
 * exported is audited ("read", basis relationship) before the worker
 * writes them, and the job's start and end are audited too.
 *
 * Outcomes: SVC_OK; SVC_INVALID (field errors); SVC_NOTFOUND;
 * SVC_FORBIDDEN (not a member of the group's team); SVC_FAILED. */
#ifndef SEAMLESS_SVC_FHIR_EXPORT_H
#define SEAMLESS_SVC_FHIR_EXPORT_H
#include "audit/audit.h"
#include "domain/person_view.h"
#include "svc/svc.h"

struct svc_export_request {
    const char *kind;      /* "system", "patient" or "group" */
    const char *group_id;  /* a team id, for "group" */
    const char *types;     /* comma-separated resource types (checked by the adapter) */
    const char *since;     /* RFC 3339 or NULL */
    const char *request;   /* the kick-off URL */
};
int svc_export_start(struct svc_ctx *c, const struct svc_export_request *r, char id[STORE_ID_LEN]);
/* The job row ({id, status, progress, types, files (JSON text), error,
 * created_at, expires_at, request …}), the requester's own. */
int svc_export_status(struct svc_ctx *c, const char *id, json_t **job);
/* Cancels a queued or running job of the requester (a finished one is
 * forgotten and its files go at the next sweep). */
int svc_export_cancel(struct svc_ctx *c, const char *id);

/* ---- for the worker (a system context) ---- */

/* Jobs a stopped server left running go back to the queue. */
int svc_export_requeue(struct svc_ctx *c, int *count);
/* The oldest queued job, now running; *job NULL when none. */
int svc_export_claim(struct svc_ctx *c, json_t **job);
/* Makes as a context acting for the job's requester (for svc_export_page). */
void svc_export_as_requester(struct svc_ctx *as, struct svc_ctx *system, json_t *job);
/* A page of the export: the people released (ids, in order; owned by the
 * context) and the cursor of the page after (next; "" at the end). */
struct export_page {
    const char **ids;
    size_t n;
    char next[STORE_ID_LEN];
};
/* Called with each released person's record (the view lasts for the
 * call): 0, or non-zero to stop (the page fails). */
typedef int (*svc_export_person_fn)(void *arg, const struct person_view *p);
/* The next page, after cursor after_id (NULL first), of at most limit
 * people: decides access for the whole page in one query (the same rule
 * as svc_person_access; only a legitimate relationship), audits one entry
 * naming every person released, then streams their records to fn (fn
 * NULL: ids only). as: svc_export_as_requester's. */
int svc_export_page(struct svc_ctx *as, json_t *job, const char *after_id, int limit, svc_export_person_fn fn,
                    void *arg, struct export_page *page);
/* svc_export_page in two halves, so that one page's audit entry commits
 * while the worker writes the page before it: _queue decides access and
 * queues the page's entry without waiting (q->page is set, its next
 * cursor too); _release waits until that entry is durable — nothing of
 * the page leaves before — then streams the records to fn (fn NULL: only
 * waits; so must a queued page that will not be written, before q goes).
 * q must stay where it is from _queue until _release returned. */
struct export_queued {
    struct export_page page;
    struct audit_deferral d;
};
int svc_export_page_queue(struct svc_ctx *as, json_t *job, const char *after_id, int limit,
                          struct export_queued *q);
int svc_export_page_release(struct svc_ctx *as, struct export_queued *q, svc_export_person_fn fn, void *arg);
int svc_export_progress(struct svc_ctx *c, const char *id, const char *progress);
/* 1 when the job is still running (not cancelled meanwhile). */
int svc_export_still_running(struct svc_ctx *c, const char *id);
/* Ends the job: "completed" with files ([{type, count}] JSON text; the
 * files kept for keep_hours), "failed" with error, or "cancelled". */
int svc_export_finish(struct svc_ctx *c, json_t *job, const char *status, const char *files, const char *error,
                      int keep_hours);
/* Jobs whose files have expired: [{id}], forgotten once the caller has
 * deleted their files (svc_export_forget). */
int svc_export_expired(struct svc_ctx *c, json_t **ids);
int svc_export_forget(struct svc_ctx *c, const char *id);

#endif
