/* JSON API after an NHS CHC decision: reviews, the person's challenges and
 * personal health budgets (svc/chc_followup.h), and the functions the pages
 * share (chc_followup_api.h). */
#include "api/api.h"
#include "api/chc_followup_api.h"
#include "api/handlers.h"
#include "svc/chc_followup.h"
#include <string.h>

/* 0 on SVC_OK, else the outcome in res and -1. */
static int done(struct request *req, struct response *res, int rc)
{
    if (rc == SVC_OK)
        return 0;
    api_result(req, res, rc);
    return -1;
}

/* out (owned by the context) as a new reference, or NULL with res set. */
static json_t *got(struct request *req, struct response *res, int rc, json_t *out)
{
    return done(req, res, rc) == 0 ? json_incref(out) : NULL;
}

int chc_review_record(struct request *req, struct response *res, const char *case_id, json_t *body, char id[STORE_ID_LEN])
{
    return done(req, res, svc_chc_review_record(api_ctx(req), case_id, body, id));
}

int chc_challenge_open(struct request *req, struct response *res, const char *case_id, json_t *body, char id[STORE_ID_LEN])
{
    return done(req, res, svc_chc_challenge_open(api_ctx(req), case_id, body, id));
}

int chc_challenge_conclude(struct request *req, struct response *res, const char *id, json_t *body)
{
    struct svc_expect e = api_expect(req, body);
    return done(req, res, svc_chc_challenge_conclude(api_ctx(req), id, body, &e));
}

int chc_phb_create(struct request *req, struct response *res, const char *case_id, json_t *body, char id[STORE_ID_LEN])
{
    return done(req, res, svc_chc_phb_create(api_ctx(req), case_id, body, id));
}

int chc_phb_change(struct request *req, struct response *res, const char *id, json_t *body)
{
    struct svc_expect e = api_expect(req, body);
    return done(req, res, svc_chc_phb_change(api_ctx(req), id, body, &e));
}

json_t *chc_followup_read(struct request *req, struct response *res, const char *case_id)
{
    json_t *out = NULL;
    int rc = svc_chc_followup_read(api_ctx(req), case_id, &out);
    return got(req, res, rc, out);
}

json_t *chc_followup_parts(struct request *req, struct response *res, json_t *c)
{
    json_t *out = NULL;
    int rc = svc_chc_followup_parts(api_ctx(req), c, &out);
    return got(req, res, rc, out);
}

json_t *chc_challenge_read(struct request *req, struct response *res, const char *id)
{
    json_t *out = NULL;
    int rc = svc_chc_challenge_read(api_ctx(req), id, &out);
    return got(req, res, rc, out);
}

json_t *chc_phb_read(struct request *req, struct response *res, const char *id)
{
    json_t *out = NULL;
    int rc = svc_chc_phb_read(api_ctx(req), id, &out);
    return got(req, res, rc, out);
}

json_t *chc_reviews_due(struct request *req, struct response *res, const char *state_filter)
{
    json_t *out = NULL;
    int rc = svc_chc_reviews_due(api_ctx(req), state_filter, &out);
    return got(req, res, rc, out);
}

typedef int (*create_fn)(struct request *, struct response *, const char *, json_t *, char[STORE_ID_LEN]);
typedef json_t *(*read_fn)(struct request *, struct response *, const char *);

/* POST that creates a record under a case, answered with its read. */
static void create(struct request *req, struct response *res, create_fn make, read_fn read, const char *path)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res));
    if (!body)
        return;
    char id[STORE_ID_LEN];
    if (make(req, res, req->params[0], body, id) == 0) {
        /* A review has no page of its own: it shows in the case's after-decision view. */
        http_header_add(res, req, "Location", strcmp(path, "cases") == 0
                        ? arena_printf(&req->arena, "/api/v1/chc/cases/%s/after-decision", req->params[0])
                        : arena_printf(&req->arena, "/api/v1/chc/%s/%s", path, id));
        http_json_record(res, req, 201, read(req, res, id));
    }
}

static json_t *case_after_review(struct request *req, struct response *res, const char *id)
{
    (void)id;
    return chc_followup_read(req, res, req->params[0]);
}

void h_chc_review_create(struct request *req, struct response *res)
{
    create(req, res, chc_review_record, case_after_review, "cases");
}

void h_chc_challenge_create(struct request *req, struct response *res)
{
    create(req, res, chc_challenge_open, chc_challenge_read, "challenges");
}

void h_chc_phb_create(struct request *req, struct response *res)
{
    create(req, res, chc_phb_create, chc_phb_read, "phbs");
}

void h_chc_followup_get(struct request *req, struct response *res)
{
    http_json_record(res, req, 200, chc_followup_read(req, res, req->params[0]));
}

void h_chc_challenge_get(struct request *req, struct response *res)
{
    http_json_record(res, req, 200, chc_challenge_read(req, res, req->params[0]));
}

void h_chc_phb_get(struct request *req, struct response *res)
{
    http_json_record(res, req, 200, chc_phb_read(req, res, req->params[0]));
}

void h_chc_challenge_outcome(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    if (chc_challenge_conclude(req, res, req->params[0], body) == 0)
        http_json_record(res, req, 200, chc_challenge_read(req, res, req->params[0]));
    json_decref(body);
}

void h_chc_phb_update(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    if (chc_phb_change(req, res, req->params[0], body) == 0)
        http_json_record(res, req, 200, chc_phb_read(req, res, req->params[0]));
    json_decref(body);
}

void h_chc_reviews_due(struct request *req, struct response *res)
{
    const char *state = http_query(req, "state");
    if (state && *state && strcmp(state, "overdue") && strcmp(state, "due_soon") && strcmp(state, "scheduled") &&
        strcmp(state, "all")) {
        json_t *errors = json_array();
        svc_error_add(errors, "state", "must be overdue, due_soon, scheduled or all");
        http_validation(res, req, errors);
        return;
    }
    json_t *items = chc_reviews_due(req, res, state && *state && strcmp(state, "all") ? state : NULL);
    if (items)
        http_json(res, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}
