/* persons_merge moves every person-keyed row, on every backend (SQLite,
 * scripts/with-postgres, scripts/with-citus):
 *  - one row (two where a key allows one per person) in every table the
 *    merge moves, for the merged record; afterwards none is left under the
 *    merged id and the survivor holds them, its own kept where a key allows
 *    one per person;
 *  - every table of the live schema with a person_id column has a rule
 *    (moves, survivor first, or stays with a reason), so a forgotten table
 *    fails here;
 *  - the Citus list names parents before children, the order a merge on
 *    Citus copies in. */
#include "svc_fixture.h"
#include "store/citus.h"

#define T "'2026-01-01T09:00:00Z'"
#define D "'2026-01-01'"

/* One row each for the merged person. Parameters: $1 the person, $2 the
 * council, $3 its team, $4 its practitioner, $5 and $8 two meetings, $6 a
 * partnership, $7 a second organisation. conflicts: the rows a key keeps
 * back because the survivor has one (survivor_rows below). */
static const struct {
    const char *table, *sql;
    int conflicts;
} rows[] = {
    {"person_contacts", "INSERT INTO person_contacts (id, person_id, name) VALUES ('m1', $1, 'Contact')", 0},
    {"person_identifiers", "INSERT INTO person_identifiers (person_id, org_id, identifier)"
     " VALUES ($1, $2, 'M-ID'), ($1, $7, 'M-ID2')", 1},
    {"person_cld_attributes", "INSERT INTO person_cld_attributes (person_id, updated_at) VALUES ($1, " T ")", 1},
    {"person_orgs", "INSERT INTO person_orgs (person_id, org_id, since) VALUES ($1, $2, " D "), ($1, $7, " D ")",
     1},
    {"person_events", "INSERT INTO person_events (id, person_id, at, kind, summary)"
     " VALUES ('m1', $1, " T ", 'note', 'x')", 0},
    {"person_versions", "INSERT INTO person_versions (person_id, version, updated_at, record)"
     " VALUES ($1, 1, " T ", '{}')", 0},
    {"caseloads", "INSERT INTO caseloads (id, person_id, team_id, opened_on, created_at)"
     " VALUES ('m1', $1, $3, " D ", " T ")", 0},
    {"break_glass", "INSERT INTO break_glass (id, person_id, user_id, org_id, reason, granted_at, expires_at)"
     " VALUES ('m1', $1, $4, $2, 'x', " T ", " T ")", 0},
    {"referrals", "INSERT INTO referrals (id, person_id, source, reason, urgency, received_at, due_at, consent,"
     " front_door_team_id, team_id, status, created_at, updated_at) VALUES ('m1', $1, 'gp', 'x', 'routine', " T ", "
     T ", 'given', $3, $3, 'received', " T ", " T ")", 0},
    {"referral_events", "INSERT INTO referral_events (id, referral_id, person_id, at, kind)"
     " VALUES ('m1', 'm1', $1, " T ", 'received')", 0},
    {"meeting_items", "INSERT INTO meeting_items (id, meeting_id, person_id, position, added_at)"
     " VALUES ('m1', $5, $1, 1, " T "), ('m2', $8, $1, 1, " T ")", 1},
    {"decisions", "INSERT INTO decisions (id, meeting_id, person_id, text, consensus, created_at)"
     " VALUES ('m1', $5, $1, 'x', 1, " T ")", 0},
    {"actions", "INSERT INTO actions (id, meeting_id, person_id, text, due_on, created_at, owner_team_id)"
     " VALUES ('m1', $5, $1, 'x', " D ", " T ", $3)", 0},
    {"shared_care_discussions", "INSERT INTO shared_care_discussions (id, person_id, meeting_id, decision_id,"
     " question, created_at) VALUES ('m1', $1, $5, 'm1', 'x', " T ")", 0},
    {"care_act_assessments", "INSERT INTO care_act_assessments (id, person_id, kind, status, org_id, assessor_id,"
     " created_at, updated_at) VALUES ('m1', $1, 'adult', 'draft', $2, $4, " T ", " T ")", 0},
    {"chc_cases", "INSERT INTO chc_cases (id, person_id, referral_id, route, status, team_id, received_on,"
     " created_at, updated_at) VALUES ('m1', $1, 'm1', 'checklist', 'awaiting_assessment', $3, " D ", " T ", " T
     ")", 0},
    {"chc_checklists", "INSERT INTO chc_checklists (id, person_id, case_id, completed_on, setting, breathing,"
     " nutrition, continence, skin, mobility, communication, psychological, cognition, behaviour, drug_therapies,"
     " altered_states, count_a, count_b, count_c, outcome, reasons, status, created_at, updated_at)"
     " VALUES ('m1', $1, 'm1', " D ", 'community', 'C', 'C', 'C', 'C', 'C', 'C', 'C', 'C', 'C', 'C', 'C', 0, 0,"
     " 11, 'negative', 'x', 'completed', " T ", " T ")", 0},
    {"chc_assessments", "INSERT INTO chc_assessments (id, case_id, person_id, status, created_at, updated_at)"
     " VALUES ('m1', 'm1', $1, 'draft', " T ", " T ")", 0},
    {"chc_decisions", "INSERT INTO chc_decisions (id, case_id, person_id, outcome, rationale, decided_on,"
     " decided_by, created_at) VALUES ('m1', 'm1', $1, 'not_eligible', 'x', " D ", $4, " T ")", 0},
    {"chc_case_events", "INSERT INTO chc_case_events (id, case_id, person_id, at, kind)"
     " VALUES ('m1', 'm1', $1, " T ", 'x')", 0},
    {"chc_reviews", "INSERT INTO chc_reviews (id, case_id, person_id, due_on, reviewed_on, outcome, created_at)"
     " VALUES ('m1', 'm1', $1, " D ", " D ", 'no_change', " T ")", 0},
    /* Two, the second a child of the first (parent_id). */
    {"chc_challenges", "INSERT INTO chc_challenges (id, case_id, person_id, decision_id, stage, letter_on,"
     " requested_on, deadline_on, requested_by, grounds, status, created_at, updated_at, parent_id)"
     " VALUES ('m1', 'm1', $1, 'm1', 'local_resolution', " D ", " D ", " D ", 'person', 'x', 'concluded', " T ", " T
     ", NULL), ('m2', 'm1', $1, 'm1', 'independent_review', " D ", " D ", " D ", 'person', 'x', 'open', " T ", "
     T ", 'm1')", 0},
    {"personal_health_budgets", "INSERT INTO personal_health_budgets (id, case_id, person_id, management,"
     " weekly_amount_pence, start_on, created_at, updated_at) VALUES ('m1', 'm1', $1, 'notional', 100, " D ", "
     T ", " T ")", 0},
    {"care_plans", "INSERT INTO care_plans (id, person_id, org_id, needs, outcomes, start_on, review_on, status,"
     " created_at, updated_at) VALUES ('m1', $1, $2, 'x', 'x', " D ", " D ", 'draft', " T ", " T ")", 0},
    {"care_plan_versions", "INSERT INTO care_plan_versions (plan_id, version, person_id, status, change, snapshot,"
     " changed_at) VALUES ('m1', 1, $1, 'draft', 'x', '{}', " T ")", 0},
    {"care_plan_tasks", "INSERT INTO care_plan_tasks (id, plan_id, person_id, task_code, calls, per,"
     " minutes_per_call, weekly_cost_pence, accountable_org_id, created_at, updated_at)"
     " VALUES ('m1', 'm1', $1, 'catheter_care', 1, 'day', 15, 0, $2, " T ", " T ")", 0},
    {"care_task_assignments", "INSERT INTO care_task_assignments (id, plan_task_id, plan_id, person_id,"
     " worker_org_id, worker_name, from_on, to_on, created_at, updated_at) VALUES ('m1', 'm1', 'm1', $1, $2, 'W', " D ", " D ", "
     T ", " T ")", 0},
    {"oversight_reviews", "INSERT INTO oversight_reviews (id, assignment_id, plan_id, person_id, reviewed_on,"
     " outcome, findings, reviewed_by, created_at) VALUES ('m1', 'm1', 'm1', $1, " D ", 'safe_to_continue', 'x',"
     " $4, " T ")", 0},
    {"joint_funding_requests", "INSERT INTO joint_funding_requests (id, plan_id, person_id, panel_team_id,"
     " panel_on, proposed_unit, proposed_nhs, proposed_council, proposed_person, evidence, status, created_at,"
     " updated_at) VALUES ('m1', 'm1', $1, $3, " D ", 'shares', 1, 1, 0, 'x', 'requested', " T ", " T ")", 0},
    {"joint_funding_request_tasks", "INSERT INTO joint_funding_request_tasks (request_id, plan_task_id, person_id)"
     " VALUES ('m1', 'm1', $1)", 0},
    {"care_task_splits", "INSERT INTO care_task_splits (id, plan_task_id, person_id, request_id, effective_from,"
     " split_unit, split_nhs, split_council, split_person, created_at) VALUES ('m1', 'm1', $1, 'm1', " D ","
     " 'shares', 1, 1, 0, " T ")", 0},
    {"interim_funding_periods", "INSERT INTO interim_funding_periods (id, plan_task_id, plan_id, person_id,"
     " request_id, funder, weekly_cost_pence, from_on, created_at) VALUES ('m1', 'm1', 'm1', $1, 'm1', 'nhs', 0, "
     D ", " T ")", 0},
    {"personal_budgets", "INSERT INTO personal_budgets (id, plan_id, person_id, weekly_budget_pence,"
     " council_weekly_pence, person_weekly_pence, weekly_contribution_pence, status, created_at, updated_at)"
     " VALUES ('m1', 'm1', $1, 0, 0, 0, 0, 'agreed', " T ", " T ")", 0},
    {"direct_payments", "INSERT INTO direct_payments (id, budget_id, plan_id, person_id, requested_by,"
     " capacity_basis, able_to_manage, start_on, weekly_amount_pence, created_at, updated_at)"
     " VALUES ('m1', 'm1', 'm1', $1, 'person', 'has_capacity', 1, " D ", 100, " T ", " T ")", 0},
    {"direct_payment_reviews", "INSERT INTO direct_payment_reviews (id, direct_payment_id, plan_id, person_id,"
     " due_on, reviewed_on, outcome, created_at) VALUES ('m1', 'm1', 'm1', $1, " D ", " D ", 'continue', " T ")",
     0},
    {"hospital_stays", "INSERT INTO hospital_stays (id, person_id, org_id, source, admitted_at, admitted_on, status,"
     " created_at, updated_at) VALUES ('m1', $1, $2, 'typed', " T ", " D ", 'admitted', " T ", " T ")", 0},
    {"stay_changes", "INSERT INTO stay_changes (id, stay_id, person_id, field, changed_at)"
     " VALUES ('m1', 'm1', $1, 'bed', " T ")", 0},
    {"stay_delay_reasons", "INSERT INTO stay_delay_reasons (id, stay_id, person_id, reason_code, from_on, sector,"
     " recorded_at) VALUES ('m1', 'm1', $1, 'awaiting_assessment', " D ", 'nhs', " T ")", 0},
    {"stay_reviews", "INSERT INTO stay_reviews (id, stay_id, person_id, reviewed_on, meets, created_at)"
     " VALUES ('m1', 'm1', $1, " D ", 1, " T ")", 0},
    {"stay_teams", "INSERT INTO stay_teams (stay_id, person_id, team_id, part) VALUES ('m1', $1, $3, 'idt')", 0},
    {"stay_transfers", "INSERT INTO stay_transfers (id, stay_id, person_id, referral_id, kind, status, created_at,"
     " updated_at) VALUES ('m1', 'm1', $1, 'm1', 'reablement', 'open', " T ", " T ")", 0},
    {"reablement_episodes", "INSERT INTO reablement_episodes (id, person_id, stay_id, start_on, planned_end_on,"
     " created_at, updated_at) VALUES ('m1', $1, 'm1', " D ", " D ", " T ", " T ")", 0},
    {"disputes", "INSERT INTO disputes (id, partnership_id, person_id, subject_type, subject_id, raised_by_org_id,"
     " against_org_id, interim_funder_org_id, question, position, state, stage, stage_started_on, stage_deadline,"
     " raised_on, created_at, updated_at) VALUES ('m1', $6, $1, 'plan_task', 'm1', $2, $7, $2, 'x', 'x', 'open', 1, "
     D ", " D ", " D ", " T ", " T ")", 0},
    {"dispute_events", "INSERT INTO dispute_events (id, dispute_id, person_id, at, kind, stage)"
     " VALUES ('m1', 'm1', $1, " T ", 'raised', 1)", 0},
    {"dispute_attachments", "INSERT INTO dispute_attachments (id, dispute_id, person_id, filename, content_type,"
     " size_bytes, sha256, content, created_at) VALUES ('m1', 'm1', $1, 'a.pdf', 'application/pdf', 1, 'x', 'x', "
     T ")", 0},
    {"dispute_reconciliations", "INSERT INTO dispute_reconciliations (id, dispute_id, person_id, interim_funder,"
     " from_on, to_on, days, weekly_cost_pence, total_pence, nhs_pence, council_pence, person_pence,"
     " council_owes_nhs_pence, reconciled_on, created_at) VALUES ('m1', 'm1', $1, 'nhs', " D ", " D ", 1, 0, 0, 0,"
     " 0, 0, 0, " D ", " T ")", 0},
    /* Not a person table (distributed by organisation on Citus), but it names one. */
    {"hl7_messages", "INSERT INTO hl7_messages (id, org_id, via, received_at, body, outcome, ack_code, ack,"
     " person_id, stay_id) VALUES ('m1', $2, 'http', " T ", 'x', 'applied', 'AA', 'x', $1, 'm1')", 0},
};

