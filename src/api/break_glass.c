/* JSON adapter of break-glass, the privacy officer's reviews, and a
 * record's access log and timeline (svc/break_glass.h). */
#include "api/api.h"
#include "api/handlers.h"
#include "svc/break_glass.h"

void h_break_glass(struct request *req, struct response *res)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res));
    if (!body)
        return;
    struct svc_ctx *c = api_ctx(req);
    const char *reason = input_str(body, "reason", svc_errors(c)), *password = input_str(body, "password", svc_errors(c));
    struct svc_break_glass g;
    int rc = svc_break_glass_grant(c, req->params[0], reason, password, 0, &g);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    http_json(res, 201, json_pack("{s:s, s:s, s:s}", "id", g.id, "person_id", req->params[0], "expires_at",
                                  g.expires_at));
}

void h_break_glass_list(struct request *req, struct response *res)
{
    int limit = api_limit(req, res);
    if (limit < 0)
        return;
    json_t *grants, *claims;
    int rc = svc_break_glass_list(api_ctx(req), http_query(req, "status"), limit, &grants, &claims);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    http_json(res, 200, json_pack("{s:O, s:O, s:n}", "items", grants, "self_claimed", claims, "next_cursor"));
}

/* A review through the JSON API or a page: SVC_OK or the outcome. */
int break_glass_review_body(struct request *req, json_t *body, int claim)
{
    struct svc_ctx *c = api_ctx(req);
    const char *status = input_str(body, "status", svc_errors(c)), *note = input_str(body, "note", svc_errors(c));
    return svc_break_glass_review(c, req->params[0], claim, status, note);
}

static void review(struct request *req, struct response *res, int claim)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res));
    if (!body)
        return;
    int rc = break_glass_review_body(req, body, claim);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    http_json(res, 200, json_pack("{s:s, s:O}", "id", req->params[0], "status", json_object_get(body, "status")));
}

void h_break_glass_review(struct request *req, struct response *res)
{
    review(req, res, 0);
}

void h_claim_review(struct request *req, struct response *res)
{
    review(req, res, 1);
}

/* Who read or changed the record (the person's own page, subject access
 * requests), and what happened to it. */
static void person_list(struct request *req, struct response *res,
                        int (*list)(struct svc_ctx *, const char *, json_t **))
{
    json_t *items;
    int rc = list(api_ctx(req), req->params[0], &items);
    api_reply_list(req, res, rc, &items);
}

void h_person_access_log(struct request *req, struct response *res)
{
    person_list(req, res, svc_person_access_log);
}

void h_person_timeline(struct request *req, struct response *res)
{
    person_list(req, res, svc_person_timeline);
}
