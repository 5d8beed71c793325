#include "store/care_act_assessments.h"
#include <string.h>

int care_act_insert(struct store *db, const struct actor *by, const struct care_act_new *a, char id[STORE_ID_LEN],
                    struct store_error *err)
{
    store_new_record_id(a->person_id, id);
    const char *p[] = {id, a->person_id, a->kind, a->org_id, a->team_id, a->assessor_id, by->now, by->user_id};
    return store_run(db, "INSERT INTO care_act_assessments (id, person_id, kind, status, org_id, team_id,"
        " assessor_id, created_at, created_by, updated_at, updated_by)"
        " VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7, $8, $7, $8)", 8, p, err);
}

json_t *care_act_get(struct store *db, const char *id, struct store_error *err)
{
    STORE_PK_OR(NULL, "care_act_assessments", id);
    const char *p[] = {id, pk};
    return store_query_one(db, "SELECT a.*, p.nhs_number, p.family_name, p.given_name, p.date_of_birth,"
        " u.display_name AS assessor_name, t.name AS team_name, m.display_name AS authorised_by_name"
        " FROM care_act_assessments a JOIN persons p ON p.id = a.person_id JOIN users u ON u.id = a.assessor_id"
        " LEFT JOIN teams t ON t.id = a.team_id LEFT JOIN users m ON m.id = a.authorised_by"
        " WHERE a.person_id = $2 AND a.id = $1", 2, p, err);
}

json_t *care_act_for_person(struct store *db, const char *person_id, struct store_error *err)
{
    const char *p[] = {person_id};
    return store_query_rows(db, "SELECT a.id, a.person_id, a.kind, a.status, a.team_id, t.name AS team_name,"
        " a.assessor_id, u.display_name AS assessor_name, a.eligible, a.computed_eligible, a.completed_at,"
        " a.authorised_at, a.version, a.created_at, a.updated_at FROM care_act_assessments a"
        " JOIN users u ON u.id = a.assessor_id LEFT JOIN teams t ON t.id = a.team_id"
        " WHERE a.person_id = $1 ORDER BY a.created_at DESC, a.id", 1, p, err);
}

static void bind_flag(struct store_stmt *s, int n, int v)
{
    if (v < 0)
        store_bind_null(s, n);
    else
        store_bind_int(s, n, v != 0);
}

/* Steps an UPDATE to completion: STORE_ENOTFOUND when it changed no row. */
static int finish_update(struct store *db, struct store_stmt *s, struct store_error *err)
{
    return store_changed_one(db, store_step_done(s, err), err);
}

int care_act_save_answers(struct store *db, const struct actor *by, const char *id, long long version,
                          const struct care_act_answers *a, struct store_error *err)
{
    STORE_PK_OR(err->code, "care_act_assessments", id);
    struct store_stmt *s = store_prepare(db,
        "UPDATE care_act_assessments SET impairment_or_illness = $3, needs_arise_from_caring = $4,"
        " health_deteriorating_or_at_risk = $5, significant_impact = $6, outcomes = $7, wellbeing = $8,"
        " person_views = $9, notes = $10, version = version + 1, updated_at = $11, updated_by = $12"
        " WHERE person_id = $13 AND id = $1 AND version = $2 AND status = 'draft'", err);
    if (!s)
        return err->code;
    store_bind_text(s, 1, id);
    store_bind_int(s, 2, version);
    bind_flag(s, 3, a->impairment);
    bind_flag(s, 4, a->arise);
    bind_flag(s, 5, a->health);
    bind_flag(s, 6, a->impact);
    store_bind_text(s, 7, a->outcomes ? a->outcomes : "{}");
    store_bind_text(s, 8, a->wellbeing);
    store_bind_text(s, 9, a->person_views);
    store_bind_text(s, 10, a->notes);
    store_bind_text(s, 11, by->now);
    store_bind_text(s, 12, by->user_id);
    store_bind_text(s, 13, pk);
    return finish_update(db, s, err);
}

int care_act_complete(struct store *db, const struct actor *by, const char *id, long long version,
                      const struct care_act_completion *c, struct store_error *err)
{
    STORE_PK_OR(err->code, "care_act_assessments", id);
    struct store_stmt *s = store_prepare(db,
        "UPDATE care_act_assessments SET status = 'completed', computed_eligible = $3,"
        " computed_outcomes_unable = $4, computed_reasons = $5, assessor_agrees = $6, assessor_reason = $7,"
        " eligible = $8, completed_at = $9, version = version + 1, updated_at = $9, updated_by = $10"
        " WHERE person_id = $11 AND id = $1 AND version = $2 AND status = 'draft'", err);
    if (!s)
        return err->code;
    store_bind_text(s, 1, id);
    store_bind_int(s, 2, version);
    store_bind_int(s, 3, c->computed_eligible != 0);
    store_bind_int(s, 4, c->outcomes_unable);
    store_bind_text(s, 5, c->reasons);
    store_bind_int(s, 6, c->agrees != 0);
    store_bind_text(s, 7, c->assessor_reason);
    store_bind_int(s, 8, c->eligible != 0);
    store_bind_text(s, 9, by->now);
    store_bind_text(s, 10, by->user_id);
    store_bind_text(s, 11, pk);
    return finish_update(db, s, err);
}

int care_act_authorise(struct store *db, const struct actor *by, const char *id, long long version,
                       struct store_error *err)
{
    STORE_PK_OR(err->code, "care_act_assessments", id);
    struct store_stmt *s = store_prepare(db,
        "UPDATE care_act_assessments SET status = 'authorised', authorised_by = $3, authorised_at = $4,"
        " version = version + 1, updated_at = $4, updated_by = $3"
        " WHERE person_id = $5 AND id = $1 AND version = $2 AND status = 'completed'", err);
    if (!s)
        return err->code;
    store_bind_text(s, 1, id);
    store_bind_int(s, 2, version);
    store_bind_text(s, 3, by->user_id);
    store_bind_text(s, 4, by->now);
    store_bind_text(s, 5, pk);
    return finish_update(db, s, err);
}
