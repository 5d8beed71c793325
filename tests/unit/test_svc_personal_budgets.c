/* Personal budgets (svc/personal_budgets.h): read through the access choke
 * point (a refusal audited); only council staff with a relationship agree
 * a budget; the contribution and the direct payment are checked and named
 * by field; the version guards a change; a review needs a running direct
 * payment; each write and each read audited; reviews due are the
 * council's. */
#include "svc_fixture.h"
#include "store/care_plans.h"
#include "svc/personal_budgets.h"
#include <stdio.h>

struct pb_fixture {
    struct fixture *f;
    char plan[STORE_ID_LEN];
};

static struct svc_ctx *fresh(struct pb_fixture *p)
{
    struct svc_ctx *c = as_user(p->f);
    c->org_type = "council";
    svc_reset(c);
    return c;
}

static const char *first_field(struct svc_ctx *c)
{
    return json_string_value(json_object_get(json_array_get(c->errors, 0), "field"));
}

/* A plan with one council-accountable personal care task of £300 a week,
 * held by the user's team (mine) and the person on its caseload, or by a
 * team the user is not on. */
static struct pb_fixture *pb_new(int mine)
{
    struct pb_fixture *p = calloc(1, sizeof *p);
    p->f = fixture_new();
    struct fixture *f = p->f;
    struct store_error err = {0};
    struct actor by = {NULL, svc_now(&f->c)};
    char other[STORE_ID_LEN];
    assert_int_equal(accounts_team_add(f->t->db, &by, f->org, "T2", "Other team", other, &err), 0);
    struct care_plan_row row = {f->person, f->org, mine ? f->team : other, "Needs help to wash and dress", "To stay at home",
                                svc_date_offset(&f->c, -30), svc_date_offset(&f->c, 300), {NULL, NULL, NULL, NULL}};
    assert_int_equal(care_plans_insert(f->t->db, &by, &row, p->plan, &err), 0);
    struct care_plan_task_row t = {p->plan, f->person, "personal_care", "week", NULL, f->org, NULL, NULL,
                                   7, 30, 30000, 0, 0, 0};
    char task[STORE_ID_LEN];
    if (care_plan_tasks_insert(f->t->db, &by, &t, task, &err) != 0)
        fail_msg("care_plan_tasks_insert: %s", err.message);
    if (mine)
        assert_int_equal(persons_caseload_open(f->t->db, &by, f->person, f->team, svc_date_offset(&f->c, -7),
                                               "referral", &err), 0);
    return p;
}

static void pb_free(struct pb_fixture *p)
{
    fixture_free(p->f);
    free(p);
}

static long long budgets(struct pb_fixture *p)
{
    return count(p->f->t->db, "SELECT COUNT(*) AS n FROM personal_budgets", NULL);
}

static void refused_without_a_relationship_and_audited(void **state)
{
    (void)state;
    struct pb_fixture *p = pb_new(0);
    json_t *out, *in = json_pack("{s:I}", "weekly_contribution_pence", (json_int_t)5000);
    struct svc_expect e = {NULL, NULL};
    struct svc_ctx *c = fresh(p);
    assert_int_equal(svc_pb_read(c, p->plan, &out), SVC_NO_RELATIONSHIP);
    assert_string_equal(c->person_id, p->f->person);
    assert_int_equal(audit_rows(p->f, "read_denied"), 1);
    assert_int_equal(svc_pb_put(fresh(p), p->plan, in, &e), SVC_NO_RELATIONSHIP);
    assert_int_equal(audit_rows(p->f, "read_denied"), 2);
    assert_int_equal(svc_pb_read(fresh(p), "no-such-plan", &out), SVC_NOTFOUND);
    assert_int_equal(budgets(p), 0);
    chain_intact(p->f);
    json_decref(in);
    pb_free(p);
}

