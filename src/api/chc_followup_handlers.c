/* JSON API after an NHS CHC decision: reviews, the person's challenges and
 * personal health budgets — decode, call the service
 * (svc/chc_followup.h), encode. */
#include "api/api.h"
#include "api/handlers.h"
#include "svc/chc_followup.h"
#include <string.h>

typedef int (*create_fn)(struct svc_ctx *, const char *, json_t *, char[STORE_ID_LEN]);
typedef int (*read_fn)(struct svc_ctx *, const char *, json_t **);

/* POST that creates a record under a case, answered with its read (a
 * review has no page of its own: it shows in the case's after-decision
 * view). */
static void create(struct request *req, struct response *res, create_fn make, read_fn read, const char *path)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res));
    if (!body)
        return;
    struct svc_ctx *c = api_ctx(req);
    char id[STORE_ID_LEN];
    json_t *out = NULL;
    int rc = make(c, req->params[0], body, id);
    if (rc == SVC_OK)
        rc = read ? read(c, id, &out) : svc_chc_followup_read(c, req->params[0], &out);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    http_header_add(res, req, "Location", read ? arena_printf(&req->arena, "/api/v1/chc/%s/%s", path, id)
                        : arena_printf(&req->arena, "/api/v1/chc/cases/%s/after-decision", req->params[0]));
    http_json_record(res, req, 201, json_incref(out));
}

void h_chc_review_create(struct request *req, struct response *res)
{
    create(req, res, svc_chc_review_record, NULL, "cases");
}

void h_chc_challenge_create(struct request *req, struct response *res)
{
    create(req, res, svc_chc_challenge_open, svc_chc_challenge_read, "challenges");
}

void h_chc_phb_create(struct request *req, struct response *res)
{
    create(req, res, svc_chc_phb_create, svc_chc_phb_read, "phbs");
}

void h_chc_followup_get(struct request *req, struct response *res)
{
    json_t *out = NULL;
    api_reply_record(req, res, svc_chc_followup_read(api_ctx(req), req->params[0], &out), 200, &out);
}

void h_chc_challenge_get(struct request *req, struct response *res)
{
    json_t *out = NULL;
    api_reply_record(req, res, svc_chc_challenge_read(api_ctx(req), req->params[0], &out), 200, &out);
}

void h_chc_phb_get(struct request *req, struct response *res)
{
    json_t *out = NULL;
    api_reply_record(req, res, svc_chc_phb_read(api_ctx(req), req->params[0], &out), 200, &out);
}

/* A versioned change of a record, answered with its read. */
static void change(struct request *req, struct response *res,
                   int (*act)(struct svc_ctx *, const char *, json_t *, const struct svc_expect *), read_fn read)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res));
    if (!body)
        return;
    struct svc_ctx *c = api_ctx(req);
    struct svc_expect e = api_expect(req, body);
    json_t *out = NULL;
    int rc = act(c, req->params[0], body, &e);
    if (rc == SVC_OK)
        rc = read(c, req->params[0], &out);
    api_reply_record(req, res, rc, 200, &out);
}

void h_chc_challenge_outcome(struct request *req, struct response *res)
{
    change(req, res, svc_chc_challenge_conclude, svc_chc_challenge_read);
}

void h_chc_phb_update(struct request *req, struct response *res)
{
    change(req, res, svc_chc_phb_change, svc_chc_phb_read);
}

void h_chc_reviews_due(struct request *req, struct response *res)
{
    const char *state = http_query(req, "state");
    struct svc_ctx *c = api_ctx(req);
    if (state && *state && strcmp(state, "overdue") && strcmp(state, "due_soon") && strcmp(state, "scheduled") &&
        strcmp(state, "all")) {
        svc_field_error(c, "state", "must be overdue, due_soon, scheduled or all");
        api_result(req, res, SVC_INVALID);
        return;
    }
    json_t *items = NULL;
    int rc = svc_chc_reviews_due(c, state && *state && strcmp(state, "all") ? state : NULL, &items);
    api_reply_list(req, res, rc, &items);
}
