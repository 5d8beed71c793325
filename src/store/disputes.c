/* disputes: see disputes.h. */
#include "store/disputes.h"
#include <stdio.h>
#include <string.h>

#define I(x) "CAST(" x " AS INTEGER)"

static void num(char *out, size_t n, long long v)
{
    snprintf(out, n, "%lld", v);
}

/* ---- partnerships ---- */

#define PARTNERSHIP_COLS "p.id, p.name, p.stage1_days, p.stage2_days, p.stage3_days, p.stage4_days," \
                         " p.suppress_max, p.attachment_max_bytes, p.version"

json_t *partnership_of_orgs(struct store *db, const char *org_a, const char *org_b, struct store_error *err)
{
    const char *p[] = {org_a, org_b};
    return store_query_one(db, "SELECT " PARTNERSHIP_COLS " FROM partnerships p"
        " JOIN partnership_orgs a ON a.partnership_id = p.id AND a.org_id = $1"
        " JOIN partnership_orgs b ON b.partnership_id = p.id AND b.org_id = $2 ORDER BY p.name LIMIT 1", 2, p, err);
}

static json_t *with_orgs(struct store *db, json_t *rows, struct store_error *err)
{
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) {
        const char *p[] = {json_string_value(json_object_get(r, "id"))};
        json_t *orgs = store_query_rows(db, "SELECT o.id, o.code, o.name, o.type FROM partnership_orgs po"
            " JOIN organisations o ON o.id = po.org_id WHERE po.partnership_id = $1 ORDER BY o.name", 1, p, err);
        if (!orgs) {
            json_decref(rows);
            return NULL;
        }
        json_object_set_new(r, "orgs", orgs);
    }
    return rows;
}

json_t *partnerships_of_org(struct store *db, const char *org_id, struct store_error *err)
{
    const char *p[] = {org_id};
    return with_orgs(db, store_query_rows(db, "SELECT " PARTNERSHIP_COLS " FROM partnerships p"
        " JOIN partnership_orgs po ON po.partnership_id = p.id AND po.org_id = $1 ORDER BY p.name", 1, p, err), err);
}

json_t *partnership_get(struct store *db, const char *id, struct store_error *err)
{
    const char *p[] = {id};
    json_t *one = store_query_one(db, "SELECT " PARTNERSHIP_COLS " FROM partnerships p WHERE p.id = $1", 1, p, err);
    if (!one)
        return NULL;
    json_t *arr = with_orgs(db, json_pack("[o]", one), err);
    if (!arr)
        return NULL;
    json_t *r = json_incref(json_array_get(arr, 0));
    json_decref(arr);
    return r;
}

int partnership_insert(struct store *db, const struct actor *by, const char *name, char id[STORE_ID_LEN],
                       struct store_error *err)
{
    store_new_id(id);
    const char *p[] = {id, name, by->now, by->user_id};
    return store_run(db, "INSERT INTO partnerships (id, name, created_at, updated_at, updated_by)"
                         " VALUES ($1, $2, $3, $3, $4)", 4, p, err);
}

int partnership_add_org(struct store *db, const char *partnership_id, const char *org_id, struct store_error *err)
{
    const char *p[] = {partnership_id, org_id};
    return store_run(db, "INSERT INTO partnership_orgs (partnership_id, org_id) VALUES ($1, $2)", 2, p, err);
}

int partnership_set_policy(struct store *db, const struct actor *by, const char *id, long long version,
                           const int days[4], int suppress_max, struct store_error *err)
{
    char v[24], d[4][16], s[16];
    num(v, sizeof v, version);
    for (int i = 0; i < 4; i++)
        num(d[i], sizeof d[i], days[i]);
    num(s, sizeof s, suppress_max);
    const char *p[] = {id, v, days[0] ? d[0] : NULL, days[1] ? d[1] : NULL, days[2] ? d[2] : NULL,
                       days[3] ? d[3] : NULL, s, by->now, by->user_id};
    int rc = store_run(db, "UPDATE partnerships SET stage1_days = " I("$3") ", stage2_days = " I("$4")
        ", stage3_days = " I("$5") ", stage4_days = " I("$6") ", suppress_max = " I("$7")
        ", version = version + 1, updated_at = $8, updated_by = $9 WHERE id = $1 AND version = " I("$2"), 9, p, err);
    return store_changed_one(db, rc, err);
}

