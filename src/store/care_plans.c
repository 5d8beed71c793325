/* care_plans: see care_plans.h. */
#include "store/care_plans.h"
#include <stdio.h>

#define INT_ARG(buf, v) (snprintf(buf, sizeof buf, "%lld", (long long)(v)), buf)

json_t *care_task_types_list(struct store *db, struct store_error *err)
{
    return store_query_rows(db, "SELECT code, name, kind, delegable, competency_code FROM care_task_types"
                                " WHERE active = 1 ORDER BY sort_order, code", 0, NULL, err);
}

json_t *care_task_type_get(struct store *db, const char *code, struct store_error *err)
{
    const char *p[] = {code};
    return store_query_one(db, "SELECT code, name, kind, delegable, competency_code FROM care_task_types"
                               " WHERE code = $1 AND active = 1", 1, p, err);
}

json_t *care_plans_org(struct store *db, const char *org_id, struct store_error *err)
{
    const char *p[] = {org_id};
    return store_query_one(db, "SELECT id, type, name FROM organisations WHERE id = $1", 1, p, err);
}

json_t *care_plans_user(struct store *db, const char *user_id, struct store_error *err)
{
    const char *p[] = {user_id};
    return store_query_one(db, "SELECT u.id, u.org_id, o.type AS org_type, u.display_name, u.profession, u.active"
                               " FROM users u JOIN organisations o ON o.id = u.org_id WHERE u.id = $1", 1, p, err);
}

json_t *care_plans_practitioners(struct store *db, struct store_error *err)
{
    return store_query_rows(db, "SELECT u.id, u.display_name, u.profession, o.name AS org_name FROM users u"
        " JOIN organisations o ON o.id = u.org_id WHERE u.active = 1 AND u.profession IN ('registered_nurse', 'gp',"
        " 'doctor', 'occupational_therapist', 'physiotherapist') ORDER BY u.display_name, u.id LIMIT 500", 0, NULL,
        err);
}

int competencies_insert(struct store *db, const struct actor *by, const struct competency_row *c,
                        char id[STORE_ID_LEN], struct store_error *err)
{
    store_new_id(id);
    const char *p[] = {id, c->worker_user_id, c->worker_name, c->worker_org_id, c->competency_code,
                       c->assessor_user_id, c->assessor_name, c->assessed_on, c->expires_on,
                       c->evidence ? c->evidence : "", c->recorded_org_id, by->now, by->user_id};
    return store_run(db, "INSERT INTO competencies (id, worker_user_id, worker_name, worker_org_id, competency_code,"
        " assessor_user_id, assessor_name, assessed_on, expires_on, evidence, recorded_org_id, created_at,"
        " created_by, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,"
        " $12, $13)", 13, p, err);
}

#define COMPETENCY_SELECT "SELECT c.id, c.worker_user_id, COALESCE(u.display_name, c.worker_name) AS worker," \
    " c.worker_name, c.worker_org_id, o.name AS worker_org_name, c.competency_code, c.assessor_user_id," \
    " c.assessor_name, c.assessed_on, c.expires_on, c.evidence, c.recorded_org_id, c.version, c.created_at," \
    " au.profession AS assessor_profession, ro.name AS recorded_org_name" \
    " FROM competencies c LEFT JOIN users u ON u.id = c.worker_user_id JOIN organisations o ON o.id = c.worker_org_id" \
    " LEFT JOIN users au ON au.id = c.assessor_user_id LEFT JOIN organisations ro ON ro.id = c.recorded_org_id"

int competency_assessor_add(struct store *db, const struct actor *by, const char *org_id, const char *user_id,
                            const char *code, struct store_error *err)
{
    const char *p[] = {org_id, user_id, code, by->user_id, by->now};
    return store_run(db, "INSERT INTO competency_assessors (org_id, user_id, competency_code, named_by, named_at)"
                         " VALUES ($1, $2, $3, $4, $5)", 5, p, err);
}

int competency_assessor_org(struct store *db, const char *user_id, const char *code, char org_id[STORE_ID_LEN],
                            struct store_error *err)
{
    const char *p[] = {user_id, code};
    return store_query_text(db, "SELECT a.org_id FROM competency_assessors a JOIN users u ON u.id = a.user_id"
                                " WHERE a.user_id = $1 AND a.competency_code = $2 AND u.active = 1"
                                " ORDER BY a.named_at LIMIT 1", 2, p, org_id, STORE_ID_LEN, err);
}

