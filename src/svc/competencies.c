#include "svc/competencies.h"
#include "svc/care_workers.h"
#include "svc/input.h"
#include "domain/care_plan.h"
#include "store/care_plans.h"
#include <string.h>

/* Days before expiry a competency counts as "expiring". */
#define COMPETENCY_EXPIRING_DAYS 30

static void competency_state(json_t *c, struct date today)
{
    struct date e, soon;
    const char *state = "current";
    if (date_add_days(today, COMPETENCY_EXPIRING_DAYS, &soon, NULL) != 0)
        soon = today;
    if (date_parse(json_string_value(json_object_get(c, "expires_on")), "expires_on", &e, NULL) == 0)
        state = date_compare(e, today) < 0 ? "expired" : date_compare(e, soon) <= 0 ? "expiring" : "current";
    json_object_set_new(c, "state", json_string(state));
}

int svc_care_task_catalogue(struct svc_ctx *c, json_t **items)
{
    *items = svc_own(c, care_task_types_list(c->db, &c->err));
    return *items ? SVC_OK : svc_failed(c, "task catalogue");
}

static void competency_decode(struct svc_ctx *c, json_t *body, struct competency_row *r, json_t *errors)
{
    struct date assessed, expires, today = svc_today(c);
    json_t *user;
    svc_worker_decode(c, body, &r->worker_user_id, &r->worker_name, &r->worker_org_id, &user, errors);
    r->competency_code = input_str(body, "competency_code", errors);
    if (!svc_known_competency(c, r->competency_code))
        svc_error_add(errors, "competency_code", "must be a competency a catalogue task requires");
    r->assessed_on = input_date(body, "assessed_on", 1, &assessed, errors);
    r->expires_on = input_date(body, "expires_on", 1, &expires, errors);
    if (r->assessed_on && date_compare(assessed, today) > 0)
        svc_error_add(errors, "assessed_on", "must not be in the future");
    if (r->assessed_on && r->expires_on && date_compare(expires, assessed) < 0)
        svc_error_add(errors, "expires_on", "must be on or after the assessment date");
    r->evidence = input_text(body, "evidence", 0, 4000, errors);
    /* The assessor is the caller's account (checked as designated by
     * svc_competency_record); the record is kept by the organisation that
     * named them. */
    r->assessor_user_id = c->user_id;
    r->assessor_name = c->display_name;
}

int svc_competency_record(struct svc_ctx *c, json_t *in, char id[STORE_ID_LEN])
{
    struct competency_row r;
    memset(&r, 0, sizeof r);
    char org[STORE_ID_LEN] = "";
    struct store_error e0 = {0};
    const char *code = json_string_value(json_object_get(in, "competency_code"));
    if (code && svc_known_competency(c, code) &&
        competency_assessor_org(c->db, c->user_id, code, org, &e0) != 0)
        return svc_refuse(c, SVC_NOT_ASSESSOR, NULL,
                          "Only a designated assessor for this competency can record or renew it. Your "
                          "organisation's administrator names the assessors.");
    r.recorded_org_id = org;
    competency_decode(c, in, &r, svc_errors(c));
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct actor by = svc_actor(c);
    int rc = svc_tx_begin(c);
    if (rc == 0) rc = competencies_insert(c->db, &by, &r, id, &c->err);
    if (rc == 0) rc = svc_tx_audit(c, "create", "competency", id, NULL, NULL);
    if (rc < 0)
        rc = svc_failed(c, "competency");   /* as before: any store failure is a 503 */
    return svc_tx_end(c, rc);
}

int svc_competency_get(struct svc_ctx *c, const char *id, json_t **out)
{
    *out = NULL;
    json_t *r = svc_own(c, competencies_get(c->db, id, &c->err));
    if (!r)
        return svc_store_fail(c, c->err.code, "competency");
    const char *org = c->org_id ? c->org_id : "";
    char type[32] = "";
    struct store_error e2 = {0};
    accounts_org_type(c->db, json_string_value(json_object_get(r, "worker_org_id")), type, &e2);
    if (strcmp(json_string_value(json_object_get(r, "recorded_org_id")), org) &&
        strcmp(json_string_value(json_object_get(r, "worker_org_id")), org) && strcmp(type, "provider") &&
        strcmp(type, "voluntary"))
        return svc_not_found(c, "competency");
    competency_state(r, svc_today(c));
    *out = r;
    return SVC_OK;
}

