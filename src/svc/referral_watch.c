/* Keeping sight of referrals that wait for a team (referral_watch.h). */
#include "svc/referral_watch.h"
#include "domain/dates.h"
#include "domain/nhs_number.h"
#include "domain/referral.h"
#include "svc/referral_reads.h"
#include "store/referrals.h"
#include <string.h>

static int member_of(struct svc_ctx *c, const char *team_id)
{
    json_t *teams = svc_teams(c), *t;
    size_t i;
    json_array_foreach(teams, i, t) {
        const char *id = json_string_value(json_object_get(t, "id"));
        if (id && team_id && strcmp(id, team_id) == 0)
            return 1;
    }
    return 0;
}

/* The words and flags a list item needs, computed at the context's now. */
static void present(struct svc_ctx *c, json_t *it)
{
    const char *nhs = json_string_value(json_object_get(it, "nhs_number"));
    if (nhs && strlen(nhs) == 10) {
        char f[NHS_NUMBER_FORMATTED];
        nhs_number_format(nhs, f);
        json_object_set_new(it, "nhs_number_formatted", json_string(f));
    }
    const char *given = json_string_value(json_object_get(it, "given_name"));
    const char *family = json_string_value(json_object_get(it, "family_name"));
    json_object_set_new(it, "person_name", json_string(arena_printf(c->arena, "%s%s%s", given ? given : "",
                                                                    given && *given ? " " : "", family ? family : "")));
    int route = referral_route_parse(json_string_value(json_object_get(it, "route")), "route", NULL);
    if (route >= 0)
        json_object_set_new(it, "route_label", json_string(referral_route_label((enum referral_route)route)));
    int64_t due, now;
    int late = timestamp_parse(json_string_value(json_object_get(it, "due_at")), "due_at", &due, NULL) == 0 &&
               timestamp_parse(svc_now(c), "now", &now, NULL) == 0 &&
               referral_escalated(REFERRAL_TRIAGED, due, now);
    json_object_set_new(it, "breached", json_boolean(late));
    json_object_set_new(it, "escalated", json_boolean(late));
    json_object_set_new(it, "due_estimated", json_boolean(json_integer_value(json_object_get(it, "due_estimated"))));
    json_t *staff = json_object_get(it, "staff"), *managers = json_object_get(it, "managers");
    if (staff)
        json_object_set_new(it, "unstaffed", json_boolean(json_integer_value(staff) == 0));
    if (managers)
        json_object_set_new(it, "no_manager", json_boolean(json_integer_value(managers) == 0));
}

static int release(struct svc_ctx *c, json_t *rows, json_t **out)
{
    int rc = svc_referral_release_rows(c, rows, present);
    if (rc == SVC_OK)
        *out = svc_own(c, json_pack("{s:O}", "items", rows));
    return rc;
}

int svc_referrals_awaiting(struct svc_ctx *c, const char *front_door_team_id, json_t **out)
{
    *out = NULL;
    if (!svc_teams(c))
        return svc_failed(c, "teams of the user");
    if (!member_of(c, front_door_team_id))
        return svc_refuse(c, SVC_FORBIDDEN, "Not your team",
                          "Only members of a front door see the referrals it triaged.");
    json_t *rows = svc_own(c, referrals_awaiting_acceptance(c->db, front_door_team_id, SVC_REFERRAL_WATCH_LIMIT,
                                                            &c->err));
    if (!rows)
        return svc_failed(c, "referrals awaiting acceptance");
    return release(c, rows, out);
}

int svc_referrals_escalated(struct svc_ctx *c, json_t **out)
{
    *out = NULL;
    if (!svc_role_is(c, "team_manager"))
        return svc_refuse(c, SVC_FORBIDDEN, "For team managers",
                          "Referrals past their response standard go to the receiving team's managers.");
    json_t *rows = svc_own(c, referrals_overdue_for_member(c->db, c->user_id, svc_now(c), SVC_REFERRAL_WATCH_LIMIT,
                                                           &c->err));
    if (!rows)
        return svc_failed(c, "escalated referrals");
    return release(c, rows, out);
}
