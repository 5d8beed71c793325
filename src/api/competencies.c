/* The task catalogue, the competency register (staff and provider workers
 * assessed competent for a task) and delegated tasks' oversight reviews. */
#include "api/api.h"
#include "api/body_input.h"
#include "api/care_plans_api.h"
#include "svc/care_workers.h"
#include "domain/care_plan.h"
#include "store/accounts.h"
#include "store/care_plans.h"
#include <stdio.h>
#include <string.h>

/* Days before expiry a competency counts as "expiring". */
#define COMPETENCY_EXPIRING_DAYS 30

json_t *care_task_catalogue(struct request *req, struct response *res)
{
    struct store_error err = {0};
    json_t *items = care_task_types_list(req->db, &err);
    if (!items)
        http_internal(res, req, 503, err.message);
    return items;
}

int care_known_competency(struct request *req, const char *code)
{
    return svc_known_competency(api_ctx(req), code);
}

static void competency_state(json_t *c, struct date today)
{
    struct date e, soon;
    const char *state = "current";
    date_add_days(today, COMPETENCY_EXPIRING_DAYS, &soon, NULL);
    if (date_parse(json_string_value(json_object_get(c, "expires_on")), "expires_on", &e, NULL) == 0)
        state = date_compare(e, today) < 0 ? "expired" : date_compare(e, soon) <= 0 ? "expiring" : "current";
    json_object_set_new(c, "state", json_string(state));
}

int care_worker_decode(struct request *req, json_t *body, const char **user_id, const char **name,
                       const char **org_id, json_t **user, json_t *errors)
{
    int rc = svc_worker_decode(api_ctx(req), body, user_id, name, org_id, user, errors);
    json_incref(*user);   /* this older interface hands the caller a reference */
    return rc;
}

static int competency_decode(struct request *req, json_t *body, struct competency_row *c, json_t **user,
                             json_t *errors)
{
    struct date assessed, expires, today = input_today();
    care_worker_decode(req, body, &c->worker_user_id, &c->worker_name, &c->worker_org_id, user, errors);
    c->competency_code = api_str(body, "competency_code", errors);
    if (!care_known_competency(req, c->competency_code))
        svc_error_add(errors, "competency_code", "must be a competency a catalogue task requires");
    c->assessed_on = input_date(body, "assessed_on", 1, &assessed, errors);
    c->expires_on = input_date(body, "expires_on", 1, &expires, errors);
    if (c->assessed_on && date_compare(assessed, today) > 0)
        svc_error_add(errors, "assessed_on", "must not be in the future");
    if (c->assessed_on && c->expires_on && date_compare(expires, assessed) < 0)
        svc_error_add(errors, "expires_on", "must be on or after the assessment date");
    c->evidence = input_text(body, "evidence", 0, 4000, errors);
    /* The assessor is the caller's account (checked as designated by
     * competency_record); the record is kept by the organisation that
     * named them. */
    c->assessor_user_id = req->who.user_id;
    c->assessor_name = req->who.display_name;
    return json_array_size(errors) ? -1 : 0;
}

int competency_record(struct request *req, struct response *res, json_t *body, char id[STORE_ID_LEN])
{
    json_t *errors = json_array(), *user = NULL;
    struct competency_row c = {0};
    int rc = -1;
    char org[STORE_ID_LEN] = "";
    struct store_error e0 = {0};
    const char *code = json_string_value(json_object_get(body, "competency_code"));
    if (code && care_known_competency(req, code) &&
        competency_assessor_org(req->db, req->who.user_id, code, org, &e0) != 0) {
        json_decref(errors);
        http_problem(res, req, 403, "not-a-designated-assessor", "Not a designated assessor",
                     "Only a designated assessor for this competency can record or renew it. Your organisation's "
                     "administrator names the assessors.");
        return -1;
    }
    c.recorded_org_id = org;
    if (competency_decode(req, body, &c, &user, errors) != 0) {
        http_validation(res, req, json_incref(errors));
    } else {
        char now[STORE_TIME_LEN];
        store_now(now);
        struct actor by = {req->who.user_id, now};
        struct svc_ctx sc = api_svc_ctx(req);
        struct store_error err = {0};
        if (store_tx_begin(req->db, STORE_TX_WRITE, &err) == 0 && competencies_insert(req->db, &by, &c, id, &err) == 0 &&
            svc_audit(&sc, "create", "competency", id, NULL, NULL, &err) == 0 &&
            store_tx_commit(req->db, &err) == 0) {
            rc = 0;
        } else {
            store_tx_rollback(req->db);
            http_internal(res, req, 503, err.message);
        }
    }
    json_decref(user);
    json_decref(errors);
    return rc;
}

