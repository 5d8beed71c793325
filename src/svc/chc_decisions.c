/* The ICB's decisions on a CHC case (svc/chc.h): eligibility (eligible /
 * not eligible with FNC, a joint package or council-only support /
 * deferred), Fast Track (eligible at once, domain/fast_track.h) and the
 * package start. */
#include "svc/chc_int.h"
#include "domain/fast_track.h"
#include "domain/fnc.h"
#include "store/chc.h"
#include "store/persons.h"
#include "svc/access.h"
#include "svc/input.h"
#include <stdio.h>
#include <string.h>

#define RATIONALE_MIN 10

/* The case after the access check (not yet audited). */
static int load_case(struct svc_ctx *c, const char *id, json_t **out)
{
    *out = svc_own(c, chc_case_get(c->db, id, &c->err));
    return chc_access(c, *out, "CHC case");
}

/* What follows a "not eligible": FNC at its band's weekly rate, a joint
 * package or council-only support. */
static void decode_not_eligible(struct svc_ctx *c, json_t *in, struct chc_decision_row *d)
{
    json_t *errors = svc_errors(c);
    d->fnc = chc_yes(json_object_get(in, "fnc"));
    d->funding = input_str(in, "funding", errors);
    if (d->funding && !*d->funding)
        d->funding = NULL;
    if (d->funding && strcmp(d->funding, "joint_package") && strcmp(d->funding, "council_only") &&
        strcmp(d->funding, "none"))
        svc_field_error(c, "funding",
                        "Select what follows the decision: a joint package, council-only support or neither");
    else if (!d->fnc && (!d->funding || strcmp(d->funding, "none") == 0))
        svc_field_error(c, "funding", "not eligible: say whether FNC, a joint package or council-only support follows");
    if (!d->fnc)
        return;
    struct domain_error de;
    enum fnc_band band;
    enum fnc_residence where;
    struct date on;
    int64_t pence;
    d->residence = input_str(in, "residence", errors);
    if (fnc_residence_parse(d->residence, "residence", &where, &de) < 0 ||
        fnc_residence_check(where, "residence", &de) < 0)
        svc_field_error(c, de.field, de.message);
    d->fnc_band = input_str(in, "fnc_band", errors);
    if (fnc_band_parse(d->fnc_band, "fnc_band", &band, &de) < 0)
        svc_field_error(c, "fnc_band", "is required with FNC: standard or higher");
    else if (d->decided_on && date_parse(d->decided_on, "decided_on", &on, NULL) == 0) {
        if (fnc_weekly_rate(on, band, "decided_on", &pence, &de) == 0)
            d->fnc_weekly_pence = pence;
        else
            svc_field_error(c, "decided_on", "has no FNC rate in force (the table starts on 2024-04-01)");
    }
}

/* in → decision row; errors name the fields. */
static void decode_decision(struct svc_ctx *c, json_t *in, json_t *cs, struct chc_decision_row *d)
{
    json_t *errors = svc_errors(c);
    d->outcome = input_str(in, "outcome", errors);
    int eligible = d->outcome && strcmp(d->outcome, "eligible") == 0;
    int not_eligible = d->outcome && strcmp(d->outcome, "not_eligible") == 0;
    if (!eligible && !not_eligible && !(d->outcome && strcmp(d->outcome, "deferred") == 0))
        svc_field_error(c, "outcome", "must be eligible, not_eligible or deferred");
    d->rationale = input_str(in, "rationale", errors);
    if (!d->rationale || strlen(d->rationale) < RATIONALE_MIN)
        svc_field_error(c, "rationale", "must give the reasons for the decision (at least 10 characters)");
    d->decided_on = input_str(in, "decided_on", errors);
    const char *received = json_string_value(json_object_get(cs, "received_on"));
    if (chc_date_check(c, d->decided_on, "decided_on", 1) == 0 && strcmp(d->decided_on, received) < 0)
        svc_field_error(c, "decided_on", "is before the ICB received the case");
    d->fnc_weekly_pence = -1;
    if (not_eligible)
        decode_not_eligible(c, in, d);
}