json_t *competency_assessors_list(struct store *db, const char *org_id, struct store_error *err)
{
    const char *p[] = {org_id};
    return store_query_rows(db, "SELECT a.user_id, u.display_name, u.profession, a.competency_code, a.named_at,"
        " nb.display_name AS named_by_name FROM competency_assessors a JOIN users u ON u.id = a.user_id"
        " LEFT JOIN users nb ON nb.id = a.named_by WHERE a.org_id = $1"
        " ORDER BY a.competency_code, u.display_name LIMIT 500", 1, p, err);
}

json_t *competencies_get(struct store *db, const char *id, struct store_error *err)
{
    const char *p[] = {id};
    return store_query_one(db, COMPETENCY_SELECT " WHERE c.id = $1", 1, p, err);
}

json_t *competencies_list(struct store *db, const char *org_id, const char *state, const char *today,
                          const char *soon, struct store_error *err)
{
    const char *p[] = {org_id, state ? state : "all", today, soon};
    return store_query_rows(db, COMPETENCY_SELECT " WHERE (c.recorded_org_id = $1 OR c.worker_org_id = $1 OR o.type IN ('provider', 'voluntary'))"
        " AND ($2 = 'all' OR ($2 = 'expired' AND c.expires_on < $3)"
        " OR ($2 = 'expiring' AND c.expires_on >= $3 AND c.expires_on <= $4))"
        " ORDER BY c.expires_on, c.id LIMIT 500", 4, p, err);
}

json_t *competencies_for_worker(struct store *db, const char *code, const char *user_id, const char *name,
                                const char *org_id, struct store_error *err)
{
    const char *p[] = {code, user_id ? user_id : "", name ? name : "", org_id};
    return store_query_rows(db, COMPETENCY_SELECT " WHERE c.competency_code = $1 AND ((c.worker_user_id = $2)"
        " OR (c.worker_user_id IS NULL AND c.worker_name = $3 AND c.worker_org_id = $4))"
        " ORDER BY c.expires_on DESC, c.id", 4, p, err);
}

int care_plans_insert(struct store *db, const struct actor *by, const struct care_plan_row *r, char id[STORE_ID_LEN],
                      struct store_error *err)
{
    store_new_record_id(r->person_id, id);
    const char *p[] = {id, r->person_id, r->org_id, r->team_id, r->needs, r->outcomes, r->start_on, r->review_on,
                       by->now, by->user_id, r->vfm[0], r->vfm[1], r->vfm[2], r->vfm[3]};
    return store_run(db, "INSERT INTO care_plans (id, person_id, org_id, team_id, needs, outcomes, start_on,"
        " review_on, status, created_at, created_by, updated_at, updated_by, vfm_call_frequency, vfm_skill_mix,"
        " vfm_assistive_technology, vfm_community_resources)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'draft', $9, $10, $9, $10, $11, $12, $13, $14)", 14, p, err);
}

#define PLAN_SELECT "SELECT cp.id, cp.person_id, cp.org_id, cp.team_id, t.name AS team_name, cp.needs, cp.outcomes," \
    " cp.start_on, cp.review_on, cp.status, cp.ended_on, cp.vfm_call_frequency, cp.vfm_skill_mix," \
    " cp.vfm_assistive_technology, cp.vfm_community_resources, cp.version, cp.created_at, cp.updated_at" \
    " FROM care_plans cp LEFT JOIN teams t ON t.id = cp.team_id"

json_t *care_plans_get(struct store *db, const char *id, struct store_error *err)
{
    STORE_PK_OR(NULL, "care_plans", id);
    const char *p[] = {id, pk};
    return store_query_one(db, PLAN_SELECT " WHERE cp.person_id = $2 AND cp.id = $1", 2, p, err);
}

json_t *care_plans_for_person(struct store *db, const char *person_id, struct store_error *err)
{
    const char *p[] = {person_id};
    return store_query_rows(db, PLAN_SELECT " WHERE cp.person_id = $1 ORDER BY cp.start_on DESC, cp.id DESC", 1, p,
                            err);
}

