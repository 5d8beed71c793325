/* svc/referral_actions: see referral_actions.h. */
#include "svc/referral_actions.h"
#include "store/persons.h"
#include "store/referrals.h"
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

/* Route and team for a triage or reroute; fills a->change. -1 with a field
 * error. */
static int plan_triage(struct svc_ctx *c, const struct svc_referral_act_in *in, struct act *a)
{
    struct domain_error de;
    int route = referral_route_parse(in->route, "route", &de);
    if (route < 0) {
        svc_field_error(c, de.field, de.message);
        return -1;
    }
    a->change.route = in->route;
    if (route == ROUTE_SIGNPOSTING) {
        a->change.outcome = "first_contact_resolution";
        a->change.responded = a->change.closed = 1;
        a->event = "closed";
        return 0;
    }
    const char *team = in->team_id;
    if (team && *team) {
        if (referrals_route_has_team(c->db, in->route, team, &c->err) != 0) {
            svc_field_error(c, "team_id", "does not receive this route");
            return -1;
        }
        snprintf(a->team, sizeof a->team, "%s", team);
    } else {
        char loc[STORE_ID_LEN] = "";
        referrals_person_locality(c->db, a->person_id, loc, &c->err);
        if (referrals_route_team(c->db, in->route, loc, a->team, &c->err) != 0) {
            svc_field_error(c, "route", "no team receives this route for the person's locality; give team_id");
            return -1;
        }
    }
    if (a->holder && strcmp(a->team, a->holder) == 0) {
        svc_field_error(c, team && *team ? "team_id" : "route",
                        "The referral already waits with this team: choose another team or route");
        return -1;
    }
    a->change.team_id = a->team;
    a->event = "triaged";
    return 0;
}

/* The change the action makes: SVC_OK, SVC_INVALID or SVC_MOVED_ON. */
static int plan(struct svc_ctx *c, const struct svc_referral_act_in *in, enum referral_action action, struct act *a)
{
    enum referral_route route = ROUTE_CRISIS_RESPONSE;
    int triage = action == REFERRAL_TRIAGE || action == REFERRAL_REROUTE;
    if (triage && plan_triage(c, in, a) < 0)
        return SVC_INVALID;
    if (action == REFERRAL_REROUTE && strcmp(a->event, "triaged") == 0)
        a->event = "rerouted";
    else if (action == REFERRAL_REROUTE)   /* signposted: back with the front door, closed */
        a->change.team_id = json_string_value(json_object_get(a->ref, "front_door_team_id"));
    if (triage)
        route = (enum referral_route)referral_route_parse(a->change.route, "route", NULL);
    enum referral_status to;
    struct domain_error de;
    if (referral_next_status(a->from, action, route, &to, &de) < 0)
        return SVC_MOVED_ON;
    a->change.to = referral_status_name(to);
    a->note = in->note;
    if (action == REFERRAL_DECLINE) {
        a->note = in->reason;
        if (!a->note || !*a->note) {
            svc_field_error(c, "reason", "is required: say why the team declines, for the front door");
            return SVC_INVALID;
        }
        a->change.team_id = json_string_value(json_object_get(a->ref, "front_door_team_id"));
        a->change.returned = 1;
        a->event = "declined";
    } else if (action == REFERRAL_ACCEPT) {
        int trusted = referrals_trusted(c->db, a->holder, json_string_value(json_object_get(a->ref, "referred_by")),
                                        &c->err);
        a->change.reassessment = trusted == 1 ? "skipped_trusted_assessor" : "required";
        a->change.outcome = "accepted";
        a->change.responded = 1;
        a->event = "accepted";
    }
    return SVC_OK;
}

static int write(struct svc_ctx *c, const char *id, enum referral_action action, struct act *a)
{
    struct actor by = svc_actor(c);
    char today[DATE_STR_SIZE];
    date_format(svc_today(c), today);
    const char *team_after = a->change.team_id ? a->change.team_id : a->holder;
    int rc = svc_tx_begin(c);
    if (rc == 0) rc = referrals_transition(c->db, &by, id, &a->change, &c->err);
    if (rc == 0 && action == REFERRAL_ACCEPT) {
        rc = persons_caseload_open(c->db, &by, a->person_id, a->holder, today, "referral accepted", &c->err);
        if (rc == 0)
            rc = persons_org_holds(c->db, a->person_id, c->org_id, svc_now(c), &c->err);
    }
    if (rc == 0) rc = referrals_event_add(c->db, &by, id, a->person_id, team_after, a->event, a->note, &c->err);
    if (rc == 0) rc = svc_tx_audit(c, a->event, "referral", id, a->person_id, "relationship");
    if (rc == STORE_ENOTFOUND) {   /* the status precondition matched no row: someone moved it on */
        svc_tx_end(c, SVC_MOVED_ON);
        return svc_refuse(c, SVC_MOVED_ON, NULL,
                          "The referral is now changed by someone else, so this cannot be done. Reload it.");
    }
    return svc_tx_end(c, rc);
}

int svc_referral_act(struct svc_ctx *c, const char *id, enum referral_action action, struct svc_referral_act_in *in)
{
    const struct svc_expect *e = &in->expect;
    struct act a = {0};
    a.ref = svc_own(c, referrals_get(c->db, id, &c->err));
    if (!a.ref)
        return svc_store_fail(c, c->err.code ? c->err.code : STORE_ENOTFOUND, "referral");
    a.person_id = json_string_value(json_object_get(a.ref, "person_id"));
    a.holder = json_string_value(json_object_get(a.ref, "team_id"));
    snprintf(in->holder, sizeof in->holder, "%s", a.holder ? a.holder : "");
    snprintf(in->front_door, sizeof in->front_door, "%s",
             json_string_value(json_object_get(a.ref, "front_door_team_id")));
    const char *status = json_string_value(json_object_get(a.ref, "status"));
    a.from = (enum referral_status)parse_status(status);
    a.change.from = status;
    a.change.version = json_integer_value(json_object_get(a.ref, "version"));
    int by_front_door = action == REFERRAL_TRIAGE || action == REFERRAL_REROUTE;
    const char *fd = json_string_value(json_object_get(a.ref, "front_door_team_id"));
    if (referrals_user_in_team(c->db, c->user_id, by_front_door ? fd : a.holder, &c->err) != 0)
        return by_front_door
            ? svc_refuse(c, SVC_NOT_YOUR_TEAM, "Not your front door's referral",
                         "Only the front door that received a referral can triage it or send it on.")
            : svc_refuse(c, SVC_NOT_YOUR_TEAM, "Not your team's referral",
                         "Only members of the team holding a referral can act on it.");
    int rc;
    if ((e->version || e->if_match) && (rc = svc_version_check(c, e, a.change.version)) != SVC_OK)
        return rc;
    rc = plan(c, in, action, &a);
    if (rc == SVC_MOVED_ON)
        return svc_refuse(c, rc, NULL, c->arena ? arena_printf(c->arena,
                          "The referral is now %s, so this cannot be done. Reload it.", status)
                          : "The referral has moved on. Reload it.");
    if (rc != SVC_OK || svc_has_errors(c))
        return SVC_INVALID;
    return write(c, id, action, &a);
}
