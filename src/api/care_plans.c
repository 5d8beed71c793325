/* Care and support plans: create, read (with the money), change, status.
 * Tasks and delegation are in care_plan_tasks.c; the competency register
 * and oversight reviews in competencies.c. */
#include "api/api.h"
#include "store/referrals.h"
#include "api/body_input.h"
#include "api/care_plans_api.h"
#include "svc/joint_funding.h"
#include "api/person_access.h"
#include "domain/apportion.h"
#include "domain/care_plan.h"
#include "domain/money.h"
#include "store/care_plans.h"
#include "store/persons.h"
#include "svc/plan_money.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

json_t *care_plan_load(struct request *req, struct response *res, const char *plan_id)
{
    struct store_error err = {0};
    return person_record_check(req, res, care_plans_get(req->db, plan_id, &err), &err, "care plan");
}

int care_plan_compose(struct request *req, struct response *res, json_t *plan)
{
    struct store_error err = {0};
    const char *id = json_string_value(json_object_get(plan, "id"));
    json_t *tasks = care_plan_tasks_for_plan(req->db, id, &err);
    json_t *assignments = tasks ? care_task_assignments_for_plan(req->db, id, &err) : NULL;
    json_t *versions = assignments ? care_plan_versions_list(req->db, id, &err) : NULL;
    json_t *money = NULL;
    if (versions && jf_overlay_splits(req->db, id, tasks, input_today(), &err) != 0) {   /* the split in force today */
        json_decref(versions);
        versions = NULL;
    }
    if (!versions || plan_money(tasks, &money) != 0) {
        json_decref(tasks);
        json_decref(assignments);
        json_decref(versions);
        http_internal(res, req, 503, versions ? "plan money could not be computed" : err.message);
        return -1;
    }
    size_t i, j;
    json_t *t, *a;
    json_array_foreach(tasks, i, t) json_object_set_new(t, "assignments", json_array());
    json_array_foreach(assignments, i, a) json_array_foreach(tasks, j, t)
        if (json_equal(json_object_get(t, "id"), json_object_get(a, "plan_task_id")))
            json_array_append(json_object_get(t, "assignments"), a);
    json_decref(assignments);
    json_object_set_new(plan, "tasks", tasks);
    json_object_set_new(plan, "money", money);
    json_object_set_new(plan, "versions", versions);
    return 0;
}

int care_plan_forbidden_check(struct request *req, struct response *res, json_t *tasks)
{
    size_t i;
    json_t *t;
    json_array_foreach(tasks, i, t) {
        json_t *s22 = json_object_get(t, "s22");
        const char *verdict = json_string_value(json_object_get(s22, "verdict"));
        if (verdict && strcmp(verdict, "forbidden") == 0) {
            char field[48], msg[480];
            snprintf(field, sizeof field, "tasks[%zu]", i);
            snprintf(msg, sizeof msg, "%s cannot be funded this way: %s",
                     json_string_value(json_object_get(t, "task_name")),
                     json_string_value(json_object_get(s22, "reason")));
            json_t *errors = json_array();
            http_add_error(errors, field, msg);
            http_validation(res, req, errors);
            return -1;
        }
    }
    return 0;
}

json_t *care_plan_read(struct request *req, struct response *res, const char *plan_id)
{
    json_t *plan = care_plan_load(req, res, plan_id);
    if (!plan)
        return NULL;
    if (care_plan_compose(req, res, plan) != 0 ||
        api_audit_read(req, res, "care_plan", plan_id, json_string_value(json_object_get(plan, "person_id")),
                       json_string_value(json_object_get(plan, "basis"))) < 0) {
        json_decref(plan);
        return NULL;
    }
    return plan;
}

json_t *care_plans_of_person(struct request *req, struct response *res, const char *person_id)
{
    enum access_decision d;
    const char *basis;
    if (person_check(req, res, person_id, &d, &basis) < 0)
        return NULL;
    struct store_error err = {0};
    json_t *items = care_plans_for_person(req->db, person_id, &err);
    if (!items) {
        http_internal(res, req, 503, err.message);
        return NULL;
    }
    if (api_audit_read(req, res, "care_plans", person_id, person_id, basis) < 0) {
        json_decref(items);
        return NULL;
    }
    return items;
}

/* ---- Writes ---- */

int care_plan_write_begin(struct request *req, struct response *res, json_t *plan, json_t *body)
{
    struct store_error err = {0};
    if (http_check_version(req, res, body, json_integer_value(json_object_get(plan, "version"))) != 0)
        return -1;
    if (store_tx_begin(req->db, STORE_TX_WRITE, &err) != 0) {
        http_internal(res, req, 503, err.message);
        return -1;
    }
    return 0;
}