json_t *disputes_org(struct store *db, const char *org_id, struct store_error *err)
{
    const char *p[] = {org_id};
    return store_query_one(db, "SELECT id, code, name, type FROM organisations WHERE id = $1", 1, p, err);
}

/* ---- subjects ---- */

#define PERSON_WEEKLY(person) "(SELECT COALESCE(SUM(t.weekly_cost_pence), 0) FROM care_plan_tasks t" \
    " JOIN care_plans cp ON cp.person_id = t.person_id AND cp.id = t.plan_id WHERE t.person_id = " person \
    " AND cp.status IN ('agreed', 'active') AND t.ended_on IS NULL)"

json_t *disputes_subject(struct store *db, const char *type, const char *id, struct store_error *err)
{
    const char *sql = NULL, *table = NULL;
    if (strcmp(type, "chc_decision") == 0)
        table = "chc_decisions",
        sql = "SELECT d.person_id, " PERSON_WEEKLY("d.person_id") " AS weekly_cost_pence,"
              " CASE WHEN d.outcome = 'eligible' THEN 'nhs' ELSE 'council' END AS funder_side"
              " FROM chc_decisions d WHERE d.person_id = $2 AND d.id = $1 AND d.outcome <> 'deferred'";
    else if (strcmp(type, "joint_funding_decision") == 0)
        table = "joint_funding_requests",
        sql = "SELECT r.person_id, (SELECT COALESCE(SUM(t.weekly_cost_pence), 0) FROM joint_funding_request_tasks rt"
              " JOIN care_plan_tasks t ON t.person_id = rt.person_id AND t.id = rt.plan_task_id"
              " WHERE rt.person_id = r.person_id AND rt.request_id = r.id) AS weekly_cost_pence,"
              " 'nhs' AS funder_side FROM joint_funding_requests r"
              " WHERE r.person_id = $2 AND r.id = $1 AND r.status IN ('agreed', 'amended', 'refused')";
    else if (strcmp(type, "plan_task") == 0)
        table = "care_plan_tasks",
        sql = "SELECT t.person_id, t.weekly_cost_pence,"
              " CASE WHEN o.type = 'council' THEN 'council' ELSE 'nhs' END AS funder_side"
              " FROM care_plan_tasks t JOIN organisations o ON o.id = t.accountable_org_id"
              " WHERE t.person_id = $2 AND t.id = $1";
    else if (strcmp(type, "shared_care_discussion") == 0)
        table = "shared_care_discussions",
        sql = "SELECT s.person_id, " PERSON_WEEKLY("s.person_id") " AS weekly_cost_pence, NULL AS funder_side"
              " FROM shared_care_discussions s WHERE s.person_id = $2 AND s.id = $1";
    if (!sql) {
        store_notfound(err);
        return NULL;
    }
    STORE_PK_OR(NULL, table, id);
    const char *p[] = {id, pk};
    return store_query_one(db, sql, 2, p, err);
}

/* ---- disputes ---- */

int disputes_insert(struct store *db, const struct actor *by, const struct dispute_row *d, char id[STORE_ID_LEN],
                    struct store_error *err)
{
    store_new_record_id(d->person_id, id);
    char w[24], e[24];
    num(w, sizeof w, d->weekly_cost_pence);
    num(e, sizeof e, d->deadline_estimated);
    const char *p[] = {id, d->partnership_id, d->person_id, d->subject_type, d->subject_id, d->raised_by_org_id,
                       d->against_org_id, d->interim_funder_org_id, d->question, d->position, w, d->raised_on,
                       d->stage_deadline, e, by->now, by->user_id};
    return store_run(db, "INSERT INTO disputes (id, partnership_id, person_id, subject_type, subject_id,"
        " raised_by_org_id, against_org_id, interim_funder_org_id, question, position, weekly_cost_pence, state,"
        " stage, stage_started_on, stage_deadline, deadline_estimated, raised_on, created_at, created_by,"
        " updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, " I("$11") ", 'open', 1, $12,"
        " $13, " I("$14") ", $12, $15, $16, $15, $16)", 16, p, err);
}

