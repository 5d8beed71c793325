/* Care plans, tasks and delegation (svc/care_plans.h): a plan is for staff
 * with a relationship to the person (a refusal is audited and stores
 * nothing); every change is made against the plan's version and leaves a
 * history row and an audit entry; a task is delegated only to a worker
 * whose competency holds on every day of the assignment, and a delegated
 * health task needs an accountable registered practitioner and an
 * oversight date within it; only the holding team changes the status and
 * only a registered practitioner records oversight. */
#include "svc_fixture.h"
#include "store/care_plans.h"
#include "svc/care_plan_reads.h"
#include "svc/care_plans.h"

struct plans {
    struct fixture *f;
    char provider[STORE_ID_LEN], nurse[STORE_ID_LEN];
};

static struct svc_ctx *fresh(struct plans *p)
{
    struct svc_ctx *c = as_user(p->f);
    c->profession = "social_worker";
    c->teams = NULL;
    svc_reset(c);
    return c;
}

static const char *first_field(struct svc_ctx *c)
{
    return json_string_value(json_object_get(json_array_get(c->errors, 0), "field"));
}

static const char *first_message(struct svc_ctx *c)
{
    return json_string_value(json_object_get(json_array_get(c->errors, 0), "message"));
}

static long long rows(struct plans *p, const char *sql)
{
    return count(p->f->t->db, sql, NULL);
}

static long long audited(struct plans *p, const char *action, const char *rtype)
{
    return audit_rows_of(p->f, action, rtype, NULL);
}

static struct plans *plans_new(void)
{
    struct plans *p = calloc(1, sizeof *p);
    p->f = fixture_new();
    struct store_error err = {0};
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {NULL, now};
    struct store *db = p->f->t->db;
    assert_int_equal(accounts_org_add(db, &by, "P1", "Home Care Ltd", "provider", p->provider, &err), 0);
    struct new_user nu = {p->f->org, "rn", "Rita Nurse", "practitioner", "registered_nurse", "x"};
    assert_int_equal(accounts_user_add(db, &by, &nu, p->nurse, &err), 0);
    return p;
}

static void plans_free(struct plans *p)
{
    fixture_free(p->f);
    free(p);
}

static void relationship(struct plans *p)
{
    struct store_error err = {0};
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {NULL, now};
    assert_int_equal(persons_caseload_open(p->f->t->db, &by, p->f->person, p->f->team, svc_date_offset(&p->f->c, -7),
                                           "referral", &err), 0);
}

static json_t *plan_in(struct svc_ctx *c)
{
    return json_pack("{s:s, s:s, s:s, s:s}", "needs", "Help to wash and dress each morning", "outcomes",
                     "Stays at home safely", "start_on", svc_date_offset(c, 0), "review_on", svc_date_offset(c, 90));
}

static void a_plan_needs_a_relationship_and_every_write_is_audited(void **state)
{
    (void)state;
    struct plans *p = plans_new();
    char id[STORE_ID_LEN];
    struct svc_ctx *c = fresh(p);
    json_t *in = plan_in(c), *plan;
    assert_int_equal(svc_care_plan_create(c, p->f->person, in, id), SVC_NO_RELATIONSHIP);
    assert_int_equal(audited(p, "read_denied", "person"), 1);
    assert_int_equal(rows(p, "SELECT COUNT(*) FROM care_plans"), 0);
    relationship(p);
    /* 422 naming the field; nothing stored. */
    json_t *bad = json_deep_copy(in);
    json_object_set_new(bad, "review_on", json_string(svc_date_offset(c, -1)));
    c = fresh(p);
    assert_int_equal(svc_care_plan_create(c, p->f->person, bad, id), SVC_INVALID);
    assert_string_equal(first_field(c), "review_on");
    assert_int_equal(rows(p, "SELECT COUNT(*) FROM care_plans"), 0);
    assert_int_equal(svc_care_plan_create(fresh(p), p->f->person, in, id), SVC_OK);
    assert_int_equal(audited(p, "create", "care_plan"), 1);
    assert_int_equal(rows(p, "SELECT COUNT(*) FROM care_plan_versions"), 1);
    assert_int_equal(svc_care_plan_get(fresh(p), id, &plan), SVC_OK);
    assert_int_equal(json_integer_value(json_object_get(plan, "version")), 1);
    assert_string_equal(json_string_value(json_object_get(plan, "team_id")), p->f->team);
    assert_int_equal(audited(p, "read", "care_plan"), 1);
    assert_int_equal(svc_care_plan_get(fresh(p), "no-such-plan", &plan), SVC_NOTFOUND);
    chain_intact(p->f);
    json_decref(bad);
    json_decref(in);
    plans_free(p);
}

