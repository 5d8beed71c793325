/* Inter-agency disputes as services (svc/disputes.h): who may raise and read
 * a dispute, refusals that store nothing and are audited, the version check
 * on writes, the outcome's reconciliation row, and the audit chain after it. */
#include "svc_fixture.h"
#include "store/disputes.h"
#include "svc/disputes.h"

struct disp {
    struct fixture *f;
    char icb[STORE_ID_LEN], other[STORE_ID_LEN], partnership[STORE_ID_LEN], task[16];
};

static long long stored(struct disp *d, const char *table)
{
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT COUNT(*) AS n FROM %s", table);
    return count(d->f->t->db, sql, NULL);
}

static void run(struct store *db, const char *sql)
{
    struct store_error err = {0};
    if (store_exec(db, sql, &err) != 0)
        fail_msg("%s: %s", sql, err.message);
}

static struct disp *disp_new(void)
{
    struct disp *d = calloc(1, sizeof *d);
    d->f = fixture_new();
    struct store *db = d->f->t->db;
    struct store_error err = {0};
    char now[STORE_TIME_LEN], sql[1024];
    store_now(now);
    struct actor by = {NULL, now};
    assert_int_equal(accounts_org_add(db, &by, "ICB1", "ICB", "icb", d->icb, &err), 0);
    assert_int_equal(accounts_org_add(db, &by, "C2", "Other council", "council", d->other, &err), 0);
    assert_int_equal(partnership_insert(db, &by, "Place", d->partnership, &err), 0);
    assert_int_equal(partnership_add_org(db, d->partnership, d->f->org, &err), 0);
    assert_int_equal(partnership_add_org(db, d->partnership, d->icb, &err), 0);
    snprintf(d->task, sizeof d->task, "task1");
    snprintf(sql, sizeof sql, "INSERT INTO care_plans (id, person_id, org_id, needs, outcomes, start_on, review_on, status,"
             " created_at, updated_at) VALUES ('plan1', '%s', '%s', 'n', 'o', '2026-01-01', '2027-01-01', 'agreed', '%s', '%s')",
             d->f->person, d->f->org, now, now);
    run(db, sql);
    snprintf(sql, sizeof sql, "INSERT INTO care_plan_tasks (id, plan_id, person_id, task_code, calls, per, minutes_per_call,"
             " weekly_cost_pence, accountable_org_id, created_at, updated_at) VALUES ('task1', 'plan1', '%s', 'stoma_care',"
             " 1, 'day', 30, 7000, '%s', '%s', '%s')", d->f->person, d->icb, now, now);
    run(db, sql);
    return d;
}

static void disp_free(struct disp *d)
{
    fixture_free(d->f);
    free(d);
}

static struct svc_ctx *as(struct disp *d, const char *org, const char *org_type, const char *role)
{
    struct svc_ctx *c = as_role(d->f, role);
    c->org_id = org;
    c->org_type = org_type;
    c->errors = NULL;
    c->title = c->detail = NULL;
    return c;
}

static json_t *raise_input(struct disp *d, const char *against)
{
    return json_pack("{s:{s:s, s:s}, s:s, s:s, s:s}", "subject", "type", "plan_task", "id", d->task,
                     "against_org_id", against, "question", "Health need?", "position", "Yes");
}

static void raised_and_read_by_a_party_manager(void **state)
{
    (void)state;
    struct disp *d = disp_new();
    json_t *in = raise_input(d, d->icb), *out;
    assert_int_equal(svc_dispute_create(as(d, d->f->org, "council", "team_manager"), in, &out), SVC_OK);
    assert_string_equal(json_string_value(json_object_get(out, "stage")), "case_leads");
    assert_string_equal(json_string_value(json_object_get(json_object_get(out, "interim_funder_org"), "id")), d->icb);
    assert_int_equal(stored(d, "disputes"), 1);
    assert_int_equal(audit_rows(d->f, "create"), 1);
    assert_true(audit_rows(d->f, "read") >= 1);
    chain_intact(d->f);
    json_decref(in);
    disp_free(d);
}