#define DISPUTE_COLS "d.id, d.partnership_id, pa.name AS partnership_name, d.person_id, d.subject_type," \
    " d.subject_id, d.raised_by_org_id, ro.name AS raised_by_org_name, ro.type AS raised_by_org_type," \
    " d.against_org_id, ao.name AS against_org_name, ao.type AS against_org_type, d.interim_funder_org_id," \
    " fo.name AS interim_funder_org_name, fo.type AS interim_funder_org_type, d.question, d.position," \
    " d.against_position, d.weekly_cost_pence, d.state, d.stage, d.stage_started_on, d.stage_deadline," \
    " d.deadline_estimated, d.raised_on, d.outcome, d.effective_from, d.split_nhs, d.split_council," \
    " d.split_person, d.closed_on, d.version, d.created_at, d.created_by, d.updated_at," \
    " p.given_name, p.family_name, p.nhs_number, p.date_of_birth," \
    " pa.stage1_days, pa.stage2_days, pa.stage3_days, pa.stage4_days, pa.attachment_max_bytes"
#define DISPUTE_FROM " FROM disputes d JOIN partnerships pa ON pa.id = d.partnership_id" \
    " JOIN organisations ro ON ro.id = d.raised_by_org_id JOIN organisations ao ON ao.id = d.against_org_id" \
    " JOIN organisations fo ON fo.id = d.interim_funder_org_id JOIN persons p ON p.id = d.person_id"

json_t *disputes_get(struct store *db, const char *id, struct store_error *err)
{
    STORE_PK_OR(NULL, "disputes", id);
    const char *p[] = {id, pk};
    return store_query_one(db, "SELECT " DISPUTE_COLS DISPUTE_FROM " WHERE d.person_id = $2 AND d.id = $1", 2, p, err);
}

json_t *disputes_events(struct store *db, const char *id, struct store_error *err)
{
    STORE_PK_OR(NULL, "disputes", id);
    const char *p[] = {id, pk};
    return store_query_rows(db, "SELECT e.id, e.at, e.kind, e.stage, e.text, e.org_id, o.name AS org_name,"
        " u.display_name AS user_name FROM dispute_events e LEFT JOIN organisations o ON o.id = e.org_id"
        " LEFT JOIN users u ON u.id = e.user_id WHERE e.person_id = $2 AND e.dispute_id = $1 ORDER BY e.at, e.id",
        2, p, err);
}

json_t *disputes_attachments(struct store *db, const char *id, struct store_error *err)
{
    STORE_PK_OR(NULL, "disputes", id);
    const char *p[] = {id, pk};
    return store_query_rows(db, "SELECT a.id, a.filename, a.content_type, a.size_bytes, a.sha256, a.created_at,"
        " o.name AS org_name FROM dispute_attachments a LEFT JOIN organisations o ON o.id = a.org_id"
        " WHERE a.person_id = $2 AND a.dispute_id = $1 ORDER BY a.created_at DESC, a.id", 2, p, err);
}

#define RECON_COLS "r.dispute_id, r.person_id, r.interim_funder, r.from_on, r.to_on, r.days, r.weekly_cost_pence," \
    " r.total_pence, r.nhs_pence, r.council_pence, r.person_pence, r.council_owes_nhs_pence, r.reconciled_on"

json_t *disputes_reconciliation(struct store *db, const char *id, struct store_error *err)
{
    STORE_PK_OR(NULL, "disputes", id);
    const char *p[] = {id, pk};
    json_t *rows = store_query_rows(db, "SELECT " RECON_COLS " FROM dispute_reconciliations r"
                                    " WHERE r.person_id = $2 AND r.dispute_id = $1", 2, p, err);
    if (!rows)
        return NULL;
    json_t *r = json_array_size(rows) ? json_incref(json_array_get(rows, 0)) : json_null();
    json_decref(rows);
    return r;
}