static int decide_write(struct svc_ctx *c, json_t *cs, struct chc_decision_row *d, long long version)
{
    char did[STORE_ID_LEN];
    struct actor by = svc_actor(c);
    const char *id = json_string_value(json_object_get(cs, "id"));
    int deferred = strcmp(d->outcome, "deferred") == 0;
    const char *summary = strcmp(d->outcome, "eligible") == 0 ? "CHC decision: eligible"
                          : deferred ? "CHC decision deferred" : "CHC decision: not eligible";
    int rc = svc_tx_begin(c);
    if (rc == 0) rc = chc_decision_insert(c->db, &by, d, did, &c->err);
    if (rc == 0) rc = chc_case_decide(c->db, &by, id, version, d->outcome, d->decided_on, did, &c->err);
    if (rc == 0) rc = chc_case_event_add(c->db, &by, id, d->person_id, deferred ? "deferred" : "decided", summary,
                                         &c->err);
    if (rc == 0) rc = persons_event_add(c->db, d->person_id, c->org_id, c->user_id, "chc_decision", summary,
                                        svc_now(c), &c->err);
    if (rc == 0) rc = svc_tx_audit(c, "decide", "chc_case", id, d->person_id, "relationship");
    rc = chc_write_end(c, rc, "Reload the case.");
    if (rc == SVC_STALE)
        c->title = "The case was changed by someone else";
    return rc;
}

/* The version, when the caller gave one (a page's form may not). */
static int maybe_version(struct svc_ctx *c, const struct svc_expect *e, long long version)
{
    return e && (e->version || e->if_match) ? svc_version_check(c, e, version) : SVC_OK;
}

/* Only the ICB decides; a refused attempt is audited for the privacy
 * officer too (with the person, so it shows in the person's access log). */
static int icb_only(struct svc_ctx *c, const char *case_id)
{
    if (c->user_id && c->org_type && strcmp(c->org_type, "icb") == 0)
        return SVC_OK;
    struct store_error err = {0};
    json_t *cs = svc_own(c, chc_case_get(c->db, case_id, &err));
    svc_audit_refusal(c, "decide_denied", "chc_case", case_id, json_string_value(json_object_get(cs, "person_id")));
    return svc_refuse(c, SVC_NOT_ICB, NULL,
                      "CHC eligibility is decided by the integrated care board: your organisation is not an ICB.");
}

int svc_chc_decide(struct svc_ctx *c, const char *case_id, json_t *in, const struct svc_expect *e)
{
    json_t *cs;
    int rc = icb_only(c, case_id);
    if (rc == SVC_OK)
        rc = load_case(c, case_id, &cs);
    if (rc != SVC_OK)
        return rc;
    long long version = json_integer_value(json_object_get(cs, "version"));
    if ((rc = maybe_version(c, e, version)) != SVC_OK)
        return rc;
    const char *st = json_string_value(json_object_get(cs, "status"));
    if (strcmp(st, "assessed") && strcmp(st, "deferred"))
        return svc_refuse(c, SVC_CHC_CASE_STATE, "Not ready for a decision",
                          arena_printf(c->arena, "The case is %s: the ICB decides after the full assessment.", st));
    struct chc_decision_row d = {.case_id = case_id, .person_id = json_string_value(json_object_get(cs, "person_id"))};
    decode_decision(c, in, cs, &d);
    if (svc_has_errors(c))
        return SVC_INVALID;
    return decide_write(c, cs, &d, version);
}

/* ---- Fast Track ---- */

