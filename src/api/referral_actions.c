/* Moving a referral on: triage at the front door, accept or decline by the
 * receiving team, reroute by the front door while the team has not
 * accepted; and the team queues. Only members of the team holding the
 * referral may accept or decline it; only the front door triages and
 * reroutes it. */
#include "api/api.h"
#include "api/handlers.h"
#include "api/referrals_api.h"
#include "store/persons.h"
#include "store/referrals.h"
#include "util/clock.h"
#include <stdio.h>
#include <string.h>

struct act {
    json_t *ref;
    const char *person_id, *holder, *note;
    enum referral_status from;
    struct referral_change change;
    char team[STORE_ID_LEN];
    const char *event;
};

static int parse_status(const char *s)
{
    static const char *const names[] = {"received", "triaged", "accepted", "closed"};
    for (int i = 0; i < 4; i++)
        if (s && strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

/* Route and team for a triage; fills a->change. */
static int plan_triage(struct request *req, json_t *body, struct act *a, json_t *errors)
{
    struct domain_error de;
    struct store_error err = {0};
    const char *route_s = api_str(body, "route", errors);
    int route = referral_route_parse(route_s, "route", &de);
    if (route < 0) {
        http_add_error(errors, de.field, de.message);
        return -1;
    }
    a->change.route = route_s;
    if (route == ROUTE_SIGNPOSTING) {
        a->change.outcome = "first_contact_resolution";
        a->change.responded = a->change.closed = 1;
        a->event = "closed";
        return 0;
    }
    const char *team = api_str(body, "team_id", errors);
    if (team && *team) {
        if (referrals_route_has_team(req->db, route_s, team, &err) != 0) {
            http_add_error(errors, "team_id", "does not receive this route");
            return -1;
        }
        snprintf(a->team, sizeof a->team, "%s", team);
    } else {
        char loc[STORE_ID_LEN] = "";
        referrals_person_locality(req->db, a->person_id, loc, &err);
        if (referrals_route_team(req->db, route_s, loc, a->team, &err) != 0) {
            http_add_error(errors, "route", "no team receives this route for the person's locality; give team_id");
            return -1;
        }
    }
    if (a->holder && strcmp(a->team, a->holder) == 0) {
        http_add_error(errors, team && *team ? "team_id" : "route",
                       "The referral already waits with this team: choose another team or route");
        return -1;
    }
    a->change.team_id = a->team;
    a->event = "triaged";
    return 0;
}

static int plan(struct request *req, json_t *body, enum referral_action action, struct act *a, json_t *errors)
{
    struct domain_error de;
    struct store_error err = {0};
    enum referral_route route = ROUTE_CRISIS_RESPONSE;
    int triage = action == REFERRAL_TRIAGE || action == REFERRAL_REROUTE;
    if (triage && plan_triage(req, body, a, errors) < 0)
        return -1;
    if (action == REFERRAL_REROUTE && strcmp(a->event, "triaged") == 0)
        a->event = "rerouted";
    else if (action == REFERRAL_REROUTE)   /* signposted: back with the front door, closed */
        a->change.team_id = json_string_value(json_object_get(a->ref, "front_door_team_id"));
    if (triage)
        route = (enum referral_route)referral_route_parse(a->change.route, "route", NULL);
    enum referral_status to;
    if (referral_next_status(a->from, action, route, &to, &de) < 0)
        return 409;
    a->change.to = referral_status_name(to);
    a->note = api_str(body, "note", errors);
    if (action == REFERRAL_DECLINE) {
        a->note = api_str(body, "reason", errors);
        if (!a->note || !*a->note) {
            http_add_error(errors, "reason", "is required: say why the team declines, for the front door");
            return -1;
        }
        a->change.team_id = json_string_value(json_object_get(a->ref, "front_door_team_id"));
        a->change.returned = 1;
        a->event = "declined";
    } else if (action == REFERRAL_ACCEPT) {
        int trusted = referrals_trusted(req->db, a->holder,
                                        json_string_value(json_object_get(a->ref, "referred_by")), &err);
        a->change.reassessment = trusted == 1 ? "skipped_trusted_assessor" : "required";
        a->change.outcome = "accepted";
        a->change.responded = 1;
        a->event = "accepted";
    }
    return 0;
}

static int act_tx(struct request *req, const char *id, enum referral_action action, struct act *a)
{
    char now[STORE_TIME_LEN], today[11];
    store_now(now);
    clock_today(today);
    struct actor by = {req->who.user_id, now};
    struct svc_ctx c = api_svc_ctx(req);
    struct store_error err = {0};
    const char *team_after = a->change.team_id ? a->change.team_id : a->holder;
    int rc = store_tx_begin(req->db, STORE_TX_WRITE, &err);
    if (rc == 0) rc = referrals_transition(req->db, &by, id, &a->change, &err);
    if (rc == 0 && action == REFERRAL_ACCEPT) {
        rc = persons_caseload_open(req->db, &by, a->person_id, a->holder, today, "referral accepted", &err);
        if (rc == 0)
            rc = persons_org_holds(req->db, a->person_id, req->who.org_id, now, &err);
    }
    if (rc == 0) rc = referrals_event_add(req->db, &by, id, a->person_id, team_after, a->event, a->note, &err);
    if (rc == 0) rc = svc_audit(&c, a->event, "referral", id, a->person_id, "relationship", &err);
    if (rc == 0 && store_tx_commit(req->db, &err) == 0)
        return 0;
    store_tx_rollback(req->db);
    return rc == STORE_ENOTFOUND ? 409 : 503;
}

static void conflict(struct request *req, struct response *res, const char *status)
{
    http_problem(res, req, 409, "referral-state", "The referral has moved on",
                 arena_printf(&req->arena, "The referral is now %s, so this cannot be done. Reload it.", status));
}

int referral_act(struct request *req, struct response *res, const char *id, enum referral_action action, json_t *body)
{
    struct store_error err = {0};
    struct act a = {0};
    if (!(a.ref = referrals_get(req->db, id, &err))) {
        if (err.code == STORE_ENOTFOUND)
            http_problem(res, req, 404, "not-found", "Not found", "No such referral.");
        else
            http_internal(res, req, 503, err.message);
        return -1;
    }
    a.person_id = json_string_value(json_object_get(a.ref, "person_id"));
    a.holder = json_string_value(json_object_get(a.ref, "team_id"));
    const char *status = json_string_value(json_object_get(a.ref, "status"));
    a.from = (enum referral_status)parse_status(status);
    a.change.from = status;
    a.change.version = json_integer_value(json_object_get(a.ref, "version"));
    int rc = -1;
    json_t *errors = json_array();
    int by_front_door = action == REFERRAL_TRIAGE || action == REFERRAL_REROUTE;
    const char *fd = json_string_value(json_object_get(a.ref, "front_door_team_id"));
    if (by_front_door && referrals_user_in_team(req->db, req->who.user_id, fd, &err) != 0) {
        http_problem(res, req, 403, "not-your-team", "Not your front door's referral",
                     "Only the front door that received a referral can triage it or send it on.");
    } else if (!by_front_door && referrals_user_in_team(req->db, req->who.user_id, a.holder, &err) != 0) {
        http_problem(res, req, 403, "not-your-team", "Not your team's referral",
                     "Only members of the team holding a referral can act on it.");
    } else if ((json_object_get(body, "version") || http_header(req, "If-Match")) &&
               http_check_version(req, res, body, a.change.version) < 0) {
        /* stale or malformed version: res holds 409, 412 or 422 (without one
         * the status precondition of the update guards the change) */
    } else {
        int p = plan(req, body, action, &a, errors);
        if (p == 409)
            conflict(req, res, status);
        else if (p < 0 || json_array_size(errors))
            http_validation(res, req, json_incref(errors));
        else if ((p = act_tx(req, id, action, &a)) == 409)
            conflict(req, res, "changed by someone else");
        else if (p)
            http_internal(res, req, 503, "referral change could not be saved");
        else
            rc = 0;
    }
    json_decref(errors);
    json_decref(a.ref);
    return rc;
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