/* The survivor's own rows under keys that allow one per person: each is
 * kept, the merged record's row for the same key deleted. */
static const char *const survivor_rows[] = {
    "INSERT INTO person_identifiers (person_id, org_id, identifier) VALUES ($1, $2, 'S-ID')",
    "INSERT INTO person_orgs (person_id, org_id, since) VALUES ($1, $2, '2020-02-02')",
    "INSERT INTO person_cld_attributes (person_id, updated_at) VALUES ($1, '2020-02-02T00:00:00Z')",
    "INSERT INTO meeting_items (id, meeting_id, person_id, position, added_at, reason)"
    " VALUES ('s1', $5, $1, 2, " T ", 'survivor')",
};

/* Tables with person_id that the test above need not fill. */
static const char *const not_filled[] = {
    "cohort_members",   /* maintained by the cohort sync, not by hand (test_svc_cohorts.c) */
};

static int in_list(const char *const *list, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], name) == 0)
            return 1;
    return 0;
}

static long long rows_of(struct store *db, const char *table, const char *person)
{
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT COUNT(*) AS n FROM %s WHERE person_id = $1", table);
    return count(db, sql, person);
}

static void add_person(struct fixture *f, const char *family, char id[STORE_ID_LEN])
{
    struct store_error err = {0};
    struct actor by = {f->user, "2026-01-01T08:00:00Z"};
    json_t *row = json_pack("{s:b, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:b, s:b, s:b, s:i, s:s, s:i, s:i, s:i}",
                            "nhs_number_verified", 0, "family_name", family, "given_name", "Ann",
                            "family_name_key", family, "given_name_key", "ANN", "date_of_birth", "1940-01-02",
                            "sex", "female", "interpreter_needed", 0, "objects_to_sharing", 0,
                            "alert_safeguarding", 0, "alert_risk_to_staff", 0, "ltc_count", 0, "efi_deficits", "",
                            "predicted_cost_pence", 0, "efi_count", 0, "frailty_flag", 0);
    if (persons_insert(f->t->db, &by, row, id, &err) != 0)
        fail_msg("persons_insert: %s", err.message);
    json_decref(row);
}

