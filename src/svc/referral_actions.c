/* Moving a referral on (referral_actions.h). */
#include "svc/referral_actions.h"
#include "store/discharge.h"
#include "store/persons.h"
#include "store/referrals.h"
#include <stdio.h>
#include <string.h>

struct act {
    json_t *ref;
    const char *person_id, *holder, *note, *event;
    enum referral_status from;
    struct referral_change change;
    char team[STORE_ID_LEN];
};

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static int parse_status(const char *s)
{
    static const char *const names[] = {"received", "triaged", "accepted", "closed"};
    for (int i = 0; i < 4; i++)
        if (s && strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

/* The team a triage sends the referral to: the one named (it must receive
 * the route), else the route's team for the person's locality. */
static int triage_team(struct svc_ctx *c, const struct svc_referral_act_in *in, struct act *a)
{
    const char *route = a->change.route;
    if (in->team_id && *in->team_id) {
        if (referrals_route_has_team(c->db, route, in->team_id, &c->err) != 0) {
            svc_field_error(c, "team_id", "does not receive this route");
            return -1;
        }
        snprintf(a->team, sizeof a->team, "%s", in->team_id);
        return 0;
    }
    char loc[STORE_ID_LEN] = "";
    referrals_person_locality(c->db, a->person_id, loc, &c->err);
    if (referrals_route_team(c->db, route, loc, a->team, &c->err) != 0) {
        svc_field_error(c, "route", "no team receives this route for the person's locality; give team_id");
        return -1;
    }
    return 0;
}

/* Route and team for a triage or reroute; fills a->change. */
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
    if (triage_team(c, in, a) < 0)
        return -1;
    if (a->holder && strcmp(a->team, a->holder) == 0) {
        svc_field_error(c, in->team_id && *in->team_id ? "team_id" : "route",
                        "The referral already waits with this team: choose another team or route");
        return -1;
    }
    a->change.team_id = a->team;
    a->event = "triaged";
    return 0;
}

/* On accept: assessed again unless a trusted assessor referred, or made
 * the assessment a linked transfer of care carries and it is still
 * current today — it may have aged while the referral waited
 * (domain/referral.h). */
static int reassessment(struct svc_ctx *c, struct act *a, json_t *transfer)
{
    const char *assessor = str(transfer, "assessed_by");
    int referrer = referrals_trusted(c->db, a->holder, str(a->ref, "referred_by"), &c->err);
    int trusted = assessor ? referrals_trusted(c->db, a->holder, assessor, &c->err) : 0;
    if (referrer < 0 || trusted < 0)
        return svc_failed(c, "trusted assessors");
    struct date on;
    int current = assessor && date_parse(str(transfer, "assessed_on"), "assessed_on", &on, NULL) == 0 &&
                  referral_assessment_current(on, svc_today(c), c->policy.trusted_assessment_days, NULL) == 0;
    a->change.reassessment =
        referral_reassessment_name(referral_reassessment(referrer, assessor != NULL, current, trusted));
    return SVC_OK;
}

/* The change an action makes: SVC_OK, SVC_INVALID (fields named) or
 * SVC_MOVED_ON (not allowed from the referral's status). */
static int plan(struct svc_ctx *c, const struct svc_referral_act_in *in, enum referral_action action, struct act *a,
                json_t *transfer)
{
    struct domain_error de;
    enum referral_route route = ROUTE_CRISIS_RESPONSE;
    int triage = action == REFERRAL_TRIAGE || action == REFERRAL_REROUTE;
    if (triage && plan_triage(c, in, a) < 0)
        return SVC_INVALID;
    if (action == REFERRAL_REROUTE && strcmp(a->event, "triaged") == 0)
        a->event = "rerouted";
    else if (action == REFERRAL_REROUTE)   /* signposted: back with the front door, closed */
        a->change.team_id = str(a->ref, "front_door_team_id");
    if (triage)
        route = (enum referral_route)referral_route_parse(a->change.route, "route", NULL);
    enum referral_status to;
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
        a->change.team_id = str(a->ref, "front_door_team_id");
        a->change.returned = 1;
        a->event = "declined";
    } else if (action == REFERRAL_ACCEPT) {
        int rc = reassessment(c, a, transfer);
        if (rc != SVC_OK)
            return rc;
        a->change.outcome = "accepted";
        a->change.responded = 1;
        a->event = "accepted";
    }
    return svc_has_errors(c) ? SVC_INVALID : SVC_OK;
}

/* A transfer of care linked to the referral follows it: its status and
 * owner, and which team has the stay's "receiving" relationship. */
static int follow_transfer(struct svc_ctx *c, const struct actor *by, struct act *a, json_t *t, const char *team_after)
{
    if (!t)
        return 0;
    const char *to = a->change.to, *status = "open";
    if (strcmp(to, "accepted") == 0)
        status = "accepted";
    else if (strcmp(to, "closed") == 0)
        status = "closed";
    else if (strcmp(to, "received") == 0)
        status = "declined";   /* back with the front door, to be sent on */
    const char *stay = str(t, "stay_id"), *owner = str(t, "team_id");
    int rc = discharge_transfer_follow(c->db, by, a->person_id, str(t, "id"), status, team_after, &c->err);
    if (rc == 0 && owner && team_after && strcmp(owner, team_after) != 0)
        rc = discharge_stay_team_release(c->db, stay, a->person_id, owner, by->now, &c->err);
    if (rc == 0 && (strcmp(status, "open") == 0 || strcmp(status, "accepted") == 0))
        rc = discharge_stay_team_receive(c->db, stay, a->person_id, team_after, &c->err);
    if (rc == 0)
        rc = svc_tx_audit(c, "update", "stay_transfer", str(t, "id"), a->person_id, "relationship");
    return rc;
}

