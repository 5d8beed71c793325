/* svc/referral_create: see referral_create.h. */
#include "svc/referral_create.h"
#include "domain/text.h"
#include "domain/nhs_number.h"
#include "domain/referral.h"
#include "store/bank_holidays.h"
#include "store/persons.h"
#include "store/referrals.h"
#include "svc/input.h"
#include <stdio.h>
#include <string.h>

#define REASON_MAX 4000

static int domain_check(struct svc_ctx *c, int rc, const struct domain_error *e)
{
    if (rc < 0)
        svc_field_error(c, e->field, e->message);
    return rc;
}

/* received_at (default now; not more than 5 minutes ahead) and the due time. */
static void times(struct svc_ctx *c, const struct svc_referral_in *in, int urgency, char received[TIMESTAMP_STR_SIZE],
                  char due[TIMESTAMP_STR_SIZE], int *estimated)
{
    struct domain_error de;
    int64_t now = timestamp_parse_or(svc_now(c), 0), at;
    at = now;
    if (in->received_at && domain_check(c, timestamp_parse(in->received_at, "received_at", &at, &de), &de) == 0 &&
        at > now + 300)
        svc_field_error(c, "received_at", "is in the future");
    timestamp_format(at, received);
    struct bank_holiday_calendar cal;
    if (bank_holidays_calendar(c->db, &cal, &c->err) != 0)
        cal.count = 0, cal.first_year = cal.last_year = 0;   /* the insert reports the store's failure */
    if (urgency < 0)
        return;
    struct date_holidays h = bank_holidays_domain(&cal, 1);
    int64_t due_at;
    int days = c->policy.routine_response_days > 0 ? c->policy.routine_response_days : 10;
    if (domain_check(c, referral_due_or_estimate((enum referral_urgency)urgency, at, days, &h, &due_at, estimated,
                                                 &de), &de) == 0)
        timestamp_format(due_at, due);
}

/* A referrer's detail: one line of at most max bytes (domain/text.h). */
static void referrer_detail(struct svc_ctx *c, const char *field, const char *v, size_t max)
{
    size_t n = v ? strlen(v) : 0;
    const char *fault = text_fault(v, n, TEXT_ONE_LINE);
    char msg[48];
    if (n > max) {
        snprintf(msg, sizeof msg, "must be at most %zu characters", max);
        svc_field_error(c, field, msg);
    } else if (fault) {
        svc_field_error(c, field, fault);
    }
}

int svc_referral_create(struct svc_ctx *c, const struct svc_referral_in *in, char id[STORE_ID_LEN])
{
    struct domain_error de;
    struct referral_row r = {0};
    char received[TIMESTAMP_STR_SIZE] = "", due[TIMESTAMP_STR_SIZE] = "", fd[STORE_ID_LEN] = "";
    if (in->check_only)
        ;   /* the caller registers the person */
    else if (!in->person_id || !*in->person_id)
        svc_field_error(c, "person_id", "is required");
    else if (persons_exists(c->db, in->person_id, &c->err) != 0)
        svc_field_error(c, "person_id", "no such person");
    domain_check(c, referral_source_check(in->source, "source", &de), &de);
    if (!in->reason || !*in->reason)
        svc_field_error(c, "reason", "is required: why is the person referred?");
    else if (strlen(in->reason) > REASON_MAX)
        svc_field_error(c, "reason", "must be at most 4000 characters");
    int urgency = domain_check(c, referral_urgency_parse(in->urgency, "urgency", &de), &de);
    domain_check(c, referral_consent_check(in->consent, "consent", &de), &de);
    int self = in->source && (strcmp(in->source, "self") == 0 || strcmp(in->source, "team") == 0);
    if (in->source && !self && (!in->referrer_name || !*in->referrer_name))
        svc_field_error(c, "referrer.name", "is required unless the person refers themselves or a team refers");
    referrer_detail(c, "referrer.name", in->referrer_name, 200);
    referrer_detail(c, "referrer.phone", in->referrer_phone, 40);
    referrer_detail(c, "referrer.organisation", in->referrer_org, 200);
    times(c, in, urgency, received, due, &r.due_estimated);
    if (in->front_door_team_id) {
        if (referrals_route_has_team(c->db, "front_door", in->front_door_team_id, &c->err) != 0)
            svc_field_error(c, "front_door_team_id", "is not a front door team");
        snprintf(fd, sizeof fd, "%s", in->front_door_team_id);
    } else if (referrals_route_team(c->db, "front_door", NULL, fd, &c->err) != 0) {
        svc_field_error(c, "front_door_team_id", "no front door is configured; give front_door_team_id");
    }
    if (svc_has_errors(c))
        return SVC_INVALID;
    if (in->check_only)
        return SVC_OK;
    r.person_id = in->person_id;
    r.source = in->source;
    r.reason = in->reason;
    r.urgency = in->urgency;
    r.consent = in->consent;
    r.referrer_name = in->referrer_name;
    r.referrer_phone = in->referrer_phone;
    r.referrer_org = in->referrer_org;
    r.received_at = received;
    r.due_at = due;
    r.front_door_team_id = fd;
    r.referred_by = c->user_id;
    struct actor by = svc_actor(c);
    int rc = svc_tx_begin(c);
    if (rc == 0) rc = referrals_insert(c->db, &by, &r, id, &c->err);
    if (rc == 0) rc = referrals_event_add(c->db, &by, id, r.person_id, fd, "received", r.reason, &c->err);
    if (rc == 0) rc = persons_event_add(c->db, r.person_id, c->org_id, c->user_id, "referral",
                                        "Referral received at the front door", svc_now(c), &c->err);
    if (rc == 0) rc = svc_tx_audit(c, "create", "referral", id, r.person_id, "relationship");
    return svc_tx_end(c, rc);
}

