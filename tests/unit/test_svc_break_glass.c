/* The break-glass services (svc/break_glass.h): a grant needs a reason
 * (and, when asked, the user's own password), stores nothing when refused,
 * adds the timeline event and its audit entry in one transaction and opens
 * the record; a review sees only its own organisation's grants; the access
 * log and the timeline go through the access choke point and are audited. */
#include "svc_fixture.h"
#include "svc/access.h"
#include "svc/break_glass.h"

static struct svc_ctx *fresh(struct fixture *f)
{
    struct svc_ctx *c = as_user(f);
    c->username = "pat";
    svc_reset(c);
    return c;
}

static long long grants(struct fixture *f)
{
    return count(f->t->db, "SELECT COUNT(*) AS n FROM break_glass WHERE person_id = $1", f->person);
}

static void a_grant_needs_a_reason_and_the_password_and_opens_the_record(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    assert_int_equal(fixture_set_password(f), 0);
    struct svc_break_glass g;
    json_t *items;
    /* No relationship yet: the record and its timeline are refused. */
    assert_int_equal(svc_person_timeline(fresh(f), f->person, &items), SVC_NO_RELATIONSHIP);
    static const struct {
        const char *reason, *password;
        int need_password, want;
        const char *field;
    } rows[] = {
        {NULL, NULL, 0, SVC_INVALID, "reason"},
        {"  short   ", NULL, 0, SVC_INVALID, "reason"},            /* 5 characters after the spaces */
        {"123456789", NULL, 0, SVC_INVALID, "reason"},             /* 9: one short */
        {"A fall at home, on call", NULL, 1, SVC_INVALID, "password"},
        {"A fall at home, on call", "wrong", 0, SVC_INVALID, "password"},   /* given: checked */
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct svc_ctx *c = fresh(f);
        assert_int_equal(svc_break_glass_grant(c, f->person, rows[i].reason, rows[i].password,
                                               rows[i].need_password, &g), rows[i].want);
        assert_string_equal(json_string_value(json_object_get(json_array_get(c->errors, 0), "field")),
                            rows[i].field);
    }
    assert_int_equal(grants(f), 0);
    assert_int_equal(audit_rows(f, "break_glass"), 0);
    assert_int_equal(svc_break_glass_grant(fresh(f), "no-such-person", "A fall at home, on call", NULL, 0, &g),
                     SVC_NOTFOUND);
    /* Ten characters is enough; the password is the user's own. */
    assert_int_equal(svc_break_glass_grant(fresh(f), f->person, "1234567890", "secret words", 1, &g), SVC_OK);
    assert_int_equal(grants(f), 1);
    assert_int_equal(audit_rows(f, "break_glass"), 1);
    assert_true(strcmp(g.expires_at, svc_now(fresh(f))) > 0);
    assert_int_equal(svc_person_timeline(fresh(f), f->person, &items), SVC_OK);
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'read' AND "
                                     "resource_type = $1", "person_timeline"), 1);   /* with basis break_glass */
    chain_intact(f);
    fixture_free(f);
}

static void reviews_are_for_the_grants_of_the_officers_organisation(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    struct svc_break_glass g;
    assert_int_equal(svc_break_glass_grant(fresh(f), f->person, "A fall at home, on call", NULL, 0, &g), SVC_OK);
    struct svc_ctx *c = fresh(f);
    json_t *list, *claims;
    assert_int_equal(svc_break_glass_list(c, "everything", 50, &list, &claims), SVC_INVALID);
    assert_int_equal(svc_break_glass_list(fresh(f), NULL, 50, &list, &claims), SVC_OK);
    assert_int_equal(json_array_size(list), 1);
    c = fresh(f);
    assert_int_equal(svc_break_glass_review(c, g.id, 0, "maybe", NULL), SVC_INVALID);
    c = fresh(f);
    c->org_id = "another-organisation";
    assert_int_equal(svc_break_glass_review(c, g.id, 0, "accepted", NULL), SVC_NOTFOUND);
    assert_int_equal(audit_rows(f, "review"), 0);
    assert_int_equal(svc_break_glass_review(fresh(f), g.id, 0, "accepted", "Seen"), SVC_OK);
    assert_int_equal(audit_rows(f, "review"), 1);
    assert_int_equal(svc_break_glass_list(fresh(f), "accepted", 50, &list, &claims), SVC_OK);
    assert_int_equal(json_array_size(list), 1);
    chain_intact(f);
    fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_grant_needs_a_reason_and_the_password_and_opens_the_record),
        cmocka_unit_test(reviews_are_for_the_grants_of_the_officers_organisation),
    };
    return cmocka_run_group_tests_name("svc_break_glass", tests, NULL, NULL);
}
