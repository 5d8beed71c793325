/* Care and support plans: reading (with the money), creating, changing,
 * status, and the write every change to a plan shares (care_plans.h,
 * care_plans_int.h). Tasks and delegation are in care_plan_tasks.c. */
#include "svc/care_plans_int.h"
#include "domain/care_plan.h"
#include "store/care_plans.h"
#include "store/persons.h"
#include "svc/access.h"
#include "svc/input.h"
#include "svc/plan_money.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *care_plan_str(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static long long plan_version(json_t *plan)
{
    return json_integer_value(json_object_get(plan, "version"));
}

/* c->err's code after a store call that gave NULL. */
static int store_rc(const struct svc_ctx *c)
{
    return c->err.code < 0 ? c->err.code : STORE_EGENERIC;
}

/* ---- Reads ---- */

int svc_care_plan_load(struct svc_ctx *c, const char *plan_id, json_t **plan)
{
    *plan = svc_own(c, care_plans_get(c->db, plan_id, &c->err));
    return svc_record_access(c, *plan, c->err.code, "care plan");
}

int svc_care_plan_compose(struct svc_ctx *c, json_t *plan)
{
    const char *id = care_plan_str(plan, "id");
    json_t *tasks, *money;
    int rc = svc_plan_money(c, id, &tasks, &money);   /* the split in force today */
    if (rc != SVC_OK)
        return rc;
    json_t *assignments = svc_own(c, care_task_assignments_for_plan(c->db, id, &c->err));
    json_t *versions = assignments ? svc_own(c, care_plan_versions_list(c->db, id, &c->err)) : NULL;
    if (!versions)
        return svc_failed(c, "care plan");
    size_t i, j;
    json_t *t, *a;
    json_array_foreach(tasks, i, t) json_object_set_new(t, "assignments", json_array());
    json_array_foreach(assignments, i, a) json_array_foreach(tasks, j, t)
        if (json_equal(json_object_get(t, "id"), json_object_get(a, "plan_task_id")))
            json_array_append(json_object_get(t, "assignments"), a);
    json_object_set(plan, "tasks", tasks);
    json_object_set(plan, "money", money);
    json_object_set(plan, "versions", versions);
    return SVC_OK;
}

int svc_care_plan_get(struct svc_ctx *c, const char *plan_id, json_t **out)
{
    json_t *plan;
    int rc = svc_care_plan_load(c, plan_id, &plan);
    if (rc == SVC_OK)
        rc = svc_care_plan_compose(c, plan);
    if (rc == SVC_OK)
        rc = svc_audit_read(c, "care_plan", plan_id, care_plan_str(plan, "person_id"), care_plan_str(plan, "basis"));
    if (rc == SVC_OK)
        *out = plan;
    return rc;
}

int svc_care_plan_rows(struct svc_ctx *c, const char *person_id, json_t **plans, const char **basis)
{
    enum access_decision d;
    int rc = svc_person_access(c, person_id, &d, basis);
    if (rc != SVC_OK)
        return rc;
    *plans = svc_own(c, care_plans_for_person(c->db, person_id, &c->err));
    return *plans ? SVC_OK : svc_failed(c, "care plans");
}

int svc_care_plan_list(struct svc_ctx *c, const char *person_id, json_t **items)
{
    const char *basis;
    json_t *plans;
    int rc = svc_care_plan_rows(c, person_id, &plans, &basis);
    if (rc == SVC_OK)
        rc = svc_audit_read(c, "care_plans", person_id, person_id, basis);
    if (rc == SVC_OK)
        *items = plans;
    return rc;
}

int svc_care_plan_may_change_status(struct svc_ctx *c, json_t *plan)
{
    const char *team = care_plan_str(plan, "team_id");
    json_t *teams = team ? svc_teams(c) : NULL, *t;
    size_t i;
    int in_team = 0;
    json_array_foreach(teams, i, t) {
        const char *id = care_plan_str(t, "id");
        in_team |= id && team && strcmp(id, team) == 0;
    }
    return care_plan_may_change_status(in_team, c->role);
}

int svc_care_plan_choices(struct svc_ctx *c, json_t *data)
{
    json_t *types = svc_own(c, care_task_types_list(c->db, &c->err));
    json_t *orgs = types ? svc_own(c, accounts_org_list(c->db, &c->err)) : NULL;
    json_t *prac = orgs ? svc_own(c, care_plans_practitioners(c->db, &c->err)) : NULL;
    if (!prac)
        return svc_failed(c, "plan choices");
    json_t *accountable = json_array(), *providers = json_array(), *codes = json_array(), *o;
    size_t i;
    json_array_foreach(orgs, i, o) {
        const char *type = care_plan_str(o, "type");
        json_array_append(strcmp(type, "provider") && strcmp(type, "voluntary") ? accountable : providers, o);
    }
    json_array_foreach(types, i, o) {
        json_t *code = json_object_get(o, "competency_code");
        if (json_is_string(code))
            json_array_append_new(codes, json_pack("{s:O, s:O}", "code", code, "name", json_object_get(o, "name")));
    }
    json_object_set(data, "task_types", types);
    json_object_set(data, "orgs", orgs);
    json_object_set_new(data, "accountable_orgs", accountable);
    json_object_set_new(data, "provider_orgs", providers);
    json_object_set(data, "practitioners", prac);
    json_object_set_new(data, "competency_codes", codes);
    return SVC_OK;
}