/* sql with the parameters it names of p (SQLite refuses a binding of one
 * it does not name). */
static void run(struct store *db, const char *sql, const char *const p[8])
{
    struct store_error err = {0};
    struct store_stmt *s = store_prepare(db, sql, &err);
    if (!s)
        fail_msg("%s: %s", sql, err.message);
    for (int i = 0; i < 8; i++) {
        char name[4] = {'$', (char)('1' + i), 0, 0};
        if (strstr(sql, name))
            assert_int_equal(store_bind_text(s, i + 1, p[i]), 0);
    }
    if (store_step_done(s, &err) < 0)
        fail_msg("%s: %s", sql, err.message);
}

/* The parameters above: meetings, a partnership and a second organisation. */
static void references(struct fixture *f, const char *merged, char org2[STORE_ID_LEN], const char *p[8])
{
    struct store_error err = {0};
    struct actor by = {NULL, "2026-01-01T08:00:00Z"};
    assert_int_equal(accounts_org_add(f->t->db, &by, "ICB1", "ICB", "icb", org2, &err), 0);
    static const char *const sql[] = {
        "INSERT INTO meetings (id, team_id, held_on, created_at, updated_at) VALUES ('mt1', $3, " D ", " T ", " T "),"
        " ('mt2', $3, " D ", " T ", " T ")",
        "INSERT INTO partnerships (id, name, created_at, updated_at) VALUES ('pt1', 'Partnership', " T ", " T ")",
    };
    const char *q[] = {merged, f->org, f->team, f->user, "mt1", "pt1", org2, "mt2"};
    memcpy(p, q, sizeof q);
    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++)
        run(f->t->db, sql[i], p);
}

