/* Finding a person to identify them (svc_person_find): exactly one kind of
 * query, each field checked; someone not theirs is found but marked
 * has_access false without a postcode; every result audited "search". */
#include "svc_fixture.h"
#include "svc/persons.h"

static struct svc_ctx *fresh(struct fixture *f)
{
    struct svc_ctx *c = as_user(f);
    svc_reset(c);
    return c;
}

static void queries_access_flags_and_the_audit(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    static const struct {
        struct svc_person_query q;
        const char *field;
    } bad[] = {
        {{NULL, NULL, NULL, NULL, NULL}, "query"},
        {{"", "", "", "", NULL}, "query"},                        /* empty is absent */
        {{"9434765918", NULL, NULL, NULL, NULL}, "nhs_number"},   /* check digit wrong */
        {{NULL, "Smith", NULL, NULL, NULL}, "date_of_birth"},
        {{NULL, NULL, "1940-01-02", NULL, NULL}, "family_name"},
        {{NULL, "Smith", "1940-02-30", NULL, NULL}, "date_of_birth"},
        {{NULL, NULL, NULL, "not a postcode", NULL}, "postcode"},
    };
    json_t *items;
    const char *next;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct svc_ctx *c = fresh(f);
        assert_int_equal(svc_person_find(c, &bad[i].q, 10, &items, &next), SVC_INVALID);
        assert_string_equal(json_string_value(json_object_get(json_array_get(c->errors, 0), "field")), bad[i].field);
    }
    assert_int_equal(audit_rows(f, "search"), 0);
    struct svc_person_query q = {NULL, "smith", "1940-01-02", NULL, NULL};   /* any case */
    assert_int_equal(svc_person_find(fresh(f), &q, 10, &items, &next), SVC_OK);
    assert_int_equal(json_array_size(items), 1);
    assert_null(next);
    json_t *p = json_array_get(items, 0);
    assert_false(json_is_true(json_object_get(p, "has_access")));   /* on no caseload of the user's */
    assert_null(json_object_get(p, "postcode"));
    assert_null(json_object_get(p, "basis"));
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'search' AND "
                                     "basis = $1", "identify"), 1);
    chain_intact(f);
    fixture_free(f);
}

/* Registering (svc_person_register): an NHS number in use names the
 * existing record; a likely duplicate (name, date of birth, postcode) is
 * refused with its candidates unless the caller says it is someone else. */
static void register_refuses_duplicates_with_what_to_open(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    json_t *a = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "nhs_number", "9434765919", "family_name", "Jones",
                          "given_name", "Bea", "date_of_birth", "1950-03-04", "sex", "female", "postcode", "LE1 7RH");
    json_t *p, *b = json_deep_copy(a);
    char id[STORE_ID_LEN];
    json_object_del(b, "nhs_number");
    assert_int_equal(svc_person_register(fresh(f), a, NULL, 1, id, &p), SVC_OK);
    assert_string_equal(json_string_value(json_object_get(p, "id")), id);
    struct svc_ctx *c = fresh(f);
    assert_int_equal(svc_person_register(c, a, NULL, 1, id, &p), SVC_DUPLICATE_NHS);
    assert_string_equal(id, "");
    assert_non_null(json_string_value(json_object_get(c->extra, "existing_id")));
    c = fresh(f);
    assert_int_equal(svc_person_register(c, b, NULL, 1, id, &p), SVC_POSSIBLE_DUPLICATE);
    assert_int_equal(json_array_size(json_object_get(c->extra, "candidates")), 1);
    assert_int_equal(audit_rows(f, "create"), 1);
    /* confirmed: someone else; no record asked for, the id alone */
    assert_int_equal(svc_person_register(fresh(f), b, NULL, 0, id, NULL), SVC_OK);
    assert_true(id[0] != '\0');
    assert_int_equal(audit_rows(f, "create"), 2);
    json_decref(a);
    json_decref(b);
    fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(queries_access_flags_and_the_audit),
        cmocka_unit_test(register_refuses_duplicates_with_what_to_open),
    };
    return cmocka_run_group_tests_name("svc_person_find", tests, NULL, NULL);
}