int care_plans_update(struct store *db, const struct actor *by, const char *id, long long version,
                      const struct care_plan_row *r, const char *status, const char *ended_on,
                      struct store_error *err)
{
    STORE_PK_OR(err->code, "care_plans", id);
    char v[24];
    const char *p[] = {id, INT_ARG(v, version), r->needs, r->outcomes, r->start_on, r->review_on, status, ended_on,
                       by->now, by->user_id, r->vfm[0], r->vfm[1], r->vfm[2], r->vfm[3], pk};
    return store_changed_one(db, store_run(db, "UPDATE care_plans SET needs = COALESCE($3, needs),"
        " outcomes = COALESCE($4, outcomes), start_on = COALESCE($5, start_on), review_on = COALESCE($6, review_on),"
        " status = COALESCE($7, status), ended_on = COALESCE($8, ended_on),"
        " vfm_call_frequency = COALESCE($11, vfm_call_frequency), vfm_skill_mix = COALESCE($12, vfm_skill_mix),"
        " vfm_assistive_technology = COALESCE($13, vfm_assistive_technology),"
        " vfm_community_resources = COALESCE($14, vfm_community_resources), version = version + 1,"
        " updated_at = $9, updated_by = $10 WHERE person_id = $15 AND id = $1 AND version = CAST($2 AS INTEGER)",
        15, p, err), err);
}

int care_plans_touch(struct store *db, const struct actor *by, const char *id, long long version,
                     struct store_error *err)
{
    STORE_PK_OR(err->code, "care_plans", id);
    char v[24];
    const char *p[] = {id, INT_ARG(v, version), by->now, by->user_id, pk};
    return store_changed_one(db, store_run(db, "UPDATE care_plans SET version = version + 1, updated_at = $3,"
        " updated_by = $4 WHERE person_id = $5 AND id = $1 AND version = CAST($2 AS INTEGER)", 5, p, err), err);
}

int care_plan_versions_add(struct store *db, const struct actor *by, const char *plan_id, long long version,
                           const char *person_id, const char *status, const char *change, const char *snapshot,
                           struct store_error *err)
{
    char v[24];
    const char *p[] = {plan_id, INT_ARG(v, version), person_id, status, change, snapshot, by->now, by->user_id};
    return store_run(db, "INSERT INTO care_plan_versions (plan_id, version, person_id, status, change, snapshot,"
        " changed_at, changed_by) VALUES ($1, CAST($2 AS INTEGER), $3, $4, $5, $6, $7, $8)", 8, p, err);
}

json_t *care_plan_versions_list(struct store *db, const char *plan_id, struct store_error *err)
{
    STORE_PK_OR(NULL, "care_plans", plan_id);
    const char *p[] = {plan_id, pk};
    return store_query_rows(db, "SELECT v.version, v.status, v.change, v.changed_at, u.display_name AS changed_by_name"
        " FROM care_plan_versions v LEFT JOIN users u ON u.id = v.changed_by WHERE v.person_id = $2"
        " AND v.plan_id = $1 ORDER BY v.version DESC", 2, p, err);
}

/* The task's values as parameters $3..$15 (split NULL when no unit). */
#define TASK_PARAMS(t, b) (t)->task_code, INT_ARG(b[0], (t)->calls), (t)->per, INT_ARG(b[1], (t)->minutes_per_call), \
    (t)->provider_org_id, INT_ARG(b[2], (t)->weekly_cost_pence), (t)->accountable_org_id, (t)->split_unit, \
    (t)->split_unit ? INT_ARG(b[3], (t)->split_nhs) : NULL, (t)->split_unit ? INT_ARG(b[4], (t)->split_council) : NULL, \
    (t)->split_unit ? INT_ARG(b[5], (t)->split_person) : NULL, (t)->notes ? (t)->notes : ""

int care_plan_tasks_insert(struct store *db, const struct actor *by, const struct care_plan_task_row *t,
                           char id[STORE_ID_LEN], struct store_error *err)
{
    store_new_record_id(t->person_id, id);
    char b[6][24];
    const char *p[] = {id, t->plan_id, t->person_id, TASK_PARAMS(t, b), by->now, by->user_id};
    return store_run(db, "INSERT INTO care_plan_tasks (id, plan_id, person_id, task_code, calls, per,"
        " minutes_per_call, provider_org_id, weekly_cost_pence, accountable_org_id, split_unit, split_nhs,"
        " split_council, split_person, notes, created_at, created_by, updated_at, updated_by)"
        " VALUES ($1, $2, $3, $4, CAST($5 AS INTEGER), $6, CAST($7 AS INTEGER), $8, CAST($9 AS INTEGER), $10, $11,"
        " CAST($12 AS INTEGER), CAST($13 AS INTEGER), CAST($14 AS INTEGER), $15, $16, $17, $16, $17)", 17, p, err);
}

