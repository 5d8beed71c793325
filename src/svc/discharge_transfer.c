/* svc/discharge_transfer: a transfer of care raised from a hospital stay
 * (svc/discharge.h; issue 16 §5). The referral goes through the single
 * referral point like any other — received at the council's front door,
 * with its response standard — and is linked to the stay; the service the
 * pathway needs (domain/discharge.h: discharge_transfer_check, its route)
 * is named as the receiving team, which gains a legitimate relationship
 * (stay_teams, part "receiving") while the stay is open. One transaction:
 * the referral and its first event, the person's timeline, the transfer,
 * the stay's history, and the audit entries. */
#include "svc/discharge.h"
#include <stdio.h>
#include <string.h>
#include "domain/dates.h"
#include "domain/discharge.h"
#include "domain/referral.h"
#include "store/bank_holidays.h"
#include "store/discharge.h"
#include "store/persons.h"
#include "store/referrals.h"
#include "svc/discharge_int.h"
#include "util/clock.h"

#define TRANSFER_REASON_MAX 4000

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* The due time of the referral from now, by its urgency. */
static int due_time(struct svc_ctx *c, enum referral_urgency u, int64_t now, char due[TIMESTAMP_STR_SIZE],
                    int *estimated)
{
    struct bank_holiday_calendar cal;
    if (bank_holidays_calendar(c->db, &cal, &c->err) != 0)
        return svc_failed(c, "bank holidays");
    struct date_holidays h = bank_holidays_domain(&cal, 1);
    int64_t at;
    struct domain_error e;
    int days = c->policy.routine_response_days > 0 ? c->policy.routine_response_days : 10;
    if (referral_due_or_estimate(u, now, days, &h, &at, estimated, &e) != 0) {
        svc_field_error(c, "urgency", e.message);
        return SVC_INVALID;
    }
    timestamp_format(at, due);
    return SVC_OK;
}

/* The receiving team for the kind's route where the person lives (else the
 * county-wide one) and the front door; SVC_INVALID when not configured. */
static int teams(struct svc_ctx *c, const char *person_id, const char *route, char *receiving, char *front)
{
    char loc[STORE_ID_LEN] = "";
    int rc = referrals_person_locality(c->db, person_id, loc, &c->err);
    if (rc < 0 && rc != STORE_ENOTFOUND)
        return svc_failed(c, "person locality");
    rc = referrals_route_team(c->db, route, loc[0] ? loc : NULL, receiving, &c->err);
    if (rc == STORE_ENOTFOUND) {
        svc_field_error(c, "kind", "no service receives this kind of transfer here yet");
        return SVC_INVALID;
    }
    if (rc == 0)
        rc = referrals_route_team(c->db, "front_door", NULL, front, &c->err);
    if (rc == STORE_ENOTFOUND) {
        svc_field_error(c, "kind", "no front door is configured for referrals");
        return SVC_INVALID;
    }
    return rc < 0 ? svc_failed(c, "referral routes") : SVC_OK;
}

/* An attached assessment: its findings, the date it was made (recent
 * enough to be accepted without a repeat: domain/referral.h), and by whom
 * (someone with a part in the stay). */
static void check_assessment(struct svc_ctx *c, json_t *stay, const struct transfer_input *in)
{
    int has_text = in->assessment && *in->assessment, has_date = in->assessed_on && *in->assessed_on;
    int has_by = in->assessed_by && *in->assessed_by, named = 0;
    if (!has_text && !has_date && !has_by)
        return;
    if (has_by && discharge_stay_user_named(c->db, str(stay, "id"), in->assessed_by, &named, &c->err) != 0)
        named = 0;
    if (has_by && !named)
        svc_field_error(c, "assessed_by", "must be someone in one of the stay's teams");
    if (!has_text)
        svc_field_error(c, "assessment", "say what your assessment found, or leave the date empty");
    else if (strlen(in->assessment) > TRANSFER_REASON_MAX)
        svc_field_error(c, "assessment", "must be at most 4000 characters");
    struct date on;
    struct domain_error e;
    if (!has_date)
        svc_field_error(c, "assessed_on", "give the date you assessed the person");
    else if (date_parse(in->assessed_on, "assessed_on", &on, &e) != 0)
        svc_field_error(c, e.field, e.message);
    else if (referral_assessment_current(on, svc_today(c), c->policy.trusted_assessment_days, &e) != 0)
        svc_field_error(c, e.field, e.message);   /* after today, or too old to stand */
}

