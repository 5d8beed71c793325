/* Pages of break-glass: asking for a record (reason and password again)
 * and the privacy officer's review list with its two review forms. The
 * same services as the API (svc/break_glass.h). */
#include "api/api.h"
#include "api/handlers.h"
#include "pages/page.h"
#include "svc/break_glass.h"
#include "web/web.h"

static int minutes(struct request *req)
{
    return req->app ? req->app->cfg.break_glass_minutes : 60;
}

void p_break_glass(struct request *req, struct response *res)
{
    web_page(req, res, 200, "break_glass", "Break glass",
             json_pack("{s:s, s:i}", "id", req->params[0], "minutes", minutes(req)));
}

/* arg: the request (its first path parameter is the person). */
static int grant(struct svc_ctx *c, json_t *form, void *arg)
{
    struct request *req = arg;
    struct svc_break_glass g;
    return svc_break_glass_grant(c, req->params[0], input_str(form, "reason", svc_errors(c)),
                                 input_str(form, "password", svc_errors(c)), 1, &g);
}

static const char *to_person(struct request *req, void *arg)
{
    (void)arg;
    return arena_printf(&req->arena, "/persons/%s", req->params[0]);
}

static void show_grant(struct request *req, struct response *res, int status, json_t *errors, json_t *form, void *arg)
{
    (void)arg;
    web_page(req, res, status, "break_glass", "Break glass",
             json_pack("{s:s, s:i, s:b, s:O, s:o, s:O?}", "id", req->params[0], "minutes", minutes(req),
                       "has_errors", 1, "errors", errors, "field_errors", api_field_errors(errors), "reason",
                       json_object_get(form, "reason")));
}

void p_break_glass_post(struct request *req, struct response *res)
{
    page_post(req, res, &(struct page_form){NULL, grant, to_person, show_grant, req, NULL});
}

void p_break_glass_review_list(struct request *req, struct response *res)
{
    int limit = api_limit(req, res);
    if (limit < 0)
        return;
    const char *status = http_query(req, "status");
    json_t *grants, *claims;
    int rc = svc_break_glass_list(api_ctx(req), status, limit, &grants, &claims);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    web_page(req, res, 200, "break_glass_review", "Break-glass review",
             json_pack("{s:O, s:O, s:n, s:s}", "items", grants, "self_claimed", claims, "next_cursor", "status",
                       status ? status : "pending"));
}

/* A review from the list: back to the list, or the error page (a review
 * form has one radio and a note; nothing to show again). */
static void review_post(struct request *req, struct response *res, int claim)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res));
    if (!body)
        return;
    int rc = break_glass_review_body(req, body, claim);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    http_redirect(res, req, "/privacy/break-glass");
}

void p_break_glass_review_post(struct request *req, struct response *res)
{
    review_post(req, res, 0);
}

void p_claim_review_post(struct request *req, struct response *res)
{
    review_post(req, res, 1);
}