/* ---- What the writes share ---- */

int care_plan_open(struct svc_ctx *c, json_t *plan)
{
    if (strcmp(care_plan_str(plan, "status"), "ended") != 0)
        return 1;
    svc_field_error(c, "status", "the plan has ended: it cannot change");
    return 0;
}

json_t *care_plan_task_find(json_t *plan, const char *task_id)
{
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(plan, "tasks"), i, t)
        if (strcmp(care_plan_str(t, "id"), task_id) == 0)
            return t;
    return NULL;
}

void care_plan_forbidden_check(struct svc_ctx *c, json_t *tasks)
{
    size_t i;
    json_t *t;
    json_array_foreach(tasks, i, t) {
        json_t *s22 = json_object_get(t, "s22");
        const char *verdict = care_plan_str(s22, "verdict");
        if (verdict && strcmp(verdict, "forbidden") == 0) {
            char field[48], msg[480];
            snprintf(field, sizeof field, "tasks[%zu]", i);
            snprintf(msg, sizeof msg, "%s cannot be funded this way: %s", care_plan_str(t, "task_name"),
                     care_plan_str(s22, "reason"));
            svc_field_error(c, field, msg);
            return;
        }
    }
}

int care_plan_write_begin(struct svc_ctx *c, json_t *plan, const struct svc_expect *e)
{
    int rc = svc_version_check(c, e, plan_version(plan));
    return rc != SVC_OK ? rc : svc_tx_begin(c);
}

/* The plan and its tasks as they are now (inside the transaction), as JSON
 * text (the caller frees), or NULL. */
