/* svc/joint_funding.h: raising a request needs the plan's person
 * (refusal audited, nothing stored); field errors name the JSON API's
 * fields; only the panel sees its agenda and decides (once, against the
 * current version); only its members or org admins set its cycle; only
 * finance reads a recharge statement; every write has its audit entry. */
#include "svc_fixture.h"
#include "store/care_plans.h"
#include "svc/joint_funding.h"

struct world {
    struct fixture *f;
    char team3[STORE_ID_LEN], zed[STORE_ID_LEN], plan[STORE_ID_LEN], task[STORE_ID_LEN];
};

/* The fixture's team holds the person and is also the panel (pat sits on
 * it); zed is in another team, with no part in either. */
static struct world *world_new(void)
{
    struct world *w = calloc(1, sizeof *w);
    w->f = fixture_new();
    struct store *db = w->f->t->db;
    struct store_error err = {0};
    struct actor by = {NULL, "2026-12-02T10:00:00Z"};
    assert_int_equal(accounts_team_add(db, &by, w->f->org, "T3", "Elsewhere", w->team3, &err), 0);
    struct new_user nu = {w->f->org, "zed", "Zed", "practitioner", "social_worker", "x"};
    assert_int_equal(accounts_user_add(db, &by, &nu, w->zed, &err), 0);
    assert_int_equal(accounts_user_add_team(db, w->zed, w->team3, &err), 0);
    assert_int_equal(persons_caseload_open(db, &by, w->f->person, w->f->team, "2026-11-01", "test", &err), 0);
    struct care_plan_row p = {w->f->person, w->f->org, w->f->team, "Stoma care at home", "Stays at home",
                              "2026-11-01", "2027-02-01", {NULL, NULL, NULL, NULL}};
    assert_int_equal(care_plans_insert(db, &by, &p, w->plan, &err), 0);
    struct care_plan_task_row t = {w->plan, w->f->person, "stoma_care", "week", w->f->org, w->f->org, NULL, "",
                                   7, 20, 7000, 0, 0, 0};
    assert_int_equal(care_plan_tasks_insert(db, &by, &t, w->task, &err), 0);
    return w;
}

static void world_free(struct world *w)
{
    fixture_free(w->f);
    free(w);
}

static struct svc_ctx *as(struct world *w, const char *user, const char *role)
{
    struct svc_ctx *c = as_role(w->f, role);
    c->user_id = user;
    c->teams = NULL;
    svc_reset(c);
    return c;
}

static const char *first_field(struct svc_ctx *c)
{
    return json_string_value(json_object_get(json_array_get(c->errors, 0), "field"));
}

static json_t *own(struct world *w, json_t *v)
{
    return svc_own(&w->f->c, v);
}

static void configure(struct world *w)
{
    json_t *out;
    json_t *body = own(w, json_pack("{s:s, s:i}", "first_on", "2026-11-18", "cycle_days", 14));
    assert_int_equal(svc_jf_panel_configure(as(w, w->f->user, "practitioner"), w->f->team, body, &out), SVC_OK);
}

static json_t *raise_body(struct world *w)
{
    return own(w, json_pack("{s:[s], s:{s:s, s:i, s:i, s:i}, s:s, s:s}", "task_ids", w->task, "proposed_split",
                            "unit", "basis_points", "nhs", 5000, "council", 5000, "person", 0, "evidence",
                            "Intertwined needs", "panel_team_id", w->f->team));
}

