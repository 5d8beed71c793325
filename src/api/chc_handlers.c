/* JSON API of NHS Continuing Healthcare (README: HTTP API overview): decode,
 * call the service (svc/chc.h), encode. */
#include "api/api.h"
#include "api/handlers.h"
#include "svc/chc.h"
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

/* A CHC write: the service (id in: the route's record; out: the record
 * written), then that record read back without a second audit entry. */
struct chc_write {
    int (*run)(struct svc_ctx *c, struct request *req, json_t *body, char id[STORE_ID_LEN]);
    enum svc_chc_record what;
    int status;             /* 201 with a Location under location, or 200 */
    const char *location;
    int body_optional;      /* an empty body is {} */
};

static void do_write(struct request *req, struct response *res, const struct chc_write *w)
{
    json_t *body = arena_json(&req->arena, w->body_optional && !req->body.len ? json_object()
                                                                             : http_body_json(req, res));
    if (!body)
        return;
    struct svc_ctx *c = api_ctx(req);
    char id[STORE_ID_LEN];
    snprintf(id, sizeof id, "%s", req->params[0]);
    json_t *r;
    int rc = w->run(c, req, body, id);
    if (rc == SVC_OK)
        rc = svc_chc_written(c, w->what, id, &r);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    if (w->what == SVC_CHC_CHECKLIST)
        checklist_present(r);
    if (w->location)
        http_header_add(res, req, "Location", arena_printf(&req->arena, "/api/v1/chc/%s/%s", w->location, id));
    http_etag(res, req, json_integer_value(json_object_get(r, "version")));
    http_json(res, w->status, json_incref(r));
}

static int checklist_create(struct svc_ctx *c, struct request *req, json_t *body, char id[STORE_ID_LEN])
{
    return svc_chc_checklist_create(c, req->params[0], body, id);
}

static int checklist_send(struct svc_ctx *c, struct request *req, json_t *body, char id[STORE_ID_LEN])
{
    return svc_chc_checklist_send(c, req->params[0], body, id);
}

static int assessment_create(struct svc_ctx *c, struct request *req, json_t *body, char id[STORE_ID_LEN])
{
    return svc_chc_assessment_create(c, req->params[0], body, id);
}

static int assessment_patch(struct svc_ctx *c, struct request *req, json_t *body, char id[STORE_ID_LEN])
{
    struct svc_expect e = api_expect(req, body);
    return svc_chc_assessment_patch(c, id, body, &e);
}

static int fast_track(struct svc_ctx *c, struct request *req, json_t *body, char id[STORE_ID_LEN])
{
    return svc_chc_fast_track(c, req->params[0], body, id);
}

static int case_create(struct svc_ctx *c, struct request *req, json_t *body, char id[STORE_ID_LEN])
{
    (void)req;
    return svc_chc_case_from_referral(c, body, id);
}

static int decide(struct svc_ctx *c, struct request *req, json_t *body, char id[STORE_ID_LEN])
{
    struct svc_expect e = api_expect(req, body);
    return svc_chc_decide(c, id, body, &e);
}

static int package_start(struct svc_ctx *c, struct request *req, json_t *body, char id[STORE_ID_LEN])
{
    struct svc_expect e = api_expect(req, body);
    return svc_chc_package_start(c, id, body, &e);
}

void h_chc_checklist_create(struct request *req, struct response *res)
{
    do_write(req, res, &(struct chc_write){checklist_create, SVC_CHC_CHECKLIST, 201, "checklists", 0});
}

void h_chc_checklist_send(struct request *req, struct response *res)
{
    do_write(req, res, &(struct chc_write){checklist_send, SVC_CHC_CASE, 201, "cases", 1});
}

void h_chc_assessment_create(struct request *req, struct response *res)
{
    do_write(req, res, &(struct chc_write){assessment_create, SVC_CHC_ASSESSMENT, 201, "assessments", 0});
}

void h_chc_assessment_patch(struct request *req, struct response *res)
{
    do_write(req, res, &(struct chc_write){assessment_patch, SVC_CHC_ASSESSMENT, 200, NULL, 0});
}

void h_chc_fast_track(struct request *req, struct response *res)
{
    do_write(req, res, &(struct chc_write){fast_track, SVC_CHC_CASE, 201, "cases", 0});
}

void h_chc_case_create(struct request *req, struct response *res)
{
    do_write(req, res, &(struct chc_write){case_create, SVC_CHC_CASE, 201, "cases", 0});
}

void h_chc_decision(struct request *req, struct response *res)
{
    do_write(req, res, &(struct chc_write){decide, SVC_CHC_CASE, 200, NULL, 0});
}

void h_chc_package_start(struct request *req, struct response *res)
{
    do_write(req, res, &(struct chc_write){package_start, SVC_CHC_CASE, 200, NULL, 0});
}

void h_chc_checklist_get(struct request *req, struct response *res)
{
    json_t *k = NULL;
    int rc = svc_chc_checklist_read(api_ctx(req), req->params[0], &k);
    if (rc == SVC_OK)
        checklist_present(k);
    api_reply_record(req, res, rc, 200, &k);
}

void h_chc_assessment_get(struct request *req, struct response *res)
{
    json_t *a = NULL;
    api_reply_record(req, res, svc_chc_assessment_read(api_ctx(req), req->params[0], &a), 200, &a);
}

void h_chc_case_get(struct request *req, struct response *res)
{
    json_t *c = NULL;
    api_reply_record(req, res, svc_chc_case_read(api_ctx(req), req->params[0], &c), 200, &c);
}

void h_chc_case_list(struct request *req, struct response *res)
{
    int limit = api_limit(req, res);
    if (limit < 0)
        return;
    json_t *items = NULL;
    int rc = svc_chc_case_list(api_ctx(req), http_query(req, "status"), http_query(req, "clock"), limit, &items);
    api_reply_list(req, res, rc, &items);
}

void h_chc_person(struct request *req, struct response *res)
{
    json_t *p = NULL;
    int rc = svc_chc_person_pathway(api_ctx(req), req->params[0], &p);
    api_reply(req, res, rc, 200, &p);
}