static int act_tx(struct svc_ctx *c, const char *id, enum referral_action action, struct act *a, json_t *transfer)
{
    struct actor by = svc_actor(c);
    const char *team_after = a->change.team_id ? a->change.team_id : a->holder;
    int rc = svc_tx_begin(c);
    if (rc != 0)
        return rc;
    rc = referrals_transition(c->db, &by, id, &a->change, &c->err);
    if (rc == STORE_ENOTFOUND)
        return svc_tx_end(c, svc_refuse(c, SVC_MOVED_ON, NULL, "The referral was changed by someone else. Reload it."));
    if (rc == 0 && action == REFERRAL_ACCEPT) {
        rc = persons_caseload_open(c->db, &by, a->person_id, a->holder, svc_date_offset(c, 0), "referral accepted",
                                   &c->err);
        if (rc == 0)
            rc = persons_org_holds(c->db, a->person_id, c->org_id, by.now, &c->err);
    }
    if (rc == 0)
        rc = referrals_event_add(c->db, &by, id, a->person_id, team_after, a->event, a->note, &c->err);
    if (rc == 0)
        rc = svc_tx_audit(c, a->event, "referral", id, a->person_id, "relationship");
    if (rc == 0)
        rc = follow_transfer(c, &by, a, transfer, team_after);
    return svc_tx_end(c, rc);
}

/* SVC_OK when the user is in the team the action belongs to. */
static int may_act(struct svc_ctx *c, enum referral_action action, struct act *a)
{
    int by_front_door = action == REFERRAL_TRIAGE || action == REFERRAL_REROUTE;
    const char *team = by_front_door ? str(a->ref, "front_door_team_id") : a->holder;
    if (referrals_user_in_team(c->db, c->user_id, team, &c->err) == 0)
        return SVC_OK;
    if (by_front_door)
        return svc_refuse(c, SVC_NOT_YOUR_TEAM, "Not your front door's referral",
                          "Only the front door that received a referral can triage it or send it on.");
    return svc_refuse(c, SVC_NOT_YOUR_TEAM, "Not your team's referral",
                      "Only members of the team holding a referral can act on it.");
}

int svc_referral_act(struct svc_ctx *c, const char *id, enum referral_action action, struct svc_referral_act_in *in)
{
    struct act a = {0};
    if (!(a.ref = svc_own(c, referrals_get(c->db, id, &c->err))))
        return svc_store_fail(c, c->err.code, "referral");
    a.person_id = str(a.ref, "person_id");
    a.holder = str(a.ref, "team_id");
    snprintf(in->holder, sizeof in->holder, "%s", a.holder ? a.holder : "");
    snprintf(in->front_door, sizeof in->front_door, "%s", str(a.ref, "front_door_team_id"));
    const char *status = str(a.ref, "status");
    a.from = (enum referral_status)parse_status(status);
    a.change.from = status;
    a.change.version = json_integer_value(json_object_get(a.ref, "version"));
    int rc = may_act(c, action, &a);
    if (rc == SVC_OK && (in->expect.if_match || in->expect.version))
        rc = svc_version_check(c, &in->expect, a.change.version);
    if (rc != SVC_OK)
        return rc;
    json_t *transfer = svc_own(c, discharge_transfer_of_referral(c->db, a.person_id, id, &c->err));
    if (!transfer && c->err.code != STORE_ENOTFOUND)
        return svc_failed(c, "transfer of the referral");
    rc = plan(c, in, action, &a, transfer);
    if (rc == SVC_MOVED_ON)
        return svc_refuse(c, SVC_MOVED_ON, NULL, arena_printf(c->arena, "The referral is now %s, so this cannot be"
                                                                        " done. Reload it.", status));
    if (rc != SVC_OK)
        return rc;
    return act_tx(c, id, action, &a, transfer);
}

int svc_trusted_assessor_add(struct svc_ctx *c, const char *team_id, const char *user_id)
{
    json_t *team = svc_own(c, accounts_team_get(c->db, team_id, &c->err));
    if (!team)
        return svc_store_fail(c, c->err.code, "team");
    json_t *u = user_id ? svc_own(c, accounts_user_get(c->db, user_id, &c->err)) : NULL;
    if (!u)
        svc_field_error(c, "user_id", "is required and must be a user");
    if (c->user_id && (!c->org_id || strcmp(str(team, "org_id"), c->org_id) != 0))   /* the system may */
        return svc_refuse(c, SVC_OTHER_ORG, NULL,
                          "You can only name trusted assessors for your own organisation's teams.");
    if (svc_has_errors(c))
        return SVC_INVALID;
    int rc = svc_tx_begin(c);
    if (rc == 0) rc = referrals_trusted_add(c->db, team_id, user_id, &c->err);
    if (rc == 0) rc = svc_tx_audit(c, "create", "trusted_assessor", team_id, NULL, NULL);
    return svc_tx_end(c, rc);
}