static void a_change_is_made_against_the_current_version(void **state)
{
    (void)state;
    struct plans *p = plans_new();
    relationship(p);
    char id[STORE_ID_LEN];
    json_t *in = plan_in(fresh(p)), *plan;
    assert_int_equal(svc_care_plan_create(fresh(p), p->f->person, in, id), SVC_OK);
    json_t *change = json_pack("{s:s}", "needs", "Help to wash, dress and eat breakfast");
    static const struct {
        const char *if_match;
        long long version;   /* -1: none in the body */
        int want;
        const char *why;
    } cases[] = {
        {NULL, -1, SVC_INVALID, "neither If-Match nor version: 422 naming version"},
        {NULL, 7, SVC_STALE, "an old body version: 409 with the current one"},
        {"W/\"9\"", -1, SVC_PRECONDITION, "a stale If-Match: 412"},
        {"W/\"1\"", 1, SVC_OK, "the current version"},
        {NULL, 1, SVC_STALE, "the version the change just moved on from"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct svc_ctx *c = fresh(p);
        json_t *v = cases[i].version >= 0 ? json_integer(cases[i].version) : NULL;
        struct svc_expect e = {cases[i].if_match, v};
        int rc = svc_care_plan_change(c, id, change, &e);
        if (rc != cases[i].want)
            fail_msg("%s: got %s", cases[i].why, svc_result_name(rc));
        if (rc == SVC_INVALID)
            assert_string_equal(first_field(c), "version");
        if (rc == SVC_STALE && cases[i].version == 7)
            assert_int_equal(c->current_version, 1);
        json_decref(v);
    }
    assert_int_equal(svc_care_plan_get(fresh(p), id, &plan), SVC_OK);
    assert_int_equal(json_integer_value(json_object_get(plan, "version")), 2);
    assert_string_equal(json_string_value(json_object_get(plan, "needs")), "Help to wash, dress and eat breakfast");
    assert_int_equal(json_array_size(json_object_get(plan, "versions")), 2);
    assert_int_equal(audited(p, "update", "care_plan"), 1);
    /* The status is the holding team's, and a practitioner's or manager's. */
    json_t *agree = json_pack("{s:s, s:i}", "status", "agreed", "version", 2);
    struct svc_expect none = {NULL, json_object_get(agree, "version")};
    assert_int_equal(svc_care_plan_change(as_role(p->f, "org_admin"), id, agree, &none), SVC_NOT_HOLDING_TEAM);
    assert_int_equal(svc_care_plan_change(fresh(p), id, agree, &none), SVC_OK);
    chain_intact(p->f);
    json_decref(agree);
    json_decref(change);
    json_decref(in);
    plans_free(p);
}

/* A plan with one medication-administration task (a delegable health task
 * needing that competency); its id and the task's into plan_id, task_id. */
static void plan_with_task(struct plans *p, char plan_id[STORE_ID_LEN], char task_id[STORE_ID_LEN])
{
    json_t *in = plan_in(fresh(p)), *plan;
    assert_int_equal(svc_care_plan_create(fresh(p), p->f->person, in, plan_id), SVC_OK);
    json_t *task = json_pack("{s:s, s:i, s:s, s:i, s:i, s:s, s:i}", "task_code", "medication_administration", "calls",
                             2, "per", "day", "minutes_per_call", 15, "weekly_cost_pence", 12345,
                             "accountable_org_id", p->f->org, "version", 1);
    struct svc_expect e = {NULL, json_object_get(task, "version")};
    assert_int_equal(svc_care_plan_task_save(fresh(p), plan_id, NULL, task, &e, task_id), SVC_OK);
    assert_int_equal(audited(p, "create", "care_plan_task"), 1);
    assert_int_equal(svc_care_plan_get(fresh(p), plan_id, &plan), SVC_OK);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(json_object_get(plan, "money"), "weekly"),
                                                        "total_pence")), 12345);
    json_decref(task);
    json_decref(in);
}

/* The provider's worker's record of the competency from..to (days from today). */
static void competency(struct plans *p, int from, int to)
{
    struct svc_ctx *c = fresh(p);
    struct competency_row r = {NULL, "Sam Carer", p->provider, "medication_administration", p->nurse, "Rita Nurse",
                               svc_date_offset(c, from), svc_date_offset(c, to), "Observed three rounds", p->f->org};
    char id[STORE_ID_LEN];
    struct store_error err = {0};
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {NULL, now};
    assert_int_equal(competencies_insert(p->f->t->db, &by, &r, id, &err), 0);
}

