/* The board measures as services (svc/reports.h): for roles that may see
 * aggregates, every malformed query value named, and the periods a CHC
 * report is cut into. */
#include "svc_fixture.h"
#include "svc/reports.h"

static struct svc_ctx *as(struct fixture *f, const char *role)
{
    struct svc_ctx *c = as_role(f, role);
    svc_reset(c);
    return c;
}

static void only_aggregate_roles_see_the_measures(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    json_t *out = NULL;
    assert_int_equal(svc_referral_report(as(f, "practitioner"), NULL, NULL, NULL, &out), SVC_FORBIDDEN);
    assert_int_equal(svc_chc_report(as(f, "privacy_officer"), NULL, NULL, NULL, &out), SVC_FORBIDDEN);
    assert_int_equal(svc_referral_report(as(f, "board_viewer"), "2026-01-01", "2026-01-31", NULL, &out), SVC_OK);
    assert_int_equal(json_integer_value(json_object_get(out, "referrals")), 0);
    assert_string_equal(json_string_value(json_object_get(json_object_get(out, "responses_within_standard"), "target")),
                        "at least 90%");
    svc_ctx_system(&f->c, f->t->db, &f->arena, "test");   /* the system may */
    assert_int_equal(svc_chc_report(&f->c, "2026-01-01", "2026-01-31", NULL, &out), SVC_OK);
    fixture_free(f);
}

static void each_malformed_value_is_named(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    static const struct {
        const char *from, *to, *extra, *field;
        int chc;
    } rows[] = {
        {"2026-13-01", NULL, NULL, "from", 0},  {"2026-02-01", "2026-01-31", NULL, "to", 0},
        {NULL, "yesterday", NULL, "to", 0},      {NULL, NULL, "101", "target", 0},
        {NULL, NULL, "-1", "target", 0},         {NULL, NULL, "9x", "target", 0},
        {NULL, NULL, "week", "by", 1},           {"2010-01-01", "2026-01-01", NULL, "to", 1},
        {"2026-02-30", NULL, NULL, "from", 1},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct svc_ctx *c = as(f, "board_viewer");
        json_t *out = NULL;
        int rc = rows[i].chc ? svc_chc_report(c, rows[i].from, rows[i].to, rows[i].extra, &out)
                             : svc_referral_report(c, rows[i].from, rows[i].to, rows[i].extra, &out);
        assert_int_equal(rc, SVC_INVALID);
        assert_string_equal(json_string_value(json_object_get(json_array_get(c->errors, 0), "field")), rows[i].field);
    }
    fixture_free(f);
}

static void a_chc_report_is_cut_into_months_or_quarters(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    json_t *out = NULL;
    assert_int_equal(svc_chc_report(as(f, "finance"), "2026-01-15", "2026-06-10", "month", &out), SVC_OK);
    json_t *p = json_object_get(out, "periods");
    assert_int_equal(json_array_size(p), 6);
    assert_string_equal(json_string_value(json_object_get(json_array_get(p, 0), "from")), "2026-01-15");
    assert_string_equal(json_string_value(json_object_get(json_array_get(p, 5), "to")), "2026-06-10");
    assert_int_equal(svc_chc_report(as(f, "finance"), "2026-01-15", "2026-06-10", "quarter", &out), SVC_OK);
    p = json_object_get(out, "periods");
    assert_int_equal(json_array_size(p), 2);
    /* Financial-year quarters (issue #14 item 16): January-March is Q4 of
     * 2025/26, April-June Q1 of 2026/27. */
    assert_string_equal(json_string_value(json_object_get(json_array_get(p, 0), "period")), "2025/26 Q4");
    assert_string_equal(json_string_value(json_object_get(json_array_get(p, 1), "period")), "2026/27 Q1");
    assert_string_equal(json_string_value(json_object_get(json_object_get(out, "total"), "period")), "total");
    fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(only_aggregate_roles_see_the_measures),
        cmocka_unit_test(each_malformed_value_is_named),
        cmocka_unit_test(a_chc_report_is_cut_into_months_or_quarters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