static void every_person_row_moves(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    struct store *db = f->t->db;
    char merged[STORE_ID_LEN], org2[STORE_ID_LEN];
    const char *survivor = f->person;
    add_person(f, "SMYTH", merged);
    const char *p[8];
    references(f, merged, org2, p);
    /* Every table the merge knows is filled, or says why not. */
    const char *t;
    for (size_t i = 0; (t = store_citus_person_table(i)) != NULL; i++) {
        int found = in_list(not_filled, sizeof not_filled / sizeof not_filled[0], t);
        for (size_t k = 0; !found && k < sizeof rows / sizeof rows[0]; k++)
            found = strcmp(rows[k].table, t) == 0;
        if (!found)
            fail_msg("person table %s has no row in tests/unit/test_persons_merge.c: add one", t);
    }
    long long before_m[sizeof rows / sizeof rows[0]], before_s[sizeof rows / sizeof rows[0]];
    for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++)
        run(db, rows[k].sql, p);
    const char *ps[8];
    memcpy(ps, p, sizeof ps);
    ps[0] = survivor;
    for (size_t k = 0; k < sizeof survivor_rows / sizeof survivor_rows[0]; k++)
        run(db, survivor_rows[k], ps);
    for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
        before_m[k] = rows_of(db, rows[k].table, merged);
        before_s[k] = rows_of(db, rows[k].table, survivor);
        assert_true(before_m[k] > 0);
    }

    struct store_error err = {0};
    struct actor by = {f->user, "2026-01-02T10:00:00Z"};
    assert_int_equal(store_tx_begin(db, STORE_TX_WRITE, &err), 0);
    if (persons_merge(db, &by, survivor, merged, &err) != 0)
        fail_msg("persons_merge: %s", err.message);
    assert_int_equal(store_tx_commit(db, &err), 0);

    for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
        const char *table = rows[k].table;
        long long m = rows_of(db, table, merged), s = rows_of(db, table, survivor);
        if (persons_merge_rule(table, NULL) == PERSONS_MERGE_STAYS) {
            if (m != before_m[k] || s != before_s[k])
                fail_msg("%s: rows that stay moved (merged %lld→%lld, survivor %lld→%lld)", table, before_m[k], m,
                         before_s[k], s);
        } else if (m != 0 || s != before_s[k] + before_m[k] - rows[k].conflicts) {
            fail_msg("%s: %lld rows left under the merged id, survivor has %lld (expected %lld)", table, m, s,
                     before_s[k] + before_m[k] - rows[k].conflicts);
        }
    }
    /* Where both had one, the survivor's own is the one kept. */
    assert_int_equal(count(db, "SELECT COUNT(*) AS n FROM person_identifiers WHERE person_id = $1"
                               " AND identifier IN ('S-ID', 'M-ID2')", survivor), 2);
    assert_int_equal(count(db, "SELECT COUNT(*) AS n FROM person_cld_attributes WHERE person_id = $1"
                               " AND updated_at = '2020-02-02T00:00:00Z'", survivor), 1);
    assert_int_equal(count(db, "SELECT COUNT(*) AS n FROM meeting_items WHERE person_id = $1"
                               " AND meeting_id = 'mt1' AND reason = 'survivor'", survivor), 1);
    /* The challenge's parent link survives the move. */
    assert_int_equal(count(db, "SELECT COUNT(*) AS n FROM chc_challenges WHERE person_id = $1"
                               " AND id = 'm2' AND parent_id = 'm1'", survivor), 1);
    assert_int_equal(count(db, "SELECT COUNT(*) AS n FROM persons WHERE id = $1 AND merged_into IS NOT NULL",
                           merged), 1);
    fixture_free(f);
}