static void refusals_store_nothing(void **state)
{
    (void)state;
    struct disp *d = disp_new();
    json_t *in = raise_input(d, d->icb), *out;
    assert_int_equal(svc_dispute_create(as(d, d->f->org, "council", "board_viewer"), in, &out), SVC_FORBIDDEN);
    json_t *bad = raise_input(d, d->other);   /* not of the partnership */
    assert_int_equal(svc_dispute_create(as(d, d->f->org, "council", "team_manager"), bad, &out), SVC_INVALID);
    assert_string_equal(json_string_value(json_object_get(json_array_get(d->f->c.errors, 0), "field")), "against_org_id");
    long long denied = audit_rows(d->f, "read_denied");
    int rc = svc_dispute_create(as(d, d->f->org, "council", "practitioner"), in, &out);
    assert_true(rc == SVC_NO_RELATIONSHIP || rc == SVC_OBJECTION);
    assert_int_equal(audit_rows(d->f, "read_denied"), denied + 1);
    assert_int_equal(stored(d, "disputes"), 0);
    assert_int_equal(audit_rows(d->f, "create"), 0);
    json_decref(in);
    json_decref(bad);
    disp_free(d);
}

static void outsiders_are_refused_and_audited(void **state)
{
    (void)state;
    struct disp *d = disp_new();
    json_t *in = raise_input(d, d->icb), *out;
    assert_int_equal(svc_dispute_create(as(d, d->f->org, "council", "team_manager"), in, &out), SVC_OK);
    const char *id = arena_printf(&d->f->arena, "%s", json_string_value(json_object_get(out, "id")));
    long long denied = audit_rows(d->f, "read_denied");
    assert_int_equal(svc_dispute_get(as(d, d->other, "council", "team_manager"), id, &out), SVC_FORBIDDEN);
    assert_int_equal(audit_rows(d->f, "read_denied"), denied + 1);
    assert_int_equal(svc_dispute_get(as(d, d->icb, "icb", "board_viewer"), id, &out), SVC_FORBIDDEN);
    assert_int_equal(svc_dispute_get(as(d, d->icb, "icb", "team_manager"), id, &out), SVC_OK);
    json_decref(in);
    disp_free(d);
}

static void writes_check_the_version_and_settle(void **state)
{
    (void)state;
    struct disp *d = disp_new();
    json_t *in = raise_input(d, d->icb), *out;
    assert_int_equal(svc_dispute_create(as(d, d->f->org, "council", "team_manager"), in, &out), SVC_OK);
    const char *id = arena_printf(&d->f->arena, "%s", json_string_value(json_object_get(out, "id")));
    json_t *stale = json_pack("{s:i, s:s}", "version", 7, "reason", "r");
    struct svc_expect e = {NULL, json_object_get(stale, "version")};
    assert_int_equal(svc_dispute_escalate(as(d, d->f->org, "council", "team_manager"), id, stale, &e, &out), SVC_STALE);
    struct svc_expect m = {"W/\"9\"", NULL};
    assert_int_equal(svc_dispute_escalate(as(d, d->f->org, "council", "team_manager"), id, stale, &m, &out),
                     SVC_PRECONDITION);
    struct svc_ctx *c = as(d, d->icb, "icb", "team_manager");
    json_t *settle = json_pack("{s:i, s:s, s:s, s:{s:i, s:i, s:i}}", "version", 1, "outcome", "Shared", "effective_from",
                               svc_date_offset(c, 0), "split", "nhs", 5000, "council", 5000, "person", 0);
    struct svc_expect v1 = {NULL, json_object_get(settle, "version")};
    assert_int_equal(svc_dispute_outcome(c, id, settle, &v1, &out), SVC_OK);
    assert_string_equal(json_string_value(json_object_get(out, "state")), "settled");
    assert_int_equal(stored(d, "dispute_reconciliations"), 1);
    /* Effective from the outcome day: nothing backwards. */
    assert_int_equal(json_integer_value(json_object_get(json_object_get(out, "reconciliation"), "days")), 0);
    assert_int_equal(audit_rows(d->f, "settle"), 1);
    chain_intact(d->f);
    json_decref(in);
    json_decref(stale);
    json_decref(settle);
    disp_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(raised_and_read_by_a_party_manager),
        cmocka_unit_test(refusals_store_nothing),
        cmocka_unit_test(outsiders_are_refused_and_audited),
        cmocka_unit_test(writes_check_the_version_and_settle),
    };
    return cmocka_run_group_tests_name("svc_disputes", tests, NULL, NULL);
}
