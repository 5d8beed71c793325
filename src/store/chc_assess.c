/* CHC full assessments (Decision Support Tool) and their MDT members, and
 * the aggregates behind the CHC KPIs (store/chc.h). */
#include "store/chc.h"
#include <stdio.h>
#include <string.h>

/* Parameters 1..27 of an assessment row after id ($1): see the SQL below. */
static void params(const struct chc_assessment_row *r, char counts[DST_LEVELS][8], const char *p[28])
{
    p[1] = r->case_id;
    p[2] = r->person_id;
    p[3] = r->status;
    p[4] = r->setting;
    for (int i = 0; i < CHC_DST_DOMAINS; i++)
        p[5 + i] = r->levels[i];
    for (int i = 0; i < DST_LEVELS; i++) {
        snprintf(counts[i], 8, "%d", r->counts[i]);
        p[17 + i] = counts[i];
    }
    p[23] = r->indicator;
    p[24] = r->person_views ? r->person_views : "";
    p[25] = r->recommendation ? r->recommendation : "";
    p[26] = r->completed_on;
}

int chc_assessment_insert(struct store *db, const struct actor *by, const struct chc_assessment_row *r,
                          char id[STORE_ID_LEN], struct store_error *err)
{
    char counts[DST_LEVELS][8];
    const char *p[29];
    params(r, counts, p);
    store_new_record_id(p[2], id);   /* $3: the person */
    p[0] = id;
    p[27] = by->now;
    p[28] = by->user_id;
    return store_run(db, "INSERT INTO chc_assessments (id, case_id, person_id, status, setting, breathing, nutrition,"
        " continence, skin, mobility, communication, psychological, cognition, behaviour, drug_therapies,"
        " altered_states, other, count_no, count_low, count_moderate, count_high, count_severe, count_priority,"
        " indicator, person_views, recommendation, completed_on, created_at, created_by, updated_at, updated_by)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,"
        " CAST($18 AS INTEGER), CAST($19 AS INTEGER), CAST($20 AS INTEGER), CAST($21 AS INTEGER),"
        " CAST($22 AS INTEGER), CAST($23 AS INTEGER), $24, $25, $26, $27, $28, $29, $28, $29)", 29, p, err);
}

int chc_assessment_update(struct store *db, const struct actor *by, const char *id, long long version,
                          const struct chc_assessment_row *r, struct store_error *err)
{
    char counts[DST_LEVELS][8], v[24];
    snprintf(v, sizeof v, "%lld", version);
    const char *p[30];
    p[0] = id;
    params(r, counts, p);
    p[27] = by->now;
    p[28] = by->user_id;
    p[29] = v;
    int rc = store_run(db, "UPDATE chc_assessments SET case_id = $2, status = $4, setting = $5,"
        " breathing = $6, nutrition = $7, continence = $8, skin = $9, mobility = $10, communication = $11,"
        " psychological = $12, cognition = $13, behaviour = $14, drug_therapies = $15, altered_states = $16,"
        " other = $17, count_no = CAST($18 AS INTEGER), count_low = CAST($19 AS INTEGER),"
        " count_moderate = CAST($20 AS INTEGER), count_high = CAST($21 AS INTEGER),"
        " count_severe = CAST($22 AS INTEGER), count_priority = CAST($23 AS INTEGER), indicator = $24,"
        " person_views = $25, recommendation = $26, completed_on = $27, version = version + 1, updated_at = $28,"
        " updated_by = $29 WHERE person_id = $3 AND id = $1 AND status = 'draft' AND version = CAST($30 AS INTEGER)",
        30, p, err);
    return store_changed_one(db, rc, err);
}

json_t *chc_assessment_get(struct store *db, const char *id, struct store_error *err)
{
    STORE_PK_OR(NULL, "chc_assessments", id);
    const char *p[] = {id, pk};
    json_t *r = store_query_one(db, "SELECT a.*, u.display_name AS author_name FROM chc_assessments a"
        " LEFT JOIN users u ON u.id = a.created_by WHERE a.person_id = $2 AND a.id = $1", 2, p, err);
    if (!r)
        return NULL;
    chc_nest_dst_domains(r);
    json_t *m = store_query_rows(db, "SELECT m.user_id, m.name, m.profession, m.care_act_assessor,"
        " u.display_name AS user_name FROM chc_mdt_members m LEFT JOIN users u ON u.id = m.user_id"
        " WHERE m.assessment_id = $1 ORDER BY m.position", 1, p, err);
    if (!m) {
        json_decref(r);
        return NULL;
    }
    json_object_set_new(r, "mdt", m);
    return r;
}

json_t *chc_assessments_for_case(struct store *db, const char *case_id, struct store_error *err)
{
    STORE_PK_OR(NULL, "chc_cases", case_id);
    const char *p[] = {case_id, pk};
    return store_query_rows(db, "SELECT a.id, a.status, a.setting, a.indicator, a.completed_on, a.version,"
        " a.count_priority, a.count_severe, a.count_high, a.count_moderate, a.count_low, a.count_no,"
        " u.display_name AS author_name FROM chc_assessments a LEFT JOIN users u ON u.id = a.created_by"
        " WHERE a.person_id = $2 AND a.case_id = $1 ORDER BY a.created_at, a.id", 2, p, err);
}

int chc_mdt_replace(struct store *db, const char *assessment_id, const struct chc_member_row *m, size_t n,
                    struct store_error *err)
{
    const char *d[] = {assessment_id};
    int rc = store_run(db, "DELETE FROM chc_mdt_members WHERE assessment_id = $1", 1, d, err);
    for (size_t i = 0; rc == STORE_OK && i < n; i++) {
        char id[STORE_ID_LEN], pos[24], caa[4];
        store_new_id(id);
        snprintf(pos, sizeof pos, "%zu", i);
        snprintf(caa, sizeof caa, "%d", m[i].care_act_assessor ? 1 : 0);
        const char *p[] = {id, assessment_id, pos, m[i].user_id, m[i].name, m[i].profession, caa};
        rc = store_run(db, "INSERT INTO chc_mdt_members (id, assessment_id, position, user_id, name, profession,"
            " care_act_assessor) VALUES ($1, $2, CAST($3 AS INTEGER), $4, $5, $6, CAST($7 AS INTEGER))", 7, p, err);
    }
    return rc;
}

/* ---- KPI rows ---- */

json_t *chc_kpi_case_rows(struct store *db, const char *from, const char *to, struct store_error *err)
{
    const char *p[] = {from, to};
    return store_query_rows(db, "SELECT received_on, decided_on FROM chc_cases WHERE route <> 'fast_track'"
        " AND ((decided_on >= $1 AND decided_on <= $2)"
        " OR (decided_on IS NULL AND status <> 'closed' AND received_on >= $1 AND received_on <= $2))"
        " ORDER BY received_on", 2, p, err);
}

json_t *chc_kpi_assessment_rows(struct store *db, const char *from, const char *to, struct store_error *err)
{
    const char *p[] = {from, to};
    return store_query_rows(db, "SELECT completed_on, setting FROM chc_assessments WHERE status = 'completed'"
        " AND completed_on >= $1 AND completed_on <= $2 ORDER BY completed_on", 2, p, err);
}
