/* JSON API for care plans, tasks, delegation, the competency register and
 * oversight reviews: decode, call the service (svc/care_plans.h,
 * svc/competencies.h), encode. */
#include "api/api.h"
#include "api/handlers.h"
#include "svc/care_plans.h"
#include "svc/competencies.h"
#include <string.h>

static void list(struct response *res, json_t *items)
{
    http_json(res, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}

/* A list from a service (items set by the call that gave rc): {items,
 * next_cursor: null}, or the outcome. */
static void listed(struct request *req, struct response *res, int rc, json_t **items)
{
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        list(res, json_incref(*items));
}

typedef int (*record_get)(struct svc_ctx *c, const char *id, json_t **out);

/* The answer to a read or a change (rc): the record as it now is (get),
 * 200, or 201 with Location <collection>/<location_id> when collection is given. */
static void answer(struct request *req, struct response *res, int rc, record_get get, const char *id,
                   const char *collection, const char *location_id)
{
    json_t *record = NULL;
    if (rc == SVC_OK)
        rc = get(api_ctx(req), id, &record);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    if (collection)
        http_header_add(res, req, "Location", arena_printf(&req->arena, "%s/%s", collection, location_id));
    http_json_record(res, req, collection ? 201 : 200, json_incref(record));
}

/* A change answered with the plan as it now is (201 with Location when created). */
static void plan_after(struct request *req, struct response *res, const char *plan_id, int rc, int created)
{
    answer(req, res, rc, svc_care_plan_get, plan_id, created ? "/api/v1/plans" : NULL, plan_id);
}

/* The body (owned by the request), or NULL with res set. */
static json_t *body_of(struct request *req, struct response *res)
{
    return arena_json(&req->arena, http_body_json(req, res));
}

void h_care_plan_create(struct request *req, struct response *res)
{
    json_t *body = body_of(req, res);
    char id[STORE_ID_LEN];
    if (body)
        plan_after(req, res, id, svc_care_plan_create(api_ctx(req), req->params[0], body, id), 1);
}

void h_care_plan_list(struct request *req, struct response *res)
{
    json_t *items = NULL;
    listed(req, res, svc_care_plan_list(api_ctx(req), req->params[0], &items), &items);
}

void h_care_plan_get(struct request *req, struct response *res)
{
    plan_after(req, res, req->params[0], SVC_OK, 0);
}

/* A change to the plan req->params[0] (a sub-resource in params[1]) made
 * at the version the body or If-Match gives; answered with the plan. */
struct plan_change {
    struct request *req;
    json_t *body;
    struct svc_expect e;
    char id[STORE_ID_LEN];   /* what a creating change made */
};
typedef int (*plan_change_fn)(struct svc_ctx *c, struct plan_change *w);

static void plan_change(struct request *req, struct response *res, plan_change_fn fn, int created)
{
    struct plan_change w = {req, body_of(req, res), {NULL, NULL}, ""};
    if (!w.body)
        return;
    w.e = api_expect(req, w.body);
    plan_after(req, res, req->params[0], fn(api_ctx(req), &w), created);
}

static int update(struct svc_ctx *c, struct plan_change *w)
{
    return svc_care_plan_change(c, w->req->params[0], w->body, &w->e);
}

static int task_add(struct svc_ctx *c, struct plan_change *w)
{
    return svc_care_plan_task_save(c, w->req->params[0], NULL, w->body, &w->e, w->id);
}

static int task_update(struct svc_ctx *c, struct plan_change *w)
{
    return svc_care_plan_task_save(c, w->req->params[0], w->req->params[1], w->body, &w->e, w->id);
}

static int assign(struct svc_ctx *c, struct plan_change *w)
{
    return svc_care_plan_assign(c, w->req->params[0], w->req->params[1], w->body, &w->e, w->id);
}

static int oversight(struct svc_ctx *c, struct plan_change *w)
{
    return svc_care_plan_oversight_review(c, w->req->params[0], w->req->params[1], w->body, &w->e);
}

void h_care_plan_update(struct request *req, struct response *res)
{
    plan_change(req, res, update, 0);
}

void h_care_plan_task_add(struct request *req, struct response *res)
{
    plan_change(req, res, task_add, 1);
}

void h_care_plan_task_update(struct request *req, struct response *res)
{
    plan_change(req, res, task_update, 0);
}

void h_care_plan_assign(struct request *req, struct response *res)
{
    plan_change(req, res, assign, 1);
}

void h_care_plan_oversight_review(struct request *req, struct response *res)
{
    plan_change(req, res, oversight, 0);
}

void h_task_catalogue(struct request *req, struct response *res)
{
    json_t *items = NULL;
    listed(req, res, svc_care_task_catalogue(api_ctx(req), &items), &items);
}

void h_competency_create(struct request *req, struct response *res)
{
    json_t *body = body_of(req, res);
    char id[STORE_ID_LEN];
    if (body)
        answer(req, res, svc_competency_record(api_ctx(req), body, id), svc_competency_get, id,
               "/api/v1/competencies", id);
}

void h_competency_assessor_add(struct request *req, struct response *res)
{
    json_t *body = body_of(req, res);
    if (!body)
        return;
    int rc = svc_competency_assessor_name(api_ctx(req), body);
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        http_json(res, 201, json_pack("{s:O, s:O}", "user_id", json_object_get(body, "user_id"), "competency_code",
                                      json_object_get(body, "competency_code")));
}

void h_competency_assessors(struct request *req, struct response *res)
{
    json_t *items = NULL;
    listed(req, res, svc_competency_assessors(api_ctx(req), &items), &items);
}

void h_competency_get(struct request *req, struct response *res)
{
    answer(req, res, SVC_OK, svc_competency_get, req->params[0], NULL, NULL);
}

/* SVC_OK when ?state= is empty, "all" or one of allowed (state set, NULL
 * for all); else SVC_INVALID naming "state". */
static int state_param(struct request *req, const char *a, const char *b, const char **state)
{
    const char *s = http_query(req, "state");
    *state = NULL;
    if (!s || !*s || !strcmp(s, "all"))
        return SVC_OK;
    if (!strcmp(s, a) || (b && !strcmp(s, b))) {
        *state = s;
        return SVC_OK;
    }
    svc_field_error(api_ctx(req), "state", b ? "must be expiring, expired or all" : "must be overdue or all");
    return SVC_INVALID;
}

void h_competency_list(struct request *req, struct response *res)
{
    const char *state;
    json_t *items = NULL;
    int rc = state_param(req, "expiring", "expired", &state);
    listed(req, res, rc == SVC_OK ? svc_competency_register(api_ctx(req), state, &items) : rc, &items);
}

void h_oversight_reviews(struct request *req, struct response *res)
{
    const char *state;
    json_t *items = NULL;
    int rc = state_param(req, "overdue", NULL, &state);
    listed(req, res, rc == SVC_OK ? svc_care_oversight_reviews(api_ctx(req), state, &items) : rc, &items);
}