/* The org admin names one of their organisation's registered practitioners
 * or trainers as a designated assessor for a competency (domain.md §8). */
int svc_competency_assessor_name(struct svc_ctx *c, json_t *in)
{
    json_t *errors = svc_errors(c);
    struct store_error err = {0};
    const char *user_id = input_str(in, "user_id", errors), *code = input_str(in, "competency_code", errors);
    json_t *u = user_id ? svc_own(c, accounts_user_get(c->db, user_id, &err)) : NULL;
    if (!u || !c->org_id || strcmp(json_string_value(json_object_get(u, "org_id")), c->org_id) ||
        !json_is_true(json_object_get(u, "active")))
        svc_error_add(errors, "user_id", "Choose a member of your organisation's staff");
    else if (!care_plan_assessor_eligible(json_string_value(json_object_get(u, "profession"))))
        svc_error_add(errors, "user_id", "Choose a registered practitioner or a trainer as the assessor");
    if (!svc_known_competency(c, code))
        svc_error_add(errors, "competency_code", "Choose a competency from the list");
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct actor by = svc_actor(c);
    int rc = svc_tx_begin(c);
    if (rc == 0) rc = competency_assessor_add(c->db, &by, c->org_id, user_id, code, &c->err);
    if (rc == 0) rc = svc_tx_audit(c, "create", "competency_assessor", user_id, NULL, "admin");
    if (rc == STORE_ECONSTRAINT)
        rc = svc_refuse(c, SVC_CONFLICT, "Already named", "This person is already an assessor for it.");
    return svc_tx_end(c, rc);
}

int svc_competency_assessors(struct svc_ctx *c, json_t **items)
{
    *items = svc_own(c, competency_assessors_list(c->db, c->org_id, &c->err));
    return *items ? SVC_OK : svc_failed(c, "competency assessors");
}

int svc_competency_assessor_candidates(struct svc_ctx *c, json_t **items)
{
    json_t *users = svc_own(c, accounts_user_list(c->db, c->org_id, "", 500, &c->err)), *u;
    if (!users)
        return svc_failed(c, "assessor candidates");
    json_t *out = svc_own(c, json_array());
    size_t i;
    json_array_foreach(users, i, u)
        if (json_is_true(json_object_get(u, "active")) &&
            care_plan_assessor_eligible(json_string_value(json_object_get(u, "profession"))))
            json_array_append(out, u);
    *items = out;
    return SVC_OK;
}

int svc_competency_register(struct svc_ctx *c, const char *state, json_t **items)
{
    struct date today = svc_today(c), soon;
    char t[DATE_STR_SIZE], s[DATE_STR_SIZE];
    if (date_add_days(today, COMPETENCY_EXPIRING_DAYS, &soon, NULL) != 0)
        soon = today;
    date_format(today, t);
    date_format(soon, s);
    *items = svc_own(c, competencies_list(c->db, c->org_id, state, t, s, &c->err));
    if (!*items)
        return svc_failed(c, "competency register");
    size_t i;
    json_t *r;
    json_array_foreach(*items, i, r)
        competency_state(r, today);
    return SVC_OK;
}

int svc_care_oversight_reviews(struct svc_ctx *c, const char *state, json_t **items)
{
    struct date today = svc_today(c);
    char t[DATE_STR_SIZE];
    date_format(today, t);
    *items = NULL;
    json_t *rows = svc_own(c, care_oversight_due(c->db, c->user_id, state ? t : "9999-12-31", &c->err));
    if (!rows)
        return svc_failed(c, "oversight reviews");
    json_t *out = svc_own(c, json_array()), *r;
    size_t i;
    json_array_foreach(rows, i, r) {
        struct date review, to;
        if (date_parse(json_string_value(json_object_get(r, "oversight_review_on")), "r", &review, NULL) != 0 ||
            date_parse(json_string_value(json_object_get(r, "to_on")), "t", &to, NULL) != 0)
            continue;
        int overdue = care_plan_oversight_overdue(review, to, today);
        if (state && !overdue)
            continue;
        json_object_set_new(r, "state", json_string(overdue ? "overdue" : "scheduled"));
        json_array_append(out, r);
    }
    int rc = svc_audit_read_items(c, "care_task_assignment", out, "person_id", "relationship");
    if (rc != SVC_OK)
        return rc;
    *items = out;
    return SVC_OK;
}