static char *plan_snapshot(struct svc_ctx *c, json_t *p)
{
    json_t *t = care_plan_tasks_for_plan(c->db, care_plan_str(p, "id"), &c->err);
    if (!t)
        return NULL;
    json_t *snap = json_copy(p);
    json_object_set_new(snap, "tasks", t);
    char *s = json_dumps(snap, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(snap);
    return s;
}

/* The history row for the plan at version v, with its status now. */
static int plan_history(struct svc_ctx *c, const struct actor *by, const char *id, long long v, const char *person,
                        const char *change)
{
    json_t *now_plan = svc_own(c, care_plans_get(c->db, id, &c->err));
    char *snap = now_plan ? plan_snapshot(c, now_plan) : NULL;
    if (!snap)
        return store_rc(c);
    int rc = care_plan_versions_add(c->db, by, id, v, person, care_plan_str(now_plan, "status"), change, snap,
                                    &c->err);
    free(snap);
    return rc;
}

/* The history row, the timeline event and the audit entry of a change to
 * a plan, in the open transaction (store code). */
static int plan_record(struct svc_ctx *c, const struct actor *by, const char *id, long long v, const char *person,
                       const char *change, const char *event)
{
    int rc = plan_history(c, by, id, v, person, change);
    return rc == 0 ? persons_event_add(c->db, person, c->org_id, c->user_id, "care_plan", event, svc_now(c), &c->err)
                   : rc;
}

int care_plan_write_end(struct svc_ctx *c, json_t *plan, int touch, const char *change, const char *action,
                        const char *rtype, const char *rid, int rc)
{
    struct actor by = svc_actor(c);
    const char *id = care_plan_str(plan, "id"), *person = care_plan_str(plan, "person_id");
    long long v = plan_version(plan);
    if (rc == 0 && touch)
        rc = care_plans_touch(c->db, &by, id, v, &c->err);
    if (rc == 0)
        rc = plan_record(c, &by, id, v + 1, person, change, change);
    if (rc == 0)
        rc = svc_tx_audit(c, action, rtype, rid, person, care_plan_str(plan, "basis"));
    rc = svc_tx_end(c, rc);
    if (rc == SVC_STALE)
        return svc_refuse(c, SVC_STALE, "The plan was changed by someone else",
                          "Fetch the plan again and reapply your change.");
    return rc;
}

/* ---- Create and change ---- */

/* The plan's members from in; required ones on create. */
static void plan_decode(json_t *in, int create, struct care_plan_row *r, json_t *errors)
{
    struct date start, review;
    r->needs = input_text(in, "needs", create, 8000, errors);
    r->outcomes = input_text(in, "outcomes", create, 8000, errors);
    r->start_on = input_date(in, "start_on", create, &start, errors);
    r->review_on = input_date(in, "review_on", create, &review, errors);
    if (r->start_on && r->review_on && date_compare(review, start) < 0)
        svc_error_add(errors, "review_on", "must be on or after the start date");
    for (int i = 0; i < CARE_PLAN_VFM_COUNT; i++)
        r->vfm[i] = input_text(in, care_plan_vfm_fields[i], 0, 2000, errors);
}

/* The team holding the plan: team_id (one of the user's teams) or the user's first team. */
static const char *plan_team(struct svc_ctx *c, json_t *in, json_t *errors)
{
    const char *want = input_str(in, "team_id", errors), *found = NULL;
    json_t *teams = svc_teams(c), *t;
    size_t i;
    json_array_foreach(teams, i, t) {
        const char *id = care_plan_str(t, "id");
        if (id && (!want || !*want || strcmp(want, id) == 0)) {
            found = id;
            break;
        }
    }
    if (want && *want && !found)
        svc_error_add(errors, "team_id", "must be one of your teams");
    return found;
}

int svc_care_plan_create(struct svc_ctx *c, const char *person_id, json_t *in, char id[STORE_ID_LEN])
{
    enum access_decision d;
    const char *basis;
    int rc = svc_person_access(c, person_id, &d, &basis);
    if (rc != SVC_OK)
        return rc;
    struct care_plan_row r = {person_id, c->org_id, NULL, NULL, NULL, NULL, NULL, {NULL, NULL, NULL, NULL}};
    plan_decode(in, 1, &r, svc_errors(c));
    r.team_id = plan_team(c, in, svc_errors(c));
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct actor by = svc_actor(c);
    rc = svc_tx_begin(c);
    if (rc == 0)
        rc = care_plans_insert(c->db, &by, &r, id, &c->err);
    if (rc == 0)
        rc = plan_record(c, &by, id, 1, person_id, "Plan drafted", "Care plan drafted");
    if (rc == 0)
        rc = svc_tx_audit(c, "create", "care_plan", id, person_id, basis);
    return svc_tx_end(c, rc);
}

/* A status change's checks, as field errors: the transition, a task and
 * every value-for-money answer to become active, and no forbidden task. */
static void status_check(struct svc_ctx *c, json_t *plan, const struct care_plan_row *r, const char *to)
{
    enum care_plan_status from, next;
    struct domain_error de;
    if (care_plan_status_parse(care_plan_str(plan, "status"), "status", &from, NULL) != 0 ||
        care_plan_status_parse(to, "status", &next, &de) != 0 || care_plan_transition(from, next, &de) != 0) {
        svc_field_error(c, de.field, de.message);
        return;
    }
    if (next != CARE_PLAN_ACTIVE)
        return;
    if (json_array_size(json_object_get(plan, "tasks")) == 0) {
        svc_field_error(c, "status", "a plan needs at least one task to become active");
        return;
    }
    const char *vfm[CARE_PLAN_VFM_COUNT];
    for (int i = 0; i < CARE_PLAN_VFM_COUNT; i++)
        vfm[i] = r->vfm[i] ? r->vfm[i] : care_plan_str(plan, care_plan_vfm_fields[i]);
    if (care_plan_vfm_check(vfm, &de) != 0)
        svc_field_error(c, de.field, de.message);
    else
        care_plan_forbidden_check(c, json_object_get(plan, "tasks"));
}

/* What the history and the timeline say of a change. */
static void change_words(const char *status, const char *reason, char *out, size_t size)
{
    if (status && reason && *reason)
        snprintf(out, size, "Plan %s: %.1000s", status, reason);
    else if (status)
        snprintf(out, size, "Plan %s", status);
    else
        snprintf(out, size, "Plan details changed");
}

int svc_care_plan_change(struct svc_ctx *c, const char *plan_id, json_t *in, const struct svc_expect *e)
{
    json_t *plan;
    int rc = svc_care_plan_load(c, plan_id, &plan);
    if (rc != SVC_OK)
        return rc;
    json_t *errors = svc_errors(c);
    struct care_plan_row r = {0};
    plan_decode(in, 0, &r, errors);
    const char *status = input_str(in, "status", errors), *reason = input_str(in, "reason", errors);
    if (status && !*status)
        status = NULL;
    if (status && !svc_care_plan_may_change_status(c, plan))
        return svc_refuse(c, SVC_NOT_HOLDING_TEAM, NULL,
                          "Only the team that holds this plan, and its managers, can change its status.");
    struct domain_error de;
    int ending = status && strcmp(status, "ended") == 0;
    if (ending && care_plan_end_reason_check(reason, &de) != 0)
        svc_field_error(c, de.field, de.message);
    care_plan_open(c, plan);
    if ((rc = svc_care_plan_compose(c, plan)) != SVC_OK)
        return rc;
    if (status && !svc_has_errors(c))
        status_check(c, plan, &r, status);
    if (svc_has_errors(c))
        return SVC_INVALID;
    if ((rc = care_plan_write_begin(c, plan, e)) != SVC_OK)
        return rc;
    char change[1200], today[DATE_STR_SIZE];
    struct actor by = svc_actor(c);
    date_format(svc_today(c), today);
    change_words(status, reason, change, sizeof change);
    rc = care_plans_update(c->db, &by, plan_id, plan_version(plan), &r, status, ending ? today : NULL, &c->err);
    return care_plan_write_end(c, plan, 0, change, "update", "care_plan", plan_id, rc);
}
