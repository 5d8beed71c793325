/* FHIR $export jobs (fhir_export.h). */
#include "svc/fhir_export.h"
#include "domain/dates.h"
#include "store/fhir_exports.h"
#include "store/persons.h"
#include "svc/access.h"
#include "util/clock.h"
#include <stdio.h>
#include <string.h>

static int member_of(struct svc_ctx *c, const char *team)
{
    json_t *teams = svc_teams(c);
    size_t i;
    json_t *t;
    json_array_foreach(teams, i, t)
        if (strcmp(json_string_value(json_object_get(t, "id")), team) == 0)
            return 1;
    return 0;
}

int svc_export_start(struct svc_ctx *c, const struct svc_export_request *r, char id[STORE_ID_LEN])
{
    if (!c->user_id)
        return svc_refuse(c, SVC_FORBIDDEN, NULL, "An export is made for a user.");
    if (r->since) {
        int64_t t;
        struct domain_error e;
        if (timestamp_parse(r->since, "_since", &t, &e) != 0)
            svc_field_error(c, "_since", "must be an instant, e.g. 2026-04-01T00:00:00Z");
    }
    if (strcmp(r->kind, "group") == 0 && (!r->group_id || !member_of(c, r->group_id)))
        return svc_refuse(c, SVC_FORBIDDEN, NULL, "Export a caseload only of a team you are in.");
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct export_job_row row = {c->user_id, c->org_id, c->role, r->kind, r->group_id, r->types, r->since,
                                 r->request, svc_now(c)};
    int rc = svc_tx_begin(c);
    if (rc == 0) rc = fhir_export_insert(c->db, &row, id, &c->err);
    if (rc == 0) rc = svc_tx_audit(c, "create", "fhir_export", id, NULL, "self");
    return svc_tx_end(c, rc);
}

int svc_export_status(struct svc_ctx *c, const char *id, json_t **job)
{
    *job = svc_own(c, fhir_export_get(c->db, id, &c->err));
    if (!*job)
        return svc_store_fail(c, c->err.code, "export");
    const char *owner = json_string_value(json_object_get(*job, "user_id"));
    if (!c->user_id || !owner || strcmp(owner, c->user_id) != 0) {
        *job = NULL;
        return svc_not_found(c, "export");
    }
    return SVC_OK;
}

int svc_export_cancel(struct svc_ctx *c, const char *id)
{
    json_t *job;
    int rc = svc_export_status(c, id, &job);
    if (rc != SVC_OK)
        return rc;
    if (strcmp(json_string_value(json_object_get(job, "status")), "cancelled") == 0)
        return svc_not_found(c, "export");
    rc = svc_tx_begin(c);
    if (rc == 0) rc = fhir_export_job_cancel(c->db, id, svc_now(c), &c->err);
    if (rc == 0) rc = svc_tx_audit(c, "cancel", "fhir_export", id, NULL, "self");
    return svc_tx_end(c, rc);
}

int svc_export_requeue(struct svc_ctx *c, int *count)
{
    *count = fhir_export_requeue_running(c->db, &c->err);
    return *count < 0 ? svc_failed(c, "export requeue") : SVC_OK;
}

int svc_export_claim(struct svc_ctx *c, json_t **job)
{
    *job = svc_own(c, fhir_export_claim(c->db, &c->err));
    if (!*job && c->err.code != STORE_ENOTFOUND)
        return svc_failed(c, "export claim");
    return SVC_OK;
}

void svc_export_as_requester(struct svc_ctx *as, struct svc_ctx *system, json_t *job)
{
    *as = *system;
    as->user_id = json_string_value(json_object_get(job, "user_id"));
    as->org_id = json_string_value(json_object_get(job, "org_id"));
    as->role = json_string_value(json_object_get(job, "role"));
    as->teams = NULL;
    svc_reset(as);
}

struct id_list {
    struct arena *arena;
    const char **ids;
    size_t n, max;
};

static int collect_id(void *arg, const char *person_id)
{
    struct id_list *l = arg;
    if (l->n == l->max)
        return -1;
    l->ids[l->n++] = arena_strdup(l->arena, person_id);
    return 0;
}

/* The page's ids that the requester may see: the facts for the page's
 * range come from one statement (persons_access_facts_range, the same rule
 * as svc_person_access), each decided by access_decide; only a legitimate
 * relationship counts (break-glass is for one record, never a bulk
 * export). */
struct decide {
    const char *const *ids;
    size_t n, at;
    struct export_page *page;
};

static int decide_one(void *arg, const char *person_id, const struct access_facts *f)
{
    struct decide *d = arg;
    while (d->at < d->n && strcmp(d->ids[d->at], person_id) < 0)
        d->at++;
    if (d->at < d->n && strcmp(d->ids[d->at], person_id) == 0 && access_decide(f) == ACCESS_RELATIONSHIP)
        d->page->ids[d->page->n++] = d->ids[d->at];
    return 0;
}

/* Hands the adapter the views of the released people only (the range may
 * hold others: people refused, or outside a Group or _since). */