json_t *disputes_list(struct store *db, const struct dispute_filter *f, struct store_error *err)
{
    char lim[16];
    num(lim, sizeof lim, f->limit);
    const char *state = f->state ? f->state : "open";
    const char *p[] = {f->org_id, f->created_by, state, f->today, f->after_id ? f->after_id : "", lim};
    return store_query_rows(db, "SELECT " DISPUTE_COLS DISPUTE_FROM
        " WHERE (d.raised_by_org_id = $1 OR d.against_org_id = $1) AND ($2 IS NULL OR d.created_by = $2)"
        " AND (($3 = 'open' AND d.state = 'open') OR ($3 = 'overdue' AND d.state = 'open' AND d.stage_deadline < $4)"
        " OR ($3 = 'closed' AND d.state <> 'open')) AND d.id > $5 ORDER BY d.id LIMIT " I("$6"), 6, p, err);
}

int disputes_event_add(struct store *db, const struct actor *by, const char *dispute_id, const char *person_id,
                       const char *org_id, const char *kind, int stage, const char *text, struct store_error *err)
{
    char id[STORE_ID_LEN], s[24];
    store_new_record_id(person_id, id);
    num(s, sizeof s, stage);
    const char *p[] = {id, dispute_id, person_id, by->now, org_id, by->user_id, kind, s, text ? text : ""};
    return store_run(db, "INSERT INTO dispute_events (id, dispute_id, person_id, at, org_id, user_id, kind, stage,"
        " text) VALUES ($1, $2, $3, $4, $5, $6, $7, " I("$8") ", $9)", 9, p, err);
}

int disputes_escalate(struct store *db, const struct actor *by, const char *id, long long version, int stage,
                      const char *started, const char *deadline, int estimated, struct store_error *err)
{
    STORE_PK_OR(err->code, "disputes", id);
    char v[24], s[24], e[24];
    num(v, sizeof v, version);
    num(s, sizeof s, stage);
    num(e, sizeof e, estimated);
    const char *p[] = {id, v, s, started, deadline, e, by->now, by->user_id, pk};
    return store_changed_one(db, store_run(db, "UPDATE disputes SET stage = " I("$3") ", stage_started_on = $4,"
        " stage_deadline = $5, deadline_estimated = " I("$6") ", version = version + 1, updated_at = $7,"
        " updated_by = $8 WHERE person_id = $9 AND id = $1 AND version = " I("$2")
        " AND state = 'open'", 9, p, err), err);
}

int disputes_touch(struct store *db, const struct actor *by, const char *id, long long version,
                   const char *against_position, struct store_error *err)
{
    STORE_PK_OR(err->code, "disputes", id);
    char v[24];
    num(v, sizeof v, version);
    const char *p[] = {id, v, against_position, by->now, by->user_id, pk};
    return store_changed_one(db, store_run(db, "UPDATE disputes SET against_position = COALESCE($3, against_position),"
        " version = version + 1, updated_at = $4, updated_by = $5"
        " WHERE person_id = $6 AND id = $1 AND version = " I("$2")
        " AND state = 'open'", 6, p, err), err);
}

int disputes_settle(struct store *db, const struct actor *by, const char *id, long long version, const char *outcome,
                    const char *effective_from, const int64_t *split, const char *closed_on, struct store_error *err)
{
    STORE_PK_OR(err->code, "disputes", id);
    char v[24], s[3][24];
    num(v, sizeof v, version);
    for (int i = 0; split && i < 3; i++)
        num(s[i], sizeof s[i], split[i]);
    const char *p[] = {id, v, outcome, effective_from, split ? s[0] : NULL, split ? s[1] : NULL,
                       split ? s[2] : NULL, closed_on, by->now, by->user_id, pk};
    return store_changed_one(db, store_run(db, "UPDATE disputes SET state = 'settled', outcome = $3,"
        " effective_from = $4, split_nhs = " I("$5") ", split_council = " I("$6") ", split_person = " I("$7")
        ", closed_on = $8, version = version + 1, updated_at = $9, updated_by = $10"
        " WHERE person_id = $11 AND id = $1 AND version = " I("$2")
        " AND state = 'open'", 11, p, err), err);
}

