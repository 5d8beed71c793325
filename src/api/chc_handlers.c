/* JSON API of NHS Continuing Healthcare (README: HTTP API overview). */
#include "api/api.h"
#include "api/chc_api.h"
#include "api/handlers.h"
#include "store/chc.h"
#include <string.h>

/* Checklist for output: counts and the reasons as a list. */
static void checklist_present(json_t *k)
{
    json_object_set_new(k, "counts", json_pack("{s:O, s:O, s:O}", "A", json_object_get(k, "count_a"), "B",
                                               json_object_get(k, "count_b"), "C", json_object_get(k, "count_c")));
    json_t *list = json_array();
    const char *r = json_string_value(json_object_get(k, "reasons"));
    while (r && *r) {
        const char *end = strstr(r, "; ");
        size_t n = end ? (size_t)(end - r) : strlen(r);
        json_array_append_new(list, json_stringn(r, n));
        r = end ? end + 2 : r + n;
    }
    json_object_set_new(k, "reasons", list);
}

/* A record just written, read back without a second audit entry (the
 * write's own entry covers it: the caller holds the relationship). */
static void respond(struct request *req, struct response *res, json_t *(*get)(struct store *, const char *,
                    struct store_error *), const char *id, int status, const char *location)
{
    struct store_error err = {0};
    json_t *r = get(req->db, id, &err);
    if (!r) {
        http_internal(res, req, 503, err.message);
        return;
    }
    if (get == chc_checklist_get)
        checklist_present(r);
    if (get == chc_case_get) {
        const char *drop[] = {"family_name", "given_name", "date_of_birth", "nhs_number"};
        for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
            json_object_del(r, drop[i]);
        chc_case_present(r);
    }
    if (location)
        http_header_add(res, req, "Location", arena_printf(&req->arena, "/api/v1/chc/%s/%s", location, id));
    http_etag(res, req, json_integer_value(json_object_get(r, "version")));
    http_json(res, status, r);
}

static json_t *body_or_empty(struct request *req, struct response *res)
{
    return req->body.len ? http_body_json(req, res) : json_object();
}

void h_chc_checklist_create(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    char id[STORE_ID_LEN];
    if (body && chc_checklist_create(req, res, req->params[0], body, id) == 0)
        respond(req, res, chc_checklist_get, id, 201, "checklists");
    json_decref(body);
}

void h_chc_checklist_get(struct request *req, struct response *res)
{
    json_t *k = chc_checklist_read(req, res, req->params[0]);
    if (k)
        checklist_present(k);
    http_json_record(res, req, 200, k);
}

void h_chc_checklist_send(struct request *req, struct response *res)
{
    json_t *body = body_or_empty(req, res);
    char case_id[STORE_ID_LEN];
    if (body && chc_checklist_send(req, res, req->params[0], body, case_id) == 0)
        respond(req, res, chc_case_get, case_id, 201, "cases");
    json_decref(body);
}

void h_chc_assessment_create(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    char id[STORE_ID_LEN];
    if (body && chc_assessment_create(req, res, req->params[0], body, id) == 0)
        respond(req, res, chc_assessment_get, id, 201, "assessments");
    json_decref(body);
}

void h_chc_assessment_get(struct request *req, struct response *res)
{
    json_t *a = chc_assessment_read(req, res, req->params[0]);
    http_json_record(res, req, 200, a);
}

void h_chc_assessment_patch(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (body && chc_assessment_patch(req, res, req->params[0], body) == 0)
        respond(req, res, chc_assessment_get, req->params[0], 200, NULL);
    json_decref(body);
}

void h_chc_fast_track(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    char id[STORE_ID_LEN];
    if (body && chc_fast_track(req, res, req->params[0], body, id) == 0)
        respond(req, res, chc_case_get, id, 201, "cases");
    json_decref(body);
}

void h_chc_case_create(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    char id[STORE_ID_LEN];
    if (body && chc_case_from_referral(req, res, body, id) == 0)
        respond(req, res, chc_case_get, id, 201, "cases");
    json_decref(body);
}

void h_chc_decision(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (body && chc_decide(req, res, req->params[0], body) == 0)
        respond(req, res, chc_case_get, req->params[0], 200, NULL);
    json_decref(body);
}

void h_chc_package_start(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (body && chc_package_start(req, res, req->params[0], body) == 0)
        respond(req, res, chc_case_get, req->params[0], 200, NULL);
    json_decref(body);
}

void h_chc_case_get(struct request *req, struct response *res)
{
    json_t *c = chc_case_read(req, res, req->params[0]);
    http_json_record(res, req, 200, c);
}

void h_chc_case_list(struct request *req, struct response *res)
{
    int limit = api_limit(req, res);
    if (limit < 0)
        return;
    json_t *items = chc_case_list(req, res, http_query(req, "status"), http_query(req, "clock"), limit);
    if (items)
        http_json(res, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}

void h_chc_person(struct request *req, struct response *res)
{
    json_t *p = chc_person_pathway(req, res, req->params[0]);
    if (p)
        http_json(res, 200, p);
}
