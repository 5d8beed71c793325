/* JSON API for care plans, tasks, delegation, the competency register and
 * oversight reviews (care_plans_api.h). */
#include "api/api.h"
#include "api/care_plans_api.h"
#include "api/handlers.h"
#include <string.h>

static void list(struct response *res, json_t *items)
{
    if (items)
        http_json(res, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}

/* A change answered with the plan as it now is (201 with Location when created). */
static void plan_after(struct request *req, struct response *res, const char *plan_id, int rc, int created)
{
    if (rc != 0)
        return;
    if (created)
        http_header_add(res, req, "Location", arena_printf(&req->arena, "/api/v1/plans/%s", plan_id));
    http_json_record(res, req, created ? 201 : 200, care_plan_read(req, res, plan_id));
}

void h_care_plan_create(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    char id[STORE_ID_LEN];
    plan_after(req, res, id, care_plan_create(req, res, req->params[0], body, id), 1);
    json_decref(body);
}

void h_care_plan_list(struct request *req, struct response *res)
{
    list(res, care_plans_of_person(req, res, req->params[0]));
}

void h_care_plan_get(struct request *req, struct response *res)
{
    http_json_record(res, req, 200, care_plan_read(req, res, req->params[0]));
}

void h_care_plan_update(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    plan_after(req, res, req->params[0], care_plan_change(req, res, req->params[0], body), 0);
    json_decref(body);
}

void h_care_plan_task_add(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    char id[STORE_ID_LEN];
    plan_after(req, res, req->params[0], care_plan_task_add(req, res, req->params[0], body, id), 1);
    json_decref(body);
}

void h_care_plan_task_update(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    plan_after(req, res, req->params[0], care_plan_task_change(req, res, req->params[0], req->params[1], body), 0);
    json_decref(body);
}

void h_care_plan_assign(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    char id[STORE_ID_LEN];
    plan_after(req, res, req->params[0], care_plan_assign(req, res, req->params[0], req->params[1], body, id), 1);
    json_decref(body);
}

void h_care_plan_oversight_review(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    plan_after(req, res, req->params[0], care_plan_oversight_review(req, res, req->params[0], req->params[1], body), 0);
    json_decref(body);
}

void h_task_catalogue(struct request *req, struct response *res)
{
    list(res, care_task_catalogue(req, res));
}

void h_competency_create(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    char id[STORE_ID_LEN];
    if (competency_record(req, res, body, id) == 0) {
        http_header_add(res, req, "Location", arena_printf(&req->arena, "/api/v1/competencies/%s", id));
        http_json_record(res, req, 201, competency_read(req, res, id));
    }
    json_decref(body);
}

void h_competency_assessor_add(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    if (competency_assessor_name(req, res, body) == 0)
        http_json(res, 201, json_pack("{s:O, s:O}", "user_id", json_object_get(body, "user_id"), "competency_code",
                                      json_object_get(body, "competency_code")));
    json_decref(body);
}

void h_competency_assessors(struct request *req, struct response *res)
{
    json_t *items = competency_assessors_read(req, res);
    if (items)
        http_json(res, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}

void h_competency_get(struct request *req, struct response *res)
{
    http_json_record(res, req, 200, competency_read(req, res, req->params[0]));
}

/* 0 when ?state= is empty, "all" or one of allowed (state set, NULL for all). */
static int state_param(struct request *req, struct response *res, const char *a, const char *b, const char **state)
{
    const char *s = http_query(req, "state");
    *state = NULL;
    if (!s || !*s || !strcmp(s, "all"))
        return 0;
    if (!strcmp(s, a) || (b && !strcmp(s, b))) {
        *state = s;
        return 0;
    }
    json_t *errors = json_array();
    http_add_error(errors, "state", b ? "must be expiring, expired or all" : "must be overdue or all");
    http_validation(res, req, errors);
    return -1;
}

void h_competency_list(struct request *req, struct response *res)
{
    const char *state;
    if (state_param(req, res, "expiring", "expired", &state) == 0)
        list(res, competency_register(req, res, state));
}

void h_oversight_reviews(struct request *req, struct response *res)
{
    const char *state;
    if (state_param(req, res, "overdue", NULL, &state) == 0)
        list(res, care_oversight_reviews(req, res, state));
}