static void the_cycle_is_set_by_the_panel_and_checked(void **state)
{
    (void)state;
    struct world *w = world_new();
    json_t *out;
    json_t *good = own(w, json_pack("{s:s, s:i}", "first_on", "2026-11-18", "cycle_days", 14));
    assert_int_equal(svc_jf_panel_configure(as(w, w->zed, "practitioner"), w->f->team, good, &out), SVC_FORBIDDEN);
    const struct {
        json_t *body;
        const char *field;
    } bad[] = {
        {own(w, json_pack("{s:s, s:i}", "first_on", "2026-11-18", "cycle_days", 0)), "cycle_days"},
        {own(w, json_pack("{s:s, s:i}", "first_on", "2026-11-18", "cycle_days", 367)), "cycle_days"},
        {own(w, json_pack("{s:s, s:s}", "first_on", "2026-11-18", "cycle_days", "fortnightly")), "cycle_days"},
        {own(w, json_pack("{s:s, s:i}", "first_on", "18/11/2026", "cycle_days", 14)), "first_on"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct svc_ctx *c = as(w, w->f->user, "practitioner");
        assert_int_equal(svc_jf_panel_configure(c, w->f->team, bad[i].body, &out), SVC_INVALID);
        if (strcmp(first_field(c), bad[i].field) != 0)
            fail_msg("case %zu: %s, want %s", i, first_field(c), bad[i].field);
    }
    assert_int_equal(count(w->f->t->db, "SELECT COUNT(*) FROM funding_panels", NULL), 0);
    configure(w);
    assert_int_equal(audit_rows(w->f, "configure"), 1);
    world_free(w);
}

static void a_request_needs_the_person_and_valid_fields(void **state)
{
    (void)state;
    struct world *w = world_new();
    configure(w);
    json_t *out;
    long long denied = audit_rows(w->f, "read_denied");
    assert_int_equal(svc_jf_request_raise(as(w, w->zed, "practitioner"), w->plan, raise_body(w), &out),
                     SVC_NO_RELATIONSHIP);
    assert_int_equal(audit_rows(w->f, "read_denied"), denied + 1);
    const struct {
        const char *key;
        json_t *value;
        const char *field;
    } bad[] = {
        {"task_ids", own(w, json_pack("[]")), "task_ids"},
        {"task_ids", own(w, json_pack("[s]", "not-a-task")), "task_ids[0]"},
        {"proposed_split", own(w, json_pack("{s:s, s:i, s:i, s:i}", "unit", "basis_points", "nhs", 5000, "council",
                                            4000, "person", 0)), "proposed_split"},
        {"proposed_split", own(w, json_pack("{s:s, s:s, s:i, s:i}", "unit", "percent", "nhs", "sixty", "council",
                                            40, "person", 0)), "proposed_split.nhs"},
        {"evidence", own(w, json_string("")), "evidence"},
        {"panel_team_id", own(w, json_string(w->team3)), "panel_team_id"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        json_t *body = own(w, json_deep_copy(raise_body(w)));
        json_object_set(body, bad[i].key, bad[i].value);
        struct svc_ctx *c = as(w, w->f->user, "practitioner");
        assert_int_equal(svc_jf_request_raise(c, w->plan, body, &out), SVC_INVALID);
        if (strcmp(first_field(c), bad[i].field) != 0)
            fail_msg("case %zu: %s, want %s", i, first_field(c), bad[i].field);
    }
    assert_int_equal(count(w->f->t->db, "SELECT COUNT(*) FROM joint_funding_requests", NULL), 0);
    assert_int_equal(svc_jf_request_raise(as(w, w->f->user, "practitioner"), w->plan, raise_body(w), &out), SVC_OK);
    assert_string_equal(json_string_value(json_object_get(out, "status")), "requested");
    assert_int_equal(count(w->f->t->db, "SELECT COUNT(*) FROM audit_log WHERE action = 'create'"
                           " AND resource_type = 'joint_funding_request'", NULL), 1);
    chain_intact(w->f);
    world_free(w);
}

static void only_the_panel_decides_once_against_the_current_version(void **state)
{
    (void)state;
    struct world *w = world_new();
    configure(w);
    json_t *req, *out;
    assert_int_equal(svc_jf_request_raise(as(w, w->f->user, "practitioner"), w->plan, raise_body(w), &req), SVC_OK);
    const char *id = json_string_value(json_object_get(req, "id"));
    long long version = json_integer_value(json_object_get(req, "version"));
    /* The agenda: members only; a date that is not one is named. */
    assert_int_equal(svc_jf_panel_agenda(as(w, w->zed, "practitioner"), w->f->team, NULL, &out), SVC_NOT_PANEL_MEMBER);
    struct svc_ctx *c = as(w, w->f->user, "practitioner");
    assert_int_equal(svc_jf_panel_agenda(c, w->f->team, "next week", &out), SVC_INVALID);
    assert_string_equal(first_field(c), "date");
    long long reads = audit_rows(w->f, "read");
    assert_int_equal(svc_jf_panel_agenda(as(w, w->f->user, "practitioner"), w->f->team,
                                         json_string_value(json_object_get(req, "panel_on")), &out), SVC_OK);
    assert_int_equal(json_array_size(json_object_get(out, "items")), 1);
    assert_int_equal(audit_rows(w->f, "read"), reads + 1);
    /* Deciding: table of (who, version, body) → outcome; none changes anything. */
    json_t *agreed = own(w, json_pack("{s:s, s:s}", "decision", "agreed", "effective_from", "2026-12-07"));
    json_t *maybe = own(w, json_pack("{s:s, s:s}", "decision", "maybe", "effective_from", "2026-12-07"));
    json_t *current = own(w, json_integer(version)), *old = own(w, json_integer(version - 1 > 0 ? version - 1 : 99));
    const struct {
        const char *user;
        json_t *version, *body;
        int want;
        const char *field;
    } cases[] = {
        {w->zed, current, agreed, SVC_NOT_PANEL_MEMBER, NULL},
        {w->f->user, NULL, agreed, SVC_INVALID, "version"},
        {w->f->user, old, agreed, SVC_STALE, NULL},
        {w->f->user, current, maybe, SVC_INVALID, "decision"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        c = as(w, cases[i].user, "practitioner");
        struct svc_expect e = {NULL, cases[i].version};
        int rc = svc_jf_request_decide(c, id, &e, cases[i].body, &out);
        if (rc != cases[i].want)
            fail_msg("case %zu: %s, want %s", i, svc_result_name(rc), svc_result_name(cases[i].want));
        if (cases[i].field && strcmp(first_field(c), cases[i].field) != 0)
            fail_msg("case %zu: field %s", i, first_field(c));
    }
    assert_int_equal(audit_rows(w->f, "decide"), 0);
    struct svc_expect e = {NULL, current};
    assert_int_equal(svc_jf_request_decide(as(w, w->f->user, "practitioner"), id, &e, agreed, &out), SVC_OK);
    assert_string_equal(json_string_value(json_object_get(out, "status")), "agreed");
    assert_int_equal(audit_rows(w->f, "decide"), 1);
    /* Decided: not again. */
    e.version = own(w, json_integer(json_integer_value(json_object_get(out, "version"))));
    assert_int_equal(svc_jf_request_decide(as(w, w->f->user, "practitioner"), id, &e, agreed, &out),
                     SVC_ALREADY_DECIDED);
    assert_int_equal(svc_jf_request_decide(as(w, w->f->user, "practitioner"), "no-such", &e, agreed, &out),
                     SVC_NOTFOUND);
    chain_intact(w->f);
    world_free(w);
}

static void statements_are_for_finance_over_a_valid_period(void **state)
{
    (void)state;
    struct world *w = world_new();
    json_t *out;
    assert_int_equal(svc_jf_recharge_statement(as(w, w->f->user, "practitioner"), "2026-11-01", "2026-11-30", &out),
                     SVC_FORBIDDEN);
    const char *const bad[][3] = {
        {"2026-11-30", "2026-11-01", "to"},     /* backwards */
        {"2025-01-01", "2026-01-02", "to"},     /* 367 days */
        {"1 Nov", "2026-11-30", "from"},
        {NULL, "2026-11-30", "from"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct svc_ctx *c = as(w, w->f->user, "finance");
        assert_int_equal(svc_jf_recharge_statement(c, bad[i][0], bad[i][1], &out), SVC_INVALID);
        if (strcmp(first_field(c), bad[i][2]) != 0)
            fail_msg("case %zu: %s", i, first_field(c));
    }
    /* An agreed plan runs: its task is on the statement. */
    struct store_error err = {0};
    if (store_exec(w->f->t->db, "UPDATE care_plans SET status = 'active'", &err) != 0)
        fail_msg("%s", err.message);
    long long reads = count(w->f->t->db, "SELECT COUNT(*) FROM audit_log WHERE resource_type = 'recharge_statement_line'",
                            NULL);
    assert_int_equal(svc_jf_recharge_statement(as(w, w->f->user, "finance"), "2026-11-01", "2026-11-30", &out), SVC_OK);
    size_t lines = json_array_size(json_object_get(out, "lines"));
    assert_int_equal(lines, 1);   /* the stoma care task, from 1 November */
    assert_int_equal(count(w->f->t->db, "SELECT COUNT(*) FROM audit_log WHERE resource_type = 'recharge_statement_line'",
                           NULL), reads + 1);
    world_free(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_cycle_is_set_by_the_panel_and_checked),
        cmocka_unit_test(a_request_needs_the_person_and_valid_fields),
        cmocka_unit_test(only_the_panel_decides_once_against_the_current_version),
        cmocka_unit_test(statements_are_for_finance_over_a_valid_period),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