int disputes_withdraw(struct store *db, const struct actor *by, const char *id, long long version,
                      const char *closed_on, struct store_error *err)
{
    STORE_PK_OR(err->code, "disputes", id);
    char v[24];
    num(v, sizeof v, version);
    const char *p[] = {id, v, closed_on, by->now, by->user_id, pk};
    return store_changed_one(db, store_run(db, "UPDATE disputes SET state = 'withdrawn', closed_on = $3,"
        " version = version + 1, updated_at = $4, updated_by = $5"
        " WHERE person_id = $6 AND id = $1 AND version = " I("$2")
        " AND state = 'open'", 6, p, err), err);
}

int disputes_reconciliation_insert(struct store *db, const struct actor *by,
                                   const struct dispute_reconciliation_row *r, struct store_error *err)
{
    char id[STORE_ID_LEN], n[7][24];
    store_new_record_id(r->person_id, id);
    int64_t v[7] = {r->days, r->weekly, r->total, r->nhs, r->council, r->person, r->council_owes_nhs};
    for (int i = 0; i < 7; i++)
        num(n[i], sizeof n[i], v[i]);
    const char *p[] = {id, r->dispute_id, r->person_id, r->interim_funder, r->from_on, r->to_on, n[0], n[1], n[2],
                       n[3], n[4], n[5], n[6], r->reconciled_on, by->now};
    return store_run(db, "INSERT INTO dispute_reconciliations (id, dispute_id, person_id, interim_funder, from_on,"
        " to_on, days, weekly_cost_pence, total_pence, nhs_pence, council_pence, person_pence,"
        " council_owes_nhs_pence, reconciled_on, created_at) VALUES ($1, $2, $3, $4, $5, $6, " I("$7") ", "
        I("$8") ", " I("$9") ", " I("$10") ", " I("$11") ", " I("$12") ", " I("$13") ", $14, $15)", 15, p, err);
}

json_t *disputes_reconciliations_between(struct store *db, const char *from, const char *to, struct store_error *err)
{
    const char *p[] = {from, to};
    return store_query_rows(db, "SELECT " RECON_COLS " FROM dispute_reconciliations r"
        " WHERE r.reconciled_on >= $1 AND r.reconciled_on <= $2 ORDER BY r.reconciled_on, r.dispute_id", 2, p, err);
}

int disputes_attachment_insert(struct store *db, const struct actor *by, const char *dispute_id,
                               const char *person_id, const char *org_id, const char *filename,
                               const char *content_type, int64_t size, const char *sha256, const char *base64,
                               char id[STORE_ID_LEN], struct store_error *err)
{
    char s[24];
    store_new_record_id(person_id, id);
    num(s, sizeof s, size);
    const char *p[] = {id, dispute_id, person_id, filename, content_type, s, sha256, base64, org_id, by->now,
                       by->user_id};
    return store_run(db, "INSERT INTO dispute_attachments (id, dispute_id, person_id, filename, content_type,"
        " size_bytes, sha256, content, org_id, created_at, created_by) VALUES ($1, $2, $3, $4, $5, " I("$6")
        ", $7, $8, $9, $10, $11)", 11, p, err);
}

json_t *disputes_attachment_get(struct store *db, const char *dispute_id, const char *id, struct store_error *err)
{
    STORE_PK_OR(NULL, "disputes", dispute_id);
    const char *p[] = {dispute_id, id, pk};
    return store_query_one(db, "SELECT id, dispute_id, person_id, filename, content_type, size_bytes, sha256,"
        " content FROM dispute_attachments WHERE person_id = $3 AND dispute_id = $1 AND id = $2", 3, p, err);
}

/* ---- boards ---- */

int board_insert(struct store *db, const struct actor *by, const char *partnership_id, const char *name,
                 const char *first_on, int cycle_days, char id[STORE_ID_LEN], struct store_error *err)
{
    char cd[24];
    store_new_id(id);
    num(cd, sizeof cd, cycle_days);
    const char *p[] = {id, partnership_id, name, first_on, cd, by->now, by->user_id};
    return store_run(db, "INSERT INTO boards (id, partnership_id, name, first_on, cycle_days, created_at,"
        " updated_at, updated_by) VALUES ($1, $2, $3, $4, " I("$5") ", $6, $6, $7)", 7, p, err);
}