/* Every table (not view) of the live schema with a person_id column. */
static int person_id_tables(struct store *db, int pg, char names[][64], int max)
{
    struct store_error err = {0};
    struct store_stmt *s = store_prepare(db, pg
        ? "SELECT c.table_name AS name FROM information_schema.columns c JOIN information_schema.tables t"
          " ON t.table_schema = c.table_schema AND t.table_name = c.table_name WHERE c.table_schema = 'public'"
          " AND t.table_type = 'BASE TABLE' AND c.column_name = 'person_id' ORDER BY 1"
        : "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c WHERE m.type = 'table'"
          " AND c.name = 'person_id' ORDER BY 1", &err);
    assert_non_null(s);
    int n = 0;
    while (store_step(s, &err) == STORE_ROW && n < max)
        snprintf(names[n++], 64, "%s", store_col_text(s, 0));
    store_reset(s);
    return n;
}

static void every_person_id_table_has_a_rule(void **state)
{
    (void)state;
    struct test_db *t = test_db_new();
    char names[120][64];
    int n = person_id_tables(t->db, test_is_pg(t), names, 120);
    assert_true(n > 40);
    for (int i = 0; i < n; i++) {
        const char *why = NULL;
        enum persons_merge_rule r = persons_merge_rule(names[i], &why);
        if (r == PERSONS_MERGE_UNKNOWN)
            fail_msg("table %s has person_id but persons_merge has no rule for it: classify it as a person table "
                     "in src/store/citus.c, or give it a rule in src/store/persons_merge.c", names[i]);
        if (r != PERSONS_MERGE_MOVES && (!why || !why[0]))
            fail_msg("%s: a rule other than moves says why", names[i]);
    }
    /* Every person table of the list has the column (and so is in the scan). */
    const char *name;
    for (size_t i = 0; (name = store_citus_person_table(i)) != NULL; i++) {
        int found = 0;
        for (int k = 0; !found && k < n; k++)
            found = strcmp(names[k], name) == 0;
        if (!found)
            fail_msg("person table %s has no person_id column", name);
    }
    /* Boundaries: the audit trail stays; an unknown table has no rule;
     * persons itself is not a table the list hands the merge. */
    assert_int_equal(persons_merge_rule("audit_people", NULL), PERSONS_MERGE_STAYS);
    assert_int_equal(persons_merge_rule("audit_log", NULL), PERSONS_MERGE_STAYS);
    assert_int_equal(persons_merge_rule("hospital_stays", NULL), PERSONS_MERGE_MOVES);
    assert_int_equal(persons_merge_rule("person_identifiers", NULL), PERSONS_MERGE_SURVIVOR_FIRST);
    assert_int_equal(persons_merge_rule("teams", NULL), PERSONS_MERGE_UNKNOWN);
    assert_int_equal(persons_merge_rule("no_such_table", NULL), PERSONS_MERGE_UNKNOWN);
    for (size_t i = 0; (name = store_citus_person_table(i)) != NULL; i++)
        assert_string_not_equal(name, "persons");
    test_db_free(t);
}

