/* Moving a referral on: triage at the front door, accept or decline by the
 * receiving team, reroute by the front door while the team has not
 * accepted; and the team queues. Only members of the team holding the
 * referral may accept or decline it; only the front door triages and
 * reroutes it. */
#include "api/api.h"
#include "api/handlers.h"
#include "api/referrals_api.h"
#include "svc/referral_actions.h"
#include "store/persons.h"
#include "store/referrals.h"
#include "util/clock.h"
#include <stdio.h>
#include <string.h>

int referral_act(struct request *req, struct response *res, const char *id, enum referral_action action, json_t *body)
{
    json_t *errors = json_array();
    struct svc_referral_act_in in = {0};
    if (action == REFERRAL_TRIAGE || action == REFERRAL_REROUTE) {
        in.route = api_str(body, "route", errors);
        in.team_id = api_str(body, "team_id", errors);
    }
    in.note = api_str(body, "note", errors);
    if (action == REFERRAL_DECLINE)
        in.reason = api_str(body, "reason", errors);
    struct svc_ctx *c = api_ctx(req);
    size_t i;
    json_t *e;
    json_array_foreach(errors, i, e)
        svc_field_error(c, json_string_value(json_object_get(e, "field")),
                        json_string_value(json_object_get(e, "message")));
    json_decref(errors);
    in.expect = api_expect(req, body);
    int rc = svc_referral_act(c, id, action, &in);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return -1;
    }
    return 0;
}

json_t *referral_queue(struct request *req, struct response *res, const char *team_id, int limit)
{
    struct store_error err = {0};
    if (referrals_user_in_team(req->db, req->who.user_id, team_id, &err) != 0) {
        http_problem(res, req, 403, "not-your-team", "Not your team",
                     "Only members of a team can see its work queue.");
        return NULL;
    }
    json_t *items = referrals_queue(req->db, team_id, limit, &err);
    if (!items) {
        http_internal(res, req, 503, err.message);
        return NULL;
    }
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it)
        referral_present(it);
    if (api_audit_read_items(req, res, "referral", items, "person_id", "relationship") < 0) {
        json_decref(items);
        return NULL;
    }
    return items;
}