static int fast_track_write(struct svc_ctx *c, const char *pid, const char *reason, const char *date,
                            const char *team, char id[STORE_ID_LEN])
{
    struct actor by = svc_actor(c);
    struct chc_case_row r = {.person_id = pid, .route = "fast_track", .status = "decided", .team_id = team,
                             .received_on = date, .outcome = "eligible", .decided_on = date,
                             .fast_track_reason = reason};
    int rc = svc_tx_begin(c);
    if (rc == 0) rc = chc_case_insert(c->db, &by, &r, id, &c->err);
    if (rc == 0) rc = chc_case_event_add(c->db, &by, id, pid, "fast_track", reason, &c->err);
    if (rc == 0) rc = persons_event_add(c->db, pid, c->org_id, c->user_id, "chc_fast_track",
                                        "CHC Fast Track: eligible immediately", svc_now(c), &c->err);
    if (rc == 0) rc = svc_tx_audit(c, "create", "chc_case", id, pid, "relationship");
    return svc_tx_end(c, rc);
}

/* Fast Track comes from an appropriate clinician, known from the user's
 * account: anyone else is refused (who they are, not what they typed). */
int svc_chc_fast_track(struct svc_ctx *c, const char *person_id, json_t *in, char id[STORE_ID_LEN])
{
    int rc = chc_person_check(c, person_id);
    if (rc != SVC_OK)
        return rc;
    const char *today = svc_date_offset(c, 0);
    const char *reason = input_str(in, "reason", svc_errors(c));
    const char *date = input_str(in, "date", svc_errors(c));
    if (!date || !*date)
        date = today;
    struct domain_error de;
    int ft = fast_track_check(c->profession, reason, date, today, &de);
    if (ft < 0 && strcmp(de.field, "profession") == 0)
        return svc_refuse(c, SVC_NOT_CLINICIAN, NULL, "A Fast Track comes from a registered nurse or a doctor; "
                                                      "your account's profession is neither.");
    if (chc_date_check(c, date, "date", 1) < 0 || ft < 0) {
        if (ft < 0 && (strcmp(de.field, "date") != 0 || !svc_has_errors(c)))
            svc_field_error(c, de.field, de.message);
        return SVC_INVALID;
    }
    if (svc_has_errors(c))
        return SVC_INVALID;
    char team[STORE_ID_LEN];
    if ((rc = chc_route_team(c, person_id, team)) != SVC_OK)
        return rc;
    return fast_track_write(c, person_id, reason, date, team, id);
}

int svc_chc_package_start(struct svc_ctx *c, const char *case_id, json_t *in, const struct svc_expect *e)
{
    json_t *cs;
    int rc = load_case(c, case_id, &cs);
    if (rc != SVC_OK)
        return rc;
    struct store_error err = {0};
    long long version = json_integer_value(json_object_get(cs, "version"));
    const char *on = input_str(in, "package_start_on", svc_errors(c));
    const char *pid = json_string_value(json_object_get(cs, "person_id"));
    const char *outcome = json_string_value(json_object_get(cs, "outcome"));
    if (!c->user_id || chc_case_user_in_team(c->db, case_id, c->user_id, &err) != 0)
        return svc_refuse(c, SVC_NOT_YOUR_TEAM, "Not your team's case", "Only the CHC team records the package.");
    if ((rc = maybe_version(c, e, version)) != SVC_OK)
        return rc;
    if (!outcome || strcmp(outcome, "eligible") != 0)
        return svc_refuse(c, SVC_CHC_CASE_STATE, "Not eligible", "A package starts only once the person is eligible.");
    if (chc_date_check(c, on, "package_start_on", 1) < 0 || svc_has_errors(c))
        return SVC_INVALID;
    struct actor by = svc_actor(c);
    rc = svc_tx_begin(c);
    if (rc == 0) rc = chc_case_package_start(c->db, &by, case_id, version, on, &c->err);
    if (rc == 0) rc = chc_case_event_add(c->db, &by, case_id, pid, "package_started", on, &c->err);
    if (rc == 0) rc = svc_tx_audit(c, "update", "chc_case", case_id, pid, "relationship");
    return chc_write_end(c, rc, "Reload the case.");
}