int care_plan_tasks_update(struct store *db, const struct actor *by, const char *id, long long version,
                           const struct care_plan_task_row *t, struct store_error *err)
{
    STORE_PK_OR(err->code, "care_plan_tasks", id);
    char b[6][24], v[24];
    const char *p[] = {id, INT_ARG(v, version), TASK_PARAMS(t, b), by->now, by->user_id, pk};
    return store_changed_one(db, store_run(db, "UPDATE care_plan_tasks SET task_code = $3, calls = CAST($4 AS INTEGER),"
        " per = $5, minutes_per_call = CAST($6 AS INTEGER), provider_org_id = $7,"
        " weekly_cost_pence = CAST($8 AS INTEGER), accountable_org_id = $9, split_unit = $10,"
        " split_nhs = CAST($11 AS INTEGER), split_council = CAST($12 AS INTEGER), split_person = CAST($13 AS INTEGER),"
        " notes = $14, version = version + 1, updated_at = $15, updated_by = $16"
        " WHERE person_id = $17 AND id = $1 AND version = CAST($2 AS INTEGER)", 17, p, err), err);
}

json_t *care_plan_tasks_for_plan(struct store *db, const char *plan_id, struct store_error *err)
{
    STORE_PK_OR(NULL, "care_plans", plan_id);
    const char *p[] = {plan_id, pk};
    return store_query_rows(db, "SELECT pt.id, pt.task_code, tt.name AS task_name, tt.kind, tt.delegable,"
        " tt.competency_code, pt.calls, pt.per, pt.minutes_per_call, pt.provider_org_id, po.name AS provider_name,"
        " pt.weekly_cost_pence, pt.accountable_org_id, ao.name AS accountable_name, ao.type AS accountable_type,"
        " pt.split_unit, pt.split_nhs, pt.split_council, pt.split_person, pt.notes, pt.ended_on, pt.version"
        " FROM care_plan_tasks pt JOIN care_task_types tt ON tt.code = pt.task_code"
        " JOIN organisations ao ON ao.id = pt.accountable_org_id LEFT JOIN organisations po ON po.id = pt.provider_org_id"
        " WHERE pt.person_id = $2 AND pt.plan_id = $1 ORDER BY pt.created_at, pt.id", 2, p, err);
}

int care_task_assignments_insert(struct store *db, const struct actor *by, const struct assignment_row *a,
                                 char id[STORE_ID_LEN], struct store_error *err)
{
    store_new_record_id(a->person_id, id);
    const char *p[] = {id, a->plan_task_id, a->plan_id, a->person_id, a->worker_user_id, a->worker_name,
                       a->worker_org_id, a->from_on, a->to_on, a->delegated ? "1" : "0", a->practitioner_user_id,
                       a->oversight_review_on, a->competency_id, by->now, by->user_id};
    return store_run(db, "INSERT INTO care_task_assignments (id, plan_task_id, plan_id, person_id, worker_user_id,"
        " worker_name, worker_org_id, from_on, to_on, delegated, practitioner_user_id, oversight_review_on,"
        " competency_id, created_at, created_by, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
        " $9, CAST($10 AS INTEGER), $11, $12, $13, $14, $15, $14, $15)", 15, p, err);
}

int care_task_assignments_reviewed(struct store *db, const struct actor *by, const char *id, const char *plan_id,
                                   const char *reviewed_on, const char *next_on, struct store_error *err)
{
    STORE_PK_OR(err->code, "care_task_assignments", id);
    const char *p[] = {id, plan_id, reviewed_on, next_on, by->now, by->user_id, pk};
    return store_changed_one(db, store_run(db, "UPDATE care_task_assignments SET oversight_reviewed_on = $3,"
        " oversight_review_on = $4, version = version + 1, updated_at = $5, updated_by = $6"
        " WHERE person_id = $7 AND id = $1 AND plan_id = $2 AND delegated = 1", 7, p, err), err);
}

#define ASSIGNMENT_SELECT "SELECT a.id, a.plan_task_id, a.plan_id, a.person_id, a.worker_user_id," \
    " COALESCE(w.display_name, a.worker_name) AS worker, a.worker_org_id, o.name AS worker_org_name, a.from_on," \
    " a.to_on, a.delegated, a.practitioner_user_id, pr.display_name AS practitioner, a.oversight_review_on," \
    " a.oversight_reviewed_on," \
    " a.competency_id, a.version, a.updated_at FROM care_task_assignments a LEFT JOIN users w ON w.id = a.worker_user_id" \
    " JOIN organisations o ON o.id = a.worker_org_id LEFT JOIN users pr ON pr.id = a.practitioner_user_id"