struct release {
    const struct export_page *page;
    size_t at;
    svc_export_person_fn fn;
    void *arg;
};

static int release_one(void *arg, const struct person_view *p)
{
    struct release *r = arg;
    while (r->at < r->page->n && strcmp(r->page->ids[r->at], p->id) < 0)
        r->at++;
    if (r->at < r->page->n && strcmp(r->page->ids[r->at], p->id) == 0)
        return r->fn(r->arg, p);
    return 0;
}

int svc_export_page_queue(struct svc_ctx *as, json_t *job, const char *after_id, int limit,
                          struct export_queued *q)
{
    struct export_page *page = &q->page;
    *page = (struct export_page){0};
    q->d = (struct audit_deferral){0};   /* nothing to wait for until the entry below */
    const char *kind = json_string_value(json_object_get(job, "kind"));
    const char *team = strcmp(kind, "group") == 0 ? json_string_value(json_object_get(job, "group_id")) : NULL;
    struct id_list l = {as->arena, arena_alloc(as->arena, (size_t)limit * sizeof(char *)), 0, (size_t)limit};
    if (fhir_export_person_ids(as->db, team, json_string_value(json_object_get(job, "since")), after_id, limit,
                               collect_id, &l, &as->err) < 0)
        return svc_failed(as, "export people");
    size_t n = l.n;
    const char **ids = l.ids;
    if (n == 0)
        return SVC_OK;
    if (n == (size_t)limit)
        snprintf(page->next, STORE_ID_LEN, "%s", ids[n - 1]);
    int grace = as->policy.relationship_grace_days > 0 ? as->policy.relationship_grace_days : 28;
    struct access_query aq = {ids[0], as->user_id, as->org_id, svc_date_offset(as, -grace), svc_now(as)};
    page->ids = arena_alloc(as->arena, n * sizeof *page->ids);
    struct decide d = {ids, n, 0, page};
    if (persons_access_facts_range(as->db, &aq, ids[n - 1], decide_one, &d, &as->err) < 0)
        return svc_failed(as, "access facts");
    /* One entry for the page naming each person released, queued now and
     * waited for in _release, before any of them is written. */
    audit_defer_begin(&q->d);
    int rc = svc_audit_read_people(as, "person", page->ids, page->n, "relationship");
    audit_defer_end();
    return rc;
}

int svc_export_page_release(struct svc_ctx *as, struct export_queued *q, svc_export_person_fn fn, void *arg)
{
    int rc = svc_audit_settled(as, &q->d);
    const struct export_page *page = &q->page;
    if (rc != SVC_OK || !fn || page->n == 0)
        return rc;
    struct release r = {page, 0, fn, arg};
    if (persons_stream_range(as->db, page->ids[0], page->ids[page->n - 1], release_one, &r, &as->err) < 0)
        return svc_failed(as, "person read");
    return SVC_OK;
}

int svc_export_page(struct svc_ctx *as, json_t *job, const char *after_id, int limit, svc_export_person_fn fn,
                    void *arg, struct export_page *page)
{
    struct export_queued q;
    int rc = svc_export_page_queue(as, job, after_id, limit, &q);
    int released = svc_export_page_release(as, &q, rc == SVC_OK ? fn : NULL, arg);
    *page = q.page;
    return rc != SVC_OK ? rc : released;
}

int svc_export_progress(struct svc_ctx *c, const char *id, const char *progress)
{
    return fhir_export_progress(c->db, id, progress, &c->err) == 0 ? SVC_OK : svc_failed(c, "export progress");
}

int svc_export_still_running(struct svc_ctx *c, const char *id)
{
    json_t *job = fhir_export_get(c->db, id, &c->err);
    int running = job && strcmp(json_string_value(json_object_get(job, "status")), "running") == 0;
    json_decref(job);
    return running;
}

int svc_export_finish(struct svc_ctx *c, json_t *job, const char *status, const char *files, const char *error,
                      int keep_hours)
{
    const char *id = json_string_value(json_object_get(job, "id"));
    char expires[TIMESTAMP_STR_SIZE];
    timestamp_format(clock_now_seconds() + (int64_t)keep_hours * 3600, expires);
    struct svc_ctx as;
    svc_export_as_requester(&as, c, job);
    int rc = svc_tx_begin(&as);
    if (rc == 0) rc = fhir_export_finish(as.db, id, status, files, error, svc_now(&as), expires, &as.err);
    if (rc == 0) rc = svc_tx_audit(&as, status, "fhir_export", id, NULL, "self");
    rc = svc_tx_end(&as, rc);
    c->err = as.err;
    return rc;
}

int svc_export_expired(struct svc_ctx *c, json_t **ids)
{
    *ids = svc_own(c, fhir_export_expired(c->db, svc_now(c), &c->err));
    return *ids ? SVC_OK : svc_failed(c, "expired exports");
}

int svc_export_forget(struct svc_ctx *c, const char *id)
{
    return fhir_export_forget(c->db, id, &c->err) == 0 ? SVC_OK : svc_failed(c, "export forget");
}