json_t *competency_read(struct request *req, struct response *res, const char *id)
{
    struct store_error err = {0};
    json_t *c = competencies_get(req->db, id, &err);
    if (!c) {
        if (err.code == STORE_ENOTFOUND)
            http_problem(res, req, 404, "not-found", "Not found", "No such competency.");
        else
            http_internal(res, req, 503, err.message);
        return NULL;
    }
    const char *org = req->who.org_id;
    char type[32] = "";
    struct store_error e2 = {0};
    accounts_org_type(req->db, json_string_value(json_object_get(c, "worker_org_id")), type, &e2);
    if (strcmp(json_string_value(json_object_get(c, "recorded_org_id")), org) &&
        strcmp(json_string_value(json_object_get(c, "worker_org_id")), org) && strcmp(type, "provider") &&
        strcmp(type, "voluntary")) {
        json_decref(c);
        http_problem(res, req, 404, "not-found", "Not found", "No such competency.");
        return NULL;
    }
    competency_state(c, input_today());
    return c;
}

/* The org admin names one of their organisation's registered practitioners
 * or trainers as a designated assessor for a competency (domain.md §8). */
int competency_assessor_name(struct request *req, struct response *res, json_t *body)
{
    json_t *errors = json_array();
    struct store_error err = {0};
    const char *user_id = api_str(body, "user_id", errors), *code = api_str(body, "competency_code", errors);
    json_t *u = user_id ? accounts_user_get(req->db, user_id, &err) : NULL;
    if (!u || strcmp(json_string_value(json_object_get(u, "org_id")), req->who.org_id) ||
        !json_is_true(json_object_get(u, "active")))
        svc_error_add(errors, "user_id", "Choose a member of your organisation's staff");
    else if (!care_plan_assessor_eligible(json_string_value(json_object_get(u, "profession"))))
        svc_error_add(errors, "user_id", "Choose a registered practitioner or a trainer as the assessor");
    if (!care_known_competency(req, code))
        svc_error_add(errors, "competency_code", "Choose a competency from the list");
    json_decref(u);
    int rc = -1;
    if (json_array_size(errors)) {
        http_validation(res, req, json_incref(errors));
    } else {
        char now[STORE_TIME_LEN];
        store_now(now);
        struct actor by = {req->who.user_id, now};
        struct svc_ctx sc = api_svc_ctx(req);
        if (store_tx_begin(req->db, STORE_TX_WRITE, &err) == 0 &&
            competency_assessor_add(req->db, &by, req->who.org_id, user_id, code, &err) == 0 &&
            svc_audit(&sc, "create", "competency_assessor", user_id, NULL, "admin", &err) == 0 &&
            store_tx_commit(req->db, &err) == 0) {
            rc = 0;
        } else {
            store_tx_rollback(req->db);
            if (err.code == STORE_ECONSTRAINT)
                http_problem(res, req, 409, "conflict", "Already named", "This person is already an assessor for it.");
            else
                http_internal(res, req, 503, err.message);
        }
    }
    json_decref(errors);
    return rc;
}

json_t *competency_assessors_read(struct request *req, struct response *res)
{
    struct store_error err = {0};
    json_t *items = competency_assessors_list(req->db, req->who.org_id, &err);
    if (!items)
        http_internal(res, req, 503, err.message);
    return items;
}

json_t *competency_register(struct request *req, struct response *res, const char *state)
{
    struct store_error err = {0};
    struct date today = input_today(), soon;
    char t[DATE_STR_SIZE], s[DATE_STR_SIZE];
    date_add_days(today, COMPETENCY_EXPIRING_DAYS, &soon, NULL);
    date_format(today, t);
    date_format(soon, s);
    json_t *items = competencies_list(req->db, req->who.org_id, state, t, s, &err);
    if (!items) {
        http_internal(res, req, 503, err.message);
        return NULL;
    }
    size_t i;
    json_t *c;
    json_array_foreach(items, i, c) competency_state(c, today);
    return items;
}

json_t *care_oversight_reviews(struct request *req, struct response *res, const char *state)
{
    struct store_error err = {0};
    struct date today = input_today();
    char t[DATE_STR_SIZE];
    date_format(today, t);
    json_t *rows = care_oversight_due(req->db, req->who.user_id, state ? t : "9999-12-31", &err);
    if (!rows) {
        http_internal(res, req, 503, err.message);
        return NULL;
    }
    json_t *items = json_array(), *r;
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
        json_array_append(items, r);
    }
    json_decref(rows);
    if (api_audit_read_items(req, res, "care_task_assignment", items, "person_id", "relationship") < 0) {
        json_decref(items);
        return NULL;
    }
    return items;
}