json_t *care_task_assignment_get(struct store *db, const char *plan_id, const char *id, struct store_error *err)
{
    STORE_PK_OR(NULL, "care_task_assignments", id);
    const char *p[] = {plan_id, id, pk};
    return store_query_one(db, "SELECT x.*, t.name AS task_name FROM (" ASSIGNMENT_SELECT
                               " WHERE a.person_id = $3 AND a.plan_id = $1 AND a.id = $2) x"
                               " JOIN care_plan_tasks pt ON pt.person_id = x.person_id AND pt.id = x.plan_task_id"
                               " JOIN care_task_types t ON t.code = pt.task_code", 3, p, err);
}

int oversight_reviews_add(struct store *db, const struct actor *by, const struct oversight_review_row *r,
                          char id[STORE_ID_LEN], struct store_error *err)
{
    store_new_record_id(r->person_id, id);
    const char *p[] = {id, r->assignment_id, r->plan_id, r->person_id, r->reviewed_on, r->outcome, r->findings,
                       r->next_review_on, by->user_id, by->now};
    return store_run(db, "INSERT INTO oversight_reviews (id, assignment_id, plan_id, person_id, reviewed_on, outcome,"
                         " findings, next_review_on, reviewed_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
                         " $9, $10)", 10, p, err);
}

json_t *oversight_reviews_list(struct store *db, const char *assignment_id, struct store_error *err)
{
    STORE_PK_OR(NULL, "care_task_assignments", assignment_id);
    const char *p[] = {assignment_id, pk};
    return store_query_rows(db, "SELECT r.id, r.reviewed_on, r.outcome, r.findings, r.next_review_on,"
                                " u.display_name AS reviewer FROM oversight_reviews r JOIN users u ON u.id = r.reviewed_by"
                                " WHERE r.person_id = $2 AND r.assignment_id = $1"
                                " ORDER BY r.reviewed_on DESC, r.created_at DESC", 2, p, err);
}

json_t *care_task_assignments_for_plan(struct store *db, const char *plan_id, struct store_error *err)
{
    STORE_PK_OR(NULL, "care_plans", plan_id);
    const char *p[] = {plan_id, pk};
    return store_query_rows(db, ASSIGNMENT_SELECT " WHERE a.person_id = $2 AND a.plan_id = $1 ORDER BY a.from_on, a.id",
                            2, p, err);
}

json_t *care_oversight_due(struct store *db, const char *user_id, const char *due_by, struct store_error *err)
{
    const char *p[] = {user_id, due_by};
    return store_query_rows(db, "SELECT a.id, a.plan_id, a.plan_task_id, a.person_id, tt.name AS task_name,"
        " COALESCE(w.display_name, a.worker_name) AS worker, a.from_on, a.to_on, a.oversight_review_on,"
        " pr.display_name AS practitioner, pe.family_name, pe.given_name, pe.nhs_number"
        " FROM care_task_assignments a JOIN care_plan_tasks pt ON pt.person_id = a.person_id AND pt.id = a.plan_task_id"
        " JOIN care_task_types tt ON tt.code = pt.task_code JOIN care_plans cp"
        " ON cp.person_id = a.person_id AND cp.id = a.plan_id"
        " JOIN persons pe ON pe.id = a.person_id LEFT JOIN users w ON w.id = a.worker_user_id"
        " LEFT JOIN users pr ON pr.id = a.practitioner_user_id"
        " WHERE a.delegated = 1 AND a.oversight_review_on <= $2 AND cp.status <> 'ended'"
        " AND (a.practitioner_user_id = $1 OR cp.team_id IN (SELECT team_id FROM user_teams WHERE user_id = $1))"
        " AND pe.date_of_death IS NULL AND pe.merged_into IS NULL ORDER BY a.oversight_review_on, a.id LIMIT 500",
        2, p, err);
}

json_t *care_task_assignment_plan(struct store *db, const char *id, struct store_error *err)
{
    STORE_PK_OR(NULL, "care_task_assignments", id);
    const char *p[] = {id, pk};
    return store_query_one(db, "SELECT plan_id FROM care_task_assignments WHERE person_id = $2 AND id = $1", 2, p, err);
}