int board_add_member(struct store *db, const char *board_id, const char *user_id, struct store_error *err)
{
    const char *p[] = {board_id, user_id};
    return store_run(db, "INSERT INTO board_members (board_id, user_id) VALUES ($1, $2)", 2, p, err);
}

static json_t *with_members(struct store *db, json_t *rows, struct store_error *err)
{
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) {
        const char *p[] = {json_string_value(json_object_get(r, "id"))};
        json_t *m = store_query_rows(db, "SELECT u.display_name, u.role, o.name AS org_name FROM board_members bm"
            " JOIN users u ON u.id = bm.user_id JOIN organisations o ON o.id = u.org_id WHERE bm.board_id = $1"
            " ORDER BY o.name, u.display_name", 1, p, err);
        if (!m) {
            json_decref(rows);
            return NULL;
        }
        json_object_set_new(r, "members", m);
    }
    return rows;
}

json_t *boards_for(struct store *db, const char *org_id, const char *user_id, struct store_error *err)
{
    const char *p[] = {org_id, user_id};
    return with_members(db, store_query_rows(db, "SELECT b.id, b.name, b.partnership_id, pa.name AS partnership_name,"
        " b.first_on, b.cycle_days, b.version, CASE WHEN EXISTS (SELECT 1 FROM board_members bm WHERE"
        " bm.board_id = b.id AND bm.user_id = $2) THEN 1 ELSE 0 END AS member FROM boards b"
        " JOIN partnerships pa ON pa.id = b.partnership_id JOIN partnership_orgs po ON po.partnership_id = pa.id"
        " AND po.org_id = $1 ORDER BY b.name", 2, p, err), err);
}

json_t *board_get(struct store *db, const char *id, struct store_error *err)
{
    const char *p[] = {id};
    return store_query_one(db, "SELECT b.id, b.name, b.partnership_id, pa.name AS partnership_name, b.first_on,"
        " b.cycle_days, b.version, pa.suppress_max FROM boards b JOIN partnerships pa ON pa.id = b.partnership_id"
        " WHERE b.id = $1", 1, p, err);
}

json_t *disputes_tasks_accountable_to(struct store *db, const char *org_type, int limit, struct store_error *err)
{
    char lim[24];
    num(lim, sizeof lim, limit);
    const char *p[] = {org_type, lim};
    return store_query_rows(db, "SELECT t.id, t.person_id FROM care_plan_tasks t JOIN care_plans cp"
        " ON cp.person_id = t.person_id AND cp.id = t.plan_id"
        " JOIN organisations o ON o.id = t.accountable_org_id WHERE o.type = $1 AND t.ended_on IS NULL"
        " AND cp.status IN ('agreed', 'active') ORDER BY t.created_at DESC, t.id LIMIT " I("$2"), 2, p, err);
}

json_t *board_received(struct store *db, const char *from, const char *to, struct store_error *err)
{
    const char *p[] = {from, to};
    return store_query_one(db, "SELECT (SELECT COUNT(*) FROM shared_care_discussions WHERE status = 'decided'"
        " AND substr(decided_at, 1, 10) >= $1 AND substr(decided_at, 1, 10) <= $2) AS shared_care_decisions,"
        " (SELECT COUNT(*) FROM disputes WHERE state = 'settled' AND closed_on >= $1 AND closed_on <= $2)"
        " AS disputes_settled, (SELECT COUNT(*) FROM disputes WHERE state = 'withdrawn' AND closed_on >= $1"
        " AND closed_on <= $2) AS disputes_withdrawn", 2, p, err);
}

json_t *partnership_user(struct store *db, const char *partnership_id, const char *user_id, struct store_error *err)
{
    const char *p[] = {partnership_id, user_id};
    return store_query_one(db, "SELECT u.id, u.org_id, u.role FROM users u JOIN partnership_orgs po"
        " ON po.org_id = u.org_id AND po.partnership_id = $1 WHERE u.id = $2", 2, p, err);
}
