/* Case-finding cohorts and the case-finding feed as services
 * (svc/cohorts.h): the locality check, the relationship check on the feed,
 * input refused with nothing stored, and the audit of every write and of
 * each person a cohort list releases. */
#include "svc_fixture.h"
#include "store/localities.h"
#include "svc/cohorts.h"

struct area {
    struct fixture *f;
    char loc[STORE_ID_LEN], gp[STORE_ID_LEN];
};

static struct area *area_new(void)
{
    struct area *a = calloc(1, sizeof *a);
    a->f = fixture_new();
    struct store_error err = {0};
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {NULL, now};
    struct store *db = a->f->t->db;
    assert_int_equal(localities_add(db, &by, "L1", "North", a->loc, &err), 0);
    assert_int_equal(accounts_org_add(db, &by, "GP1", "A practice", "gp_practice", a->gp, &err), 0);
    assert_int_equal(localities_set_org(db, a->gp, a->loc, &err), 0);
    const char *p[] = {a->gp, a->f->person};
    assert_int_equal(store_run(db, "UPDATE persons SET gp_practice_id = $1 WHERE id = $2", 2, p, &err), 0);
    return a;
}

static void area_free(struct area *a)
{
    fixture_free(a->f);
    free(a);
}

static struct svc_ctx *fresh(struct area *a)
{
    struct svc_ctx *c = as_user(a->f);
    c->errors = NULL;
    return c;
}

static void the_feed_needs_a_relationship_and_valid_input(void **state)
{
    (void)state;
    struct area *a = area_new();
    json_t *in = json_pack("{s:i, s:[s, s], s:b, s:i}", "ltc_count", 6, "efi_deficits", "falls", "diabetes",
                           "frailty_flag", 0, "predicted_cost_pence", 120000), *out = NULL;
    assert_int_equal(svc_case_finding_put(fresh(a), a->f->person, in, &out), SVC_NO_RELATIONSHIP);
    assert_int_equal(audit_rows(a->f, "update"), 0);
    struct store_error err = {0};
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {NULL, now};
    assert_int_equal(persons_caseload_open(a->f->t->db, &by, a->f->person, a->f->team, "2026-01-05", "referral", &err), 0);
    static const struct {
        const char *key;
        json_t *(*make)(void);
        const char *field;
    } bad[] = {
        {"ltc_count", json_null, "ltc_count"},
        {"frailty_flag", json_object, "frailty_flag"},
        {"efi_deficits", json_object, "efi_deficits"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        json_t *b = json_deep_copy(in);
        json_object_set_new(b, bad[i].key, bad[i].make());
        struct svc_ctx *c = fresh(a);
        assert_int_equal(svc_case_finding_put(c, a->f->person, b, &out), SVC_INVALID);
        assert_string_equal(json_string_value(json_object_get(json_array_get(c->errors, 0), "field")), bad[i].field);
        json_decref(b);
    }
    assert_int_equal(audit_rows(a->f, "update"), 0);
    assert_int_equal(svc_case_finding_put(fresh(a), a->f->person, in, &out), SVC_OK);
    assert_int_equal(json_integer_value(json_object_get(out, "efi_count")), 2);
    assert_int_equal(count(a->f->t->db, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'update' AND "
                                        "resource_type = 'case_finding' AND basis = 'relationship' AND person_id = $1",
                           a->f->person), 1);
    json_decref(in);
    chain_intact(a->f);
    area_free(a);
}

static void cohorts_are_for_the_locality_teams_and_each_person_is_audited(void **state)
{
    (void)state;
    struct area *a = area_new();
    const char *p[] = {a->f->person};
    struct store_error err = {0};
    assert_int_equal(store_run(a->f->t->db, "UPDATE persons SET ltc_count = 6 WHERE id = $1", 1, p, &err), 0);
    json_t *page = NULL;
    assert_int_equal(svc_cohort_page(fresh(a), "L1", "ltc5", 1, 50, &page), SVC_NOT_IN_LOCALITY);
    assert_int_equal(svc_cohort_page(fresh(a), "L9", "ltc5", 1, 50, &page), SVC_NOTFOUND);
    assert_int_equal(localities_set_team(a->f->t->db, a->f->team, a->loc, &err), 0);
    assert_int_equal(svc_cohort_page(fresh(a), "L1", "lonely", 1, 50, &page), SVC_NOTFOUND);
    assert_int_equal(audit_rows(a->f, "read"), 0);
    assert_int_equal(svc_cohort_page(fresh(a), "L1", "ltc5", 1, 50, &page), SVC_OK);
    assert_int_equal(json_integer_value(json_object_get(page, "total")), 1);
    json_t *item = json_array_get(json_object_get(page, "items"), 0);
    assert_string_equal(json_string_value(json_object_get(item, "id")), a->f->person);
    assert_non_null(strstr(json_string_value(json_object_get(item, "reason")), "6"));
    assert_int_equal(count(a->f->t->db, "SELECT COUNT(*) AS n FROM audit_trail WHERE action = 'read' AND "
                                        "resource_type = 'cohort' AND basis = 'identify' AND person_id = $1",
                           a->f->person), 1);
    json_t *locs = NULL;
    assert_int_equal(svc_localities(fresh(a), &locs), SVC_OK);
    assert_int_equal(json_array_size(json_object_get(locs, "items")), 1);
    chain_intact(a->f);
    area_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_feed_needs_a_relationship_and_valid_input),
        cmocka_unit_test(cohorts_are_for_the_locality_teams_and_each_person_is_audited),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