/* The plan and its tasks as they are now (inside the transaction). */
static char *plan_snapshot(struct request *req, const char *plan_id, struct store_error *err)
{
    json_t *p = care_plans_get(req->db, plan_id, err);
    json_t *t = p ? care_plan_tasks_for_plan(req->db, plan_id, err) : NULL;
    if (!t) {
        json_decref(p);
        return NULL;
    }
    json_object_set_new(p, "tasks", t);
    char *s = json_dumps(p, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(p);
    return s;
}

/* History row for the plan at version v with its status now. */
static int plan_history(struct request *req, const struct actor *by, const char *id, long long v,
                        const char *person, const char *change, struct store_error *err)
{
    json_t *now_plan = care_plans_get(req->db, id, err);
    char *snap = now_plan ? plan_snapshot(req, id, err) : NULL;
    int rc = snap && care_plan_versions_add(req->db, by, id, v, person,
                                            json_string_value(json_object_get(now_plan, "status")), change, snap,
                                            err) == 0 ? 0 : -1;
    free(snap);
    json_decref(now_plan);
    return rc;
}

int care_plan_write_end(struct request *req, struct response *res, json_t *plan, int touch, const char *change,
                        const char *action, const char *rtype, const char *rid, int ok, struct store_error *err)
{
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {req->who.user_id, now};
    struct svc_ctx c = api_svc_ctx(req);
    const char *id = json_string_value(json_object_get(plan, "id"));
    const char *person = json_string_value(json_object_get(plan, "person_id"));
    long long v = json_integer_value(json_object_get(plan, "version"));
    ok = ok && (!touch || care_plans_touch(req->db, &by, id, v, err) == 0) &&
         plan_history(req, &by, id, v + 1, person, change, err) == 0 &&
         persons_event_add(req->db, person, req->who.org_id, req->who.user_id, "care_plan", change, now, err) == 0 &&
         svc_audit(&c, action, rtype, rid, person,
                   json_string_value(json_object_get(plan, "basis")), err) == 0 &&
         store_tx_commit(req->db, err) == 0;
    if (ok)
        return 0;
    store_tx_rollback(req->db);
    if (err->code == STORE_ENOTFOUND)
        http_problem(res, req, 409, "version-conflict", "The plan was changed by someone else",
                     "Fetch the plan again and reapply your change.");
    else
        http_internal(res, req, 503, err->message);
    return -1;
}

/* The plan's members from body; required ones on create. */
static void plan_decode(json_t *body, int create, struct care_plan_row *r, json_t *errors)
{
    struct date start, review;
    r->needs = input_text(body, "needs", create, 8000, errors);
    r->outcomes = input_text(body, "outcomes", create, 8000, errors);
    r->start_on = input_date(body, "start_on", create, &start, errors);
    r->review_on = input_date(body, "review_on", create, &review, errors);
    if (r->start_on && r->review_on && date_compare(review, start) < 0)
        http_add_error(errors, "review_on", "must be on or after the start date");
    for (int i = 0; i < CARE_PLAN_VFM_COUNT; i++)
        r->vfm[i] = input_text(body, care_plan_vfm_fields[i], 0, 2000, errors);
}

/* The team holding the plan: body team_id (one of the user's teams) or the user's first team. */
static const char *plan_team(struct request *req, json_t *body, json_t *errors)
{
    const char *t = api_str(body, "team_id", errors);
    struct store_error err = {0};
    json_t *user = accounts_user_get(req->db, req->who.user_id, &err);
    const char *found = NULL;
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(user, "teams"), i, v) {
        const char *id = json_string_value(json_object_get(v, "id"));
        if (id && (!t || !*t || strcmp(t, id) == 0)) {
            found = arena_strdup(&req->arena, id);
            break;
        }
    }
    json_decref(user);
    if (t && *t && !found)
        http_add_error(errors, "team_id", "must be one of your teams");
    return found;
}

int care_plan_create(struct request *req, struct response *res, const char *person_id, json_t *body,
                     char id[STORE_ID_LEN])
{
    enum access_decision d;
    const char *basis;
    if (person_check(req, res, person_id, &d, &basis) < 0)
        return -1;
    json_t *errors = json_array();
    struct care_plan_row r = {person_id, req->who.org_id, NULL, NULL, NULL, NULL, NULL, {NULL, NULL, NULL, NULL}};
    plan_decode(body, 1, &r, errors);
    r.team_id = plan_team(req, body, errors);
    if (json_array_size(errors)) {
        http_validation(res, req, errors);
        return -1;
    }
    json_decref(errors);
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {req->who.user_id, now};
    struct svc_ctx c = api_svc_ctx(req);
    struct store_error err = {0};
    int ok = store_tx_begin(req->db, STORE_TX_WRITE, &err) == 0 && care_plans_insert(req->db, &by, &r, id, &err) == 0 &&
             plan_history(req, &by, id, 1, person_id, "Plan drafted", &err) == 0 &&
             persons_event_add(req->db, person_id, req->who.org_id, req->who.user_id, "care_plan", "Care plan drafted",
                               now, &err) == 0 &&
             svc_audit(&c, "create", "care_plan", id, person_id, basis, &err) == 0 && store_tx_commit(req->db, &err) == 0;
    if (ok)
        return 0;
    store_tx_rollback(req->db);
    http_internal(res, req, 503, err.message);
    return -1;
}