static void delegation_needs_a_competent_worker_and_oversight(void **state)
{
    (void)state;
    struct plans *p = plans_new();
    relationship(p);
    char plan_id[STORE_ID_LEN], task_id[STORE_ID_LEN], id[STORE_ID_LEN];
    plan_with_task(p, plan_id, task_id);
    struct svc_ctx *c = fresh(p);
    json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:i}", "worker_name", "Sam Carer", "worker_org_id", p->provider,
                           "from_on", svc_date_offset(c, 1), "to_on", svc_date_offset(c, 20), "version", 2);
    struct svc_expect e = {NULL, json_object_get(in, "version")};
    /* No competency at all. */
    assert_int_equal(svc_care_plan_assign(c, plan_id, task_id, in, &e, id), SVC_INVALID);
    assert_string_equal(first_field(c), "worker_name");
    assert_non_null(strstr(first_message(c), "has no Medication administration competency"));
    /* One that runs out on day 10 of an assignment to day 20. */
    competency(p, -30, 10);
    c = fresh(p);
    assert_int_equal(svc_care_plan_assign(c, plan_id, task_id, in, &e, id), SVC_INVALID);
    assert_string_equal(first_field(c), "worker_name");
    assert_non_null(strstr(first_message(c), "expired on"));
    /* Renewed from day 10 on: covered, but a delegated health task needs
     * its practitioner and oversight date. */
    competency(p, 10, 60);
    c = fresh(p);
    assert_int_equal(svc_care_plan_assign(c, plan_id, task_id, in, &e, id), SVC_INVALID);
    assert_string_equal(first_field(c), "practitioner_user_id");
    json_object_set_new(in, "practitioner_user_id", json_string(p->nurse));
    json_object_set_new(in, "oversight_review_on", json_string(svc_date_offset(c, 30)));
    c = fresh(p);
    assert_int_equal(svc_care_plan_assign(c, plan_id, task_id, in, &e, id), SVC_INVALID);
    assert_string_equal(first_field(c), "oversight_review_on");   /* after the assignment ends */
    assert_int_equal(rows(p, "SELECT COUNT(*) FROM care_task_assignments"), 0);
    json_object_set_new(in, "oversight_review_on", json_string(svc_date_offset(c, 14)));
    assert_int_equal(svc_care_plan_assign(fresh(p), plan_id, task_id, in, &e, id), SVC_OK);
    assert_int_equal(audited(p, "create", "care_task_assignment"), 1);
    assert_int_equal(rows(p, "SELECT COUNT(*) FROM care_task_assignments WHERE delegated = 1"), 1);
    /* The assignment read within its plan (svc_read_within), audited as a read of the plan. */
    json_t *plan, *a;
    long long reads = audited(p, "read", "care_plan");
    assert_int_equal(svc_care_task_read(fresh(p), id, &plan, &a), SVC_OK);
    assert_string_equal(json_string_value(json_object_get(a, "id")), id);
    assert_string_equal(json_string_value(json_object_get(plan, "id")), plan_id);
    assert_int_equal(audited(p, "read", "care_plan"), reads + 1);
    assert_int_equal(svc_care_task_read(fresh(p), "no-such-assignment", &plan, &a), SVC_NOTFOUND);
    /* No such task on this plan. */
    assert_int_equal(svc_care_plan_assign(fresh(p), plan_id, "no-such-task", in, &e, id), SVC_NOTFOUND);
    /* Oversight is recorded by a registered practitioner only. */
    json_t *review = json_pack("{s:s, s:s, s:i}", "reviewed_on", svc_date_offset(c, 0), "next_review_on",
                               svc_date_offset(c, 28), "version", 3);
    struct svc_expect ev = {NULL, json_object_get(review, "version")};
    assert_int_equal(svc_care_plan_oversight_review(fresh(p), plan_id, id, review, &ev), SVC_NOT_REGISTERED);
    c = fresh(p);
    c->profession = "registered_nurse";
    assert_int_equal(svc_care_plan_oversight_review(c, plan_id, "no-such-assignment", review, &ev), SVC_NOTFOUND);
    c = fresh(p);
    c->profession = "registered_nurse";
    assert_int_equal(svc_care_plan_oversight_review(c, plan_id, id, review, &ev), SVC_OK);
    assert_int_equal(audited(p, "update", "care_task_assignment"), 1);
    chain_intact(p->f);
    json_decref(review);
    json_decref(in);
    plans_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_plan_needs_a_relationship_and_every_write_is_audited),
        cmocka_unit_test(a_change_is_made_against_the_current_version),
        cmocka_unit_test(delegation_needs_a_competent_worker_and_oversight),
    };
    return cmocka_run_group_tests_name("svc_care_plans", tests, NULL, NULL);
}
