/* Bank holidays (svc/bank_holidays.h): a day of 2000-2100 with a name, not
 * twice; a year is marked complete only once it has days; only an
 * organisation's admin (or the system) may change the list, anyone else
 * refused and audited; every change audited; a refusal stores nothing. */
#include "svc_fixture.h"
#include "svc/bank_holidays.h"

static struct svc_ctx *admin(struct fixture *f)
{
    struct svc_ctx *c = as_role(f, "org_admin");
    svc_reset(c);
    return c;
}

static const char *first_field(struct svc_ctx *c)
{
    return json_string_value(json_object_get(json_array_get(c->errors, 0), "field"));
}

static long long holidays(struct fixture *f)
{
    return count(f->t->db, "SELECT COUNT(*) FROM bank_holidays WHERE day >= '2000-01-01'", NULL);
}

static void adding_a_day(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    static const struct {
        const char *day, *name, *field;
    } bad[] = {
        {"2030-02-29", "Leap day", "date"},     /* 2030 is not a leap year */
        {"1999-12-31", "Old", "date"},          /* before 2000 */
        {"2101-01-01", "Far", "date"},          /* after 2100 */
        {"", "Empty", "date"},
        {NULL, "Missing", "date"},
        {"2030-05-06", "", "name"},
        {"2030-05-06", NULL, "name"},
        {"2030-05-06", "A name far too long for any bank holiday that England and Wales have ever had, "
                       "not even in a jubilee year", "name"},
        {"2030-05-06", "Early May\nbank holiday", "name"},   /* one line */
        {"2030-05-06", "Early May\x07", "name"},
    };
    long long before = holidays(f), created = audit_rows(f, "create");
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct svc_ctx *c = admin(f);
        json_t *in = json_pack("{s:s?, s:s?}", "date", bad[i].day, "name", bad[i].name);
        assert_int_equal(svc_bank_holiday_add_input(c, in), SVC_INVALID);
        assert_string_equal(first_field(c), bad[i].field);
        json_decref(in);
    }
    assert_int_equal(holidays(f), before);
    assert_int_equal(audit_rows(f, "create"), created);
    /* The boundaries themselves are fine; the same day twice names the date. */
    assert_int_equal(svc_bank_holiday_add(admin(f), "2000-01-03", "First"), SVC_OK);
    assert_int_equal(svc_bank_holiday_add(admin(f), "2100-12-27", "Last"), SVC_OK);
    struct svc_ctx *c = admin(f);
    assert_int_equal(svc_bank_holiday_add(c, "2100-12-27", "Again"), SVC_INVALID);
    assert_string_equal(first_field(c), "date");
    assert_int_equal(holidays(f), before + 2);
    assert_int_equal(audit_rows(f, "create"), created + 2);
    /* Someone else is refused, audited; nothing stored. */
    c = as_role(f, "practitioner");
    svc_reset(c);
    assert_int_equal(svc_bank_holiday_add(c, "2031-01-01", "New Year"), SVC_FORBIDDEN);
    assert_int_equal(audit_rows(f, "read_denied"), 1);
    assert_int_equal(holidays(f), before + 2);
    /* The system (the CLI) may. */
    svc_ctx_system(&f->c, f->t->db, &f->arena, "cli");
    assert_int_equal(svc_bank_holiday_add(&f->c, "2031-01-01", "New Year"), SVC_OK);
    chain_intact(f);
    fixture_free(f);
}

static void removing_and_completing(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    assert_int_equal(svc_bank_holiday_remove(admin(f), "2030-05-06"), SVC_NOTFOUND);
    assert_int_equal(svc_bank_holiday_remove(admin(f), "not a date"), SVC_NOTFOUND);
    static const char *const bad_years[] = {"1999", "2101", "20x0", "203", "", NULL, "2030"};   /* 2030 has no days */
    for (size_t i = 0; i < sizeof bad_years / sizeof bad_years[0]; i++) {
        struct svc_ctx *c = admin(f);
        assert_int_equal(svc_bank_holiday_year_complete_text(c, bad_years[i]), SVC_INVALID);
        assert_string_equal(first_field(c), "year");
    }
    assert_int_equal(audit_rows(f, "complete"), 0);
    assert_int_equal(svc_bank_holiday_add(admin(f), "2030-05-06", "Early May"), SVC_OK);
    assert_int_equal(svc_bank_holiday_year_complete_text(admin(f), "2030"), SVC_OK);
    assert_int_equal(audit_rows(f, "complete"), 1);
    json_t *out, *y;
    size_t i;
    int seen = 0;
    assert_int_equal(svc_bank_holidays_list(admin(f), &out), SVC_OK);
    json_array_foreach(json_object_get(out, "years"), i, y)
        if (json_integer_value(json_object_get(y, "year")) == 2030) {
            assert_true(json_is_true(json_object_get(y, "complete")));
            seen = 1;
        }
    assert_true(seen);
    assert_int_equal(svc_bank_holiday_remove(admin(f), "2030-05-06"), SVC_OK);
    assert_int_equal(audit_rows(f, "delete"), 1);
    assert_int_equal(svc_bank_holiday_remove(admin(f), "2030-05-06"), SVC_NOTFOUND);
    assert_int_equal(audit_rows(f, "delete"), 1);
    chain_intact(f);
    fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(adding_a_day),
        cmocka_unit_test(removing_and_completing),
    };
    return cmocka_run_group_tests_name("svc_bank_holidays", tests, NULL, NULL);
}