static int check(struct svc_ctx *c, json_t *stay, const struct transfer_input *in, enum referral_urgency *u)
{
    struct domain_error e;
    json_t *pw = json_object_get(stay, "pathway");
    if (discharge_transfer_check(json_is_integer(pw) ? (int)json_integer_value(pw) : -1, in->kind, &e) != 0)
        svc_field_error(c, e.field, e.message);
    if (!in->reason || !*in->reason || strlen(in->reason) > TRANSFER_REASON_MAX)
        svc_field_error(c, "reason", "is required (at most 4000 characters): what does the person need?");
    int rc = referral_urgency_parse(in->urgency && *in->urgency ? in->urgency : "urgent", "urgency", &e);
    if (rc < 0)
        svc_field_error(c, e.field, e.message);
    else
        *u = (enum referral_urgency)rc;
    if (!in->consent || (strcmp(in->consent, "given") != 0 && strcmp(in->consent, "best_interests") != 0))
        svc_field_error(c, "consent", "say whether the person agreed (given) or it is in their best interests");
    check_assessment(c, stay, in);
    return svc_has_errors(c) ? SVC_INVALID : SVC_OK;
}

struct transfer_tx {
    json_t *stay;
    const struct transfer_input *in;
    struct referral_row r;
    char receiving[STORE_ID_LEN];
};

static int write_transfer(struct svc_ctx *c, struct transfer_tx *t, char *id)
{
    struct actor by = svc_actor(c);
    const char *person = str(t->stay, "person_id"), *basis = str(t->stay, "basis");
    char ref[STORE_ID_LEN];
    int rc = svc_tx_begin(c);
    if (rc != 0)
        return rc;
    rc = referrals_insert(c->db, &by, &t->r, ref, &c->err);
    if (rc == 0)
        rc = referrals_event_add(c->db, &by, ref, person, t->r.front_door_team_id, "received", t->r.reason, &c->err);
    if (rc == 0)
        rc = persons_event_add(c->db, person, c->org_id, c->user_id, "referral",
                               "Transfer of care from hospital received at the front door", by.now, &c->err);
    int assessed = t->in->assessment && *t->in->assessment;
    struct transfer_row tr = {str(t->stay, "id"), person, ref, t->in->kind, t->receiving,
                              !assessed ? NULL : t->in->assessed_by && *t->in->assessed_by ? t->in->assessed_by
                                                                                           : c->user_id, assessed ? t->in->assessed_on : NULL,
                              assessed ? t->in->assessment : NULL};
    if (rc == 0)
        rc = discharge_transfer_add(c->db, &by, &tr, id, &c->err);
    if (rc == 0)
        rc = discharge_stay_team_add(c->db, tr.stay_id, person, t->receiving, "receiving", &c->err);
    if (rc == 0)
        rc = discharge_change_add(c->db, &by, tr.stay_id, person, "transfer", NULL,
                                  discharge_transfer_label(t->in->kind), t->in->reason, &c->err);
    if (rc == 0)
        rc = svc_tx_audit(c, "create", "referral", ref, person, basis);
    if (rc == 0)
        rc = svc_tx_audit(c, "create", "stay_transfer", id, person, basis);
    return svc_tx_end(c, rc);
}

int svc_discharge_transfer(struct svc_ctx *c, const char *stay_id, const struct transfer_input *in, char *id)
{
    json_t *stay;
    int rc = discharge_load_stay(c, stay_id, &stay);
    if (rc != SVC_OK)
        return rc;
    if (strcmp(str(stay, "status"), "admitted") != 0)
        return svc_refuse(c, SVC_CONFLICT, "The stay has ended", "The person is no longer in hospital.");
    enum referral_urgency u = REFERRAL_URGENT;
    if ((rc = check(c, stay, in, &u)) != SVC_OK)
        return rc;
    struct transfer_tx *t = arena_alloc(c->arena, sizeof *t);
    char *front = arena_alloc(c->arena, STORE_ID_LEN), *due = arena_alloc(c->arena, TIMESTAMP_STR_SIZE);
    char *received = arena_alloc(c->arena, TIMESTAMP_STR_SIZE);
    t->stay = stay;
    t->in = in;
    if ((rc = teams(c, str(stay, "person_id"), discharge_transfer_route(in->kind), t->receiving, front)) != SVC_OK)
        return rc;
    int64_t now = clock_parse_utc(svc_now(c));
    timestamp_format(now, received);
    if ((rc = due_time(c, u, now, due, &t->r.due_estimated)) != SVC_OK)
        return rc;
    const char *who = arena_printf(c->arena, "Integrated discharge team, %s", str(stay, "ward_name") ?
                                   str(stay, "ward_name") : str(stay, "org_name"));
    const char *reason = arena_printf(c->arena, "Transfer of care from hospital (pathway %d): %s. %s",
                                      (int)json_integer_value(json_object_get(stay, "pathway")),
                                      discharge_transfer_label(in->kind), in->reason);
    t->r = (struct referral_row){str(stay, "person_id"), "ward", reason, referral_urgency_name(u), received, due,
                                 in->consent, who, NULL, str(stay, "org_name"), c->user_id, front,
                                 t->r.due_estimated};
    return write_transfer(c, t, id);
}