/* A status change's checks: the transition, and no forbidden task going
 * active (-1 with res set; else 0, errors added). */
static int status_check(struct request *req, struct response *res, json_t *plan, const struct care_plan_row *r,
                        const char *to, json_t *errors)
{
    enum care_plan_status from, next;
    struct domain_error de;
    if (care_plan_status_parse(json_string_value(json_object_get(plan, "status")), "status", &from, NULL) != 0 ||
        care_plan_status_parse(to, "status", &next, &de) != 0 || care_plan_transition(from, next, &de) != 0) {
        http_add_error(errors, de.field, de.message);
        return 0;
    }
    if (next == CARE_PLAN_ACTIVE && json_array_size(json_object_get(plan, "tasks")) == 0) {
        http_add_error(errors, "status", "a plan needs at least one task to become active");
        return 0;
    }
    const char *vfm[CARE_PLAN_VFM_COUNT];
    for (int i = 0; i < CARE_PLAN_VFM_COUNT; i++)
        vfm[i] = r->vfm[i] ? r->vfm[i] : json_string_value(json_object_get(plan, care_plan_vfm_fields[i]));
    if (next == CARE_PLAN_ACTIVE && care_plan_vfm_check(vfm, &de) != 0) {
        http_add_error(errors, de.field, de.message);
        return 0;
    }
    if (next == CARE_PLAN_ACTIVE && !json_array_size(errors))
        return care_plan_forbidden_check(req, res, json_object_get(plan, "tasks"));
    return 0;
}

int care_plan_status_changer(struct request *req, json_t *plan)
{
    struct store_error err = {0};
    const char *team = json_string_value(json_object_get(plan, "team_id"));
    int in_team = team && referrals_user_in_team(req->db, req->who.user_id, team, &err) == 0;
    return care_plan_may_change_status(in_team, req->who.role);
}

int care_plan_change(struct request *req, struct response *res, const char *plan_id, json_t *body)
{
    json_t *plan = care_plan_load(req, res, plan_id);
    if (!plan)
        return -1;
    json_t *errors = json_array();
    struct care_plan_row r = {0};
    plan_decode(body, 0, &r, errors);
    const char *status = api_str(body, "status", errors), *reason = api_str(body, "reason", errors);
    if (status && !*status)
        status = NULL;
    int rc = -1;
    if (status && !care_plan_status_changer(req, plan)) {
        json_decref(errors);
        json_decref(plan);
        http_problem(res, req, 403, "not-the-holding-team", "Not your team's plan",
                     "Only the team that holds this plan, and its managers, can change its status.");
        return -1;
    }
    struct domain_error de;
    if (status && !strcmp(status, "ended") && care_plan_end_reason_check(reason, &de) != 0)
        http_add_error(errors, de.field, de.message);
    if (!strcmp(json_string_value(json_object_get(plan, "status")), "ended"))
        http_add_error(errors, "status", "the plan has ended: it cannot change");
    if (care_plan_compose(req, res, plan) != 0 ||
        (status && !json_array_size(errors) && status_check(req, res, plan, &r, status, errors) != 0)) {
        /* res is set */
    } else if (json_array_size(errors)) {
        http_validation(res, req, json_incref(errors));
    } else if (care_plan_write_begin(req, res, plan, body) == 0) {
        char now[STORE_TIME_LEN], change[1200], today[DATE_STR_SIZE];
        store_now(now);
        struct actor by = {req->who.user_id, now};
        struct store_error err = {0};
        date_format(input_today(), today);
        if (status && reason && *reason)
            snprintf(change, sizeof change, "Plan %s: %.1000s", status, reason);
        else if (status)
            snprintf(change, sizeof change, "Plan %s", status);
        else
            snprintf(change, sizeof change, "Plan details changed");
        int ok = care_plans_update(req->db, &by, plan_id, json_integer_value(json_object_get(plan, "version")), &r,
                                   status, status && !strcmp(status, "ended") ? today : NULL, &err) == 0;
        rc = care_plan_write_end(req, res, plan, 0, change, "update", "care_plan", plan_id, ok, &err);
    }
    json_decref(errors);
    json_decref(plan);
    return rc;
}
