/* JSON API of the single referral point (domain.md §4): the services are
 * svc/referral_create.h, referral_actions.h, referral_reads.h and
 * referral_watch.h; these decode, call them and encode. */
#include "api/api.h"
#include "api/handlers.h"
#include "api/persons_api.h"
#include "svc/referral_actions.h"
#include "svc/referral_create.h"
#include "svc/referral_reads.h"
#include "svc/referral_watch.h"
#include <stdio.h>

/* The referral from the body; a new person given inline in "person" is
 * registered only once everything else about the referral is valid. */
static int create(struct request *req, struct response *res, json_t *body, char id[STORE_ID_LEN])
{
    struct svc_ctx *c = api_ctx(req);
    json_t *inline_person = json_object_get(body, "person");
    struct svc_referral_in in;
    svc_referral_in_decode(c, body, &in);
    if (!in.person_id && !json_is_object(inline_person))
        svc_field_error(c, "person_id", "is required (or give the new person's details in person)");
    in.check_only = !in.person_id;
    int rc = svc_referral_create(c, &in, id);
    if (rc == SVC_OK && in.check_only) {
        char pid[STORE_ID_LEN];
        if (person_create(req, res, inline_person, pid) < 0)
            return -1;   /* res holds the person's 422 or 409 (fields of `person`) */
        in.person_id = pid;
        in.check_only = 0;
        rc = svc_referral_create(c, &in, id);
    }
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return -1;
    }
    return 0;
}

/* The referral's own fields, without the person's details. */
static void respond_referral(struct request *req, struct response *res, const char *id, int status)
{
    json_t *r;
    int rc = svc_referral_brief(api_ctx(req), id, &r);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    http_etag(res, req, json_integer_value(json_object_get(r, "version")));
    http_json(res, status, json_incref(r));
}

void h_referral_create(struct request *req, struct response *res)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res));
    char id[STORE_ID_LEN];
    if (body && create(req, res, body, id) == 0) {
        http_header_add(res, req, "Location", arena_printf(&req->arena, "/api/v1/referrals/%s", id));
        respond_referral(req, res, id, 201);
    }
}

void h_referral_get(struct request *req, struct response *res)
{
    json_t *r;
    int rc = svc_referral_view(api_ctx(req), req->params[0], &r);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    http_etag(res, req, json_integer_value(json_object_get(r, "version")));
    http_json(res, 200, json_incref(r));
}

static void act(struct request *req, struct response *res, enum referral_action a)
{
    json_t *body = arena_json(&req->arena, req->body.len ? http_body_json(req, res) : json_object());
    if (!body)
        return;
    struct svc_ctx *c = api_ctx(req);
    json_t *errors = svc_errors(c);
    struct svc_referral_act_in in = {
        .route = input_str(body, "route", errors),
        .team_id = input_str(body, "team_id", errors),
        .note = input_str(body, "note", errors),
        .reason = input_str(body, "reason", errors),
        .expect = api_expect(req, body),
    };
    int rc = svc_referral_act(c, req->params[0], a, &in);
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        respond_referral(req, res, req->params[0], 200);
}

void h_referral_triage(struct request *req, struct response *res) { act(req, res, REFERRAL_TRIAGE); }
void h_referral_accept(struct request *req, struct response *res) { act(req, res, REFERRAL_ACCEPT); }
void h_referral_decline(struct request *req, struct response *res) { act(req, res, REFERRAL_DECLINE); }
void h_referral_reroute(struct request *req, struct response *res) { act(req, res, REFERRAL_REROUTE); }

/* GET /api/v1/teams/{id}/awaiting-acceptance: what the front door triaged
 * that still waits for the receiving team (svc/referral_watch.h). */
void h_team_awaiting(struct request *req, struct response *res)
{
    json_t *out;
    int rc = svc_referrals_awaiting(api_ctx(req), req->params[0], &out);
    api_reply(req, res, rc, 200, &out);
}

/* GET /api/v1/my/escalated-referrals: a team manager's referrals past
 * their response standard and still not accepted. */
void h_referrals_escalated(struct request *req, struct response *res)
{
    json_t *out;
    int rc = svc_referrals_escalated(api_ctx(req), &out);
    api_reply(req, res, rc, 200, &out);
}

void h_team_queue(struct request *req, struct response *res)
{
    int limit = api_limit(req, res);
    if (limit < 0)
        return;
    json_t *list;
    int rc = svc_referral_queue(api_ctx(req), req->params[0], limit, &list);
    json_t *out = rc == SVC_OK ? svc_own(api_ctx(req), json_pack("{s:O}", "items", list)) : NULL;
    api_reply(req, res, rc, 200, &out);
}

void h_referral_routes(struct request *req, struct response *res)
{
    json_t *list;
    int rc = svc_referral_routes(api_ctx(req), &list);
    json_t *out = rc == SVC_OK ? svc_own(api_ctx(req), json_pack("{s:O}", "items", list)) : NULL;
    api_reply(req, res, rc, 200, &out);
}

/* POST /api/v1/teams/{id}/trusted-assessors {user_id}: an org admin of the
 * team's organisation names a trusted assessor for the team's service. */
void h_trusted_assessor_add(struct request *req, struct response *res)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res));
    if (!body)
        return;
    struct svc_ctx *c = api_ctx(req);
    const char *user = input_str(body, "user_id", svc_errors(c));
    int rc = svc_trusted_assessor_add(c, req->params[0], user);
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        http_json(res, 201, json_pack("{s:s, s:s}", "team_id", req->params[0], "user_id", user));
}