void svc_referral_in_decode(struct svc_ctx *c, json_t *body, struct svc_referral_in *in)
{
    json_t *errors = svc_errors(c), *ref = json_object_get(body, "referrer");
    if (ref && !json_is_object(ref)) {
        svc_field_error(c, "referrer", "must be an object with name, phone and organisation");
        ref = NULL;
    }
    *in = (struct svc_referral_in){
        .person_id = input_str(body, "person_id", errors),
        .source = input_str(body, "source", errors),
        .reason = input_str(body, "reason", errors),
        .urgency = input_str(body, "urgency", errors),
        .consent = input_str(body, "consent", errors),
        .received_at = input_str(body, "received_at", errors),
        .front_door_team_id = input_str(body, "front_door_team_id", errors),
    };
    if (ref) {   /* not strings: as absent ("referrer.name is required") */
        in->referrer_name = json_string_value(json_object_get(ref, "name"));
        in->referrer_phone = json_string_value(json_object_get(ref, "phone"));
        in->referrer_org = json_string_value(json_object_get(ref, "organisation"));
    } else {
        in->referrer_name = input_str(body, "referrer_name", errors);
        in->referrer_phone = input_str(body, "referrer_phone", errors);
        in->referrer_org = input_str(body, "referrer_org", errors);
    }
}

int svc_referral_person_by_nhs(struct svc_ctx *c, const char *nhs, char id[STORE_ID_LEN])
{
    char digits[NHS_NUMBER_DIGITS];
    struct domain_error de;
    if (!nhs || !*nhs)
        svc_field_error(c, "nhs_number", "enter the person's NHS number");
    else if (nhs_number_parse(nhs, digits, &de) < 0)
        svc_field_error(c, "nhs_number", de.message);
    else if (persons_id_by_nhs(c->db, digits, id, &c->err) != 0)
        svc_field_error(c, "nhs_number", "no one on the shared record has this NHS number: register them first");
    return svc_has_errors(c) ? SVC_INVALID : SVC_OK;
}

int svc_referral_identify(struct svc_ctx *c, const char *person_id, json_t **out)
{
    *out = NULL;
    json_t *p = svc_own(c, persons_get(c->db, person_id, &c->err));
    if (!p)
        return svc_store_fail(c, c->err.code, "person");
    int rc = svc_audit_read(c, "person", person_id, person_id, "identify");
    if (rc == SVC_OK)
        *out = svc_own(c, json_pack("{s:O, s:O, s:O}", "given_name", json_object_get(p, "given_name"),
                                    "family_name", json_object_get(p, "family_name"), "date_of_birth",
                                    json_object_get(p, "date_of_birth")));
    return rc;
}