static void only_council_staff_agree_and_each_field_is_named(void **state)
{
    (void)state;
    struct pb_fixture *p = pb_new(1);
    struct svc_expect none = {NULL, NULL};
    json_t *in = json_pack("{s:I}", "weekly_contribution_pence", (json_int_t)5000);
    struct svc_ctx *c = fresh(p);
    c->org_type = "nhs_trust";
    assert_int_equal(svc_pb_put(c, p->plan, in, &none), SVC_COUNCIL_ONLY);
    static const struct {
        const char *json, *field;
    } bad[] = {
        {"{}", "weekly_contribution_pence"},
        {"{\"weekly_contribution_pence\": -1}", "weekly_contribution_pence"},
        {"{\"weekly_contribution_pence\": 30001}", "weekly_contribution_pence"},   /* more than the budget */
        {"{\"weekly_contribution_pence\": 0, \"direct_payment\": {\"requested_by\": \"neighbour\"}}",
         "direct_payment.requested_by"},
        {"{\"weekly_contribution_pence\": 0, \"direct_payment\": {\"requested_by\": \"person\", \"has_capacity\": "
         "true, \"able_to_manage\": true}}", "direct_payment.start_on"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        json_t *body = json_loads(bad[i].json, 0, NULL);
        assert_non_null(body);
        c = fresh(p);
        assert_int_equal(svc_pb_put(c, p->plan, body, &none), SVC_INVALID);
        assert_string_equal(first_field(c), bad[i].field);
        json_decref(body);
    }
    assert_int_equal(budgets(p), 0);
    assert_int_equal(audit_rows(p->f, "create"), 0);
    assert_int_equal(svc_pb_put(fresh(p), p->plan, in, &none), SVC_OK);
    assert_int_equal(budgets(p), 1);
    assert_int_equal(audit_rows(p->f, "create"), 1);
    json_t *pb;
    assert_int_equal(svc_pb_read(fresh(p), p->plan, &pb), SVC_OK);
    assert_int_equal(audit_rows(p->f, "read"), 1);
    json_t *weekly = json_object_get(pb, "weekly");
    assert_int_equal(json_integer_value(json_object_get(weekly, "budget_pence")), 30000);
    assert_int_equal(json_integer_value(json_object_get(weekly, "council_pays_pence")), 25000);
    assert_int_equal(json_integer_value(json_object_get(pb, "version")), 1);
    /* A change needs the version it was made against. */
    c = fresh(p);
    assert_int_equal(svc_pb_put(c, p->plan, in, &none), SVC_INVALID);
    assert_string_equal(first_field(c), "version");
    json_t *v9 = json_integer(9), *v1 = json_integer(1);
    struct svc_expect stale = {NULL, v9}, current = {NULL, v1};
    c = fresh(p);
    assert_int_equal(svc_pb_put(c, p->plan, in, &stale), SVC_STALE);
    assert_int_equal(c->current_version, 1);
    assert_int_equal(audit_rows(p->f, "update"), 0);
    assert_int_equal(svc_pb_put(fresh(p), p->plan, in, &current), SVC_OK);
    assert_int_equal(audit_rows(p->f, "update"), 1);
    chain_intact(p->f);
    json_decref(v9);
    json_decref(v1);
    json_decref(in);
    pb_free(p);
}

static void reviews_need_a_running_direct_payment(void **state)
{
    (void)state;
    struct pb_fixture *p = pb_new(1);
    struct svc_ctx *c = fresh(p);
    json_t *review = json_pack("{s:s, s:s}", "reviewed_on", svc_date_offset(c, 0), "outcome", "continue");
    assert_int_equal(svc_pb_review_record(c, p->plan, review), SVC_INVALID);
    assert_string_equal(first_field(c), "direct_payment");
    struct svc_expect none = {NULL, NULL};
    json_t *in = json_pack("{s:I, s:{s:s, s:b, s:b, s:s}}", "weekly_contribution_pence", (json_int_t)0,
                           "direct_payment", "requested_by", "person", "has_capacity", 1, "able_to_manage", 1,
                           "start_on", svc_date_offset(c, -200));
    assert_int_equal(svc_pb_put(fresh(p), p->plan, in, &none), SVC_OK);
    json_t *bad = json_pack("{s:s, s:s}", "reviewed_on", svc_date_offset(c, 1), "outcome", "continue");
    c = fresh(p);
    assert_int_equal(svc_pb_review_record(c, p->plan, bad), SVC_INVALID);   /* in the future */
    assert_string_equal(first_field(c), "reviewed_on");
    json_object_set_new(bad, "reviewed_on", json_string(svc_date_offset(c, 0)));
    json_object_set_new(bad, "outcome", json_string("maybe"));
    c = fresh(p);
    assert_int_equal(svc_pb_review_record(c, p->plan, bad), SVC_INVALID);
    assert_string_equal(first_field(c), "outcome");
    /* The first review was due six months after the start: overdue today. */
    json_t *items;
    assert_int_equal(svc_pb_reviews_due(fresh(p), "overdue", &items), SVC_OK);
    assert_int_equal(json_array_size(items), 1);
    c = fresh(p);
    assert_int_equal(svc_pb_reviews_due(c, "soon", &items), SVC_INVALID);
    assert_string_equal(first_field(c), "state");
    c = fresh(p);
    c->org_type = "nhs_trust";
    assert_int_equal(svc_pb_reviews_due(c, NULL, &items), SVC_COUNCIL_ONLY);
    assert_int_equal(svc_pb_review_record(fresh(p), p->plan, review), SVC_OK);
    assert_int_equal(count(p->f->t->db, "SELECT COUNT(*) AS n FROM audit_log WHERE resource_type = $1",
                           "direct_payment_review"), 1);
    assert_int_equal(svc_pb_reviews_due(fresh(p), "overdue", &items), SVC_OK);
    assert_int_equal(json_array_size(items), 0);
    chain_intact(p->f);
    json_decref(bad);
    json_decref(in);
    json_decref(review);
    pb_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(refused_without_a_relationship_and_audited),
        cmocka_unit_test(only_council_staff_agree_and_each_field_is_named),
        cmocka_unit_test(reviews_need_a_running_direct_payment),
    };
    return cmocka_run_group_tests_name("svc_personal_budgets", tests, NULL, NULL);
}
