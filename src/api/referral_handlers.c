/* JSON API of the single referral point. */
#include "api/api.h"
#include "api/handlers.h"
#include "api/referrals_api.h"
#include "store/referrals.h"
#include "svc/referral_watch.h"
#include <string.h>

/* The referral's own fields without the person's details: who acted may
 * hold no relationship with the person (a referrer, or a team that has just
 * passed the referral on). */
static void respond_referral(struct request *req, struct response *res, const char *id, int status)
{
    struct store_error err = {0};
    json_t *r = referrals_get(req->db, id, &err);
    if (!r) {
        http_internal(res, req, 503, err.message);
        return;
    }
    const char *drop[] = {"family_name", "given_name", "date_of_birth", "nhs_number"};
    for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
        json_object_del(r, drop[i]);
    referral_present(r);
    http_etag(res, req, json_integer_value(json_object_get(r, "version")));
    http_json(res, status, r);
}

void h_referral_create(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    char id[STORE_ID_LEN];
    if (referral_create(req, res, body, id) == 0) {
        http_header_add(res, req, "Location", arena_printf(&req->arena, "/api/v1/referrals/%s", id));
        respond_referral(req, res, id, 201);
    }
    json_decref(body);
}

void h_referral_get(struct request *req, struct response *res)
{
    json_t *r = referral_read(req, res, req->params[0]);
    if (r) {
        http_etag(res, req, json_integer_value(json_object_get(r, "version")));
        http_json(res, 200, r);
    }
}

static void act(struct request *req, struct response *res, enum referral_action a)
{
    json_t *body = req->body.len ? http_body_json(req, res) : json_object();
    if (!body)
        return;
    if (referral_act(req, res, req->params[0], a, body) == 0)
        respond_referral(req, res, req->params[0], 200);
    json_decref(body);
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
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        http_json(res, 200, json_incref(out));
}

/* GET /api/v1/my/escalated-referrals: a team manager's referrals past
 * their response standard and still not accepted. */
void h_referrals_escalated(struct request *req, struct response *res)
{
    json_t *out;
    int rc = svc_referrals_escalated(api_ctx(req), &out);
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        http_json(res, 200, json_incref(out));
}

void h_team_queue(struct request *req, struct response *res)
{
    int limit = api_limit(req, res);
    if (limit < 0)
        return;
    json_t *items = referral_queue(req, res, req->params[0], limit);
    if (items)
        http_json(res, 200, json_pack("{s:o}", "items", items));
}

void h_referral_routes(struct request *req, struct response *res)
{
    struct store_error err = {0};
    json_t *routes = referrals_routes(req->db, &err);
    if (!routes)
        http_internal(res, req, 503, err.message);
    else
        http_json(res, 200, json_pack("{s:o}", "items", routes));
}

/* POST /api/v1/teams/{id}/trusted-assessors {user_id}: an org admin of the
 * team's organisation names a trusted assessor for the team's service. */
void h_trusted_assessor_add(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    struct store_error err = {0};
    json_t *errors = json_array();
    json_t *team = accounts_team_get(req->db, req->params[0], &err);
    const char *user = api_str(body, "user_id", errors);
    json_t *u = user ? accounts_user_get(req->db, user, &err) : NULL;
    if (!user || !u)
        http_add_error(errors, "user_id", "is required and must be a user");
    struct svc_ctx c = api_svc_ctx(req);
    if (!team) {
        http_problem(res, req, 404, "not-found", "Not found", "No such team.");
    } else if (strcmp(json_string_value(json_object_get(team, "org_id")), req->who.org_id) != 0) {
        http_problem(res, req, 403, "other-organisation", "Another organisation's team",
                     "You can only name trusted assessors for your own organisation's teams.");
    } else if (json_array_size(errors)) {
        http_validation(res, req, json_incref(errors));
    } else if (store_tx_begin(req->db, STORE_TX_WRITE, &err) == 0 &&
               referrals_trusted_add(req->db, req->params[0], user, &err) == 0 &&
               svc_audit(&c, "create", "trusted_assessor", req->params[0], NULL, NULL, &err) == 0 &&
               store_tx_commit(req->db, &err) == 0) {
        http_json(res, 201, json_pack("{s:s, s:s}", "team_id", req->params[0], "user_id", user));
    } else {
        store_tx_rollback(req->db);
        http_internal(res, req, 503, err.message);
    }
    json_decref(u);
    json_decref(team);
    json_decref(errors);
    json_decref(body);
}