static int list_index(const char *table)
{
    const char *t;
    for (size_t i = 0; (t = store_citus_person_table(i)) != NULL; i++)
        if (strcmp(t, table) == 0)
            return (int)i;
    return -1;
}

/* A merge on Citus copies in list order and deletes in reverse: a foreign
 * key between two person tables must name one earlier in the list (a key
 * to the table itself is cleared by the merge: chc_challenges.parent_id). */
static void person_tables_list_parents_first(void **state)
{
    (void)state;
    struct test_db *t = test_db_new();
    struct store_error err = {0};
    struct store_stmt *s = store_prepare(t->db, test_is_pg(t)
        ? "SELECT c.relname AS child, r.relname AS parent FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid"
          " JOIN pg_class r ON r.oid = k.confrelid WHERE k.contype = 'f'"
          " AND k.connamespace = CAST('public' AS regnamespace) ORDER BY 1, 2"
        : "SELECT m.name AS child, f.\"table\" AS parent FROM sqlite_master m, pragma_foreign_key_list(m.name) f"
          " WHERE m.type = 'table' ORDER BY 1, 2", &err);
    assert_non_null(s);
    int edges = 0;
    while (store_step(s, &err) == STORE_ROW) {
        const char *child = store_col_text(s, 0), *parent = store_col_text(s, 1);
        int c = list_index(child), p = list_index(parent);
        if (c < 0 || p < 0)
            continue;
        if (strcmp(child, parent) == 0) {
            assert_string_equal(child, "chc_challenges");
            continue;
        }
        if (p > c)
            fail_msg("%s names %s, which comes later in the person tables of src/store/citus.c: move it up",
                     child, parent);
        edges++;
    }
    store_reset(s);
    assert_true(edges > 30);
    test_db_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_person_row_moves),
        cmocka_unit_test(every_person_id_table_has_a_rule),
        cmocka_unit_test(person_tables_list_parents_first),
    };
    return cmocka_run_group_tests_name("persons_merge", tests, NULL, NULL);
}
