/* Merging duplicate records (svc_person_merge): refusals name the field and
 * store nothing; a merge moves the NHS number to a survivor without one,
 * marks the duplicate merged (a second merge of it is refused) and leaves
 * both audit entries. */
#include "svc_fixture.h"
#include "svc/persons.h"

static struct svc_ctx *fresh(struct fixture *f)
{
    struct svc_ctx *c = as_role(f, "org_admin");
    svc_reset(c);
    return c;
}

static const char *first_field(struct svc_ctx *c)
{
    return json_string_value(json_object_get(json_array_get(c->errors, 0), "field"));
}

static void merge_refusals_and_the_merge(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    json_t *dup;
    json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:s}", "nhs_number", "9434765919", "family_name", "Smith",
                           "given_name", "Ann", "date_of_birth", "1940-01-02", "sex", "female");
    struct svc_ctx *c = as_user(f);
    svc_reset(c);
    assert_int_equal(svc_person_create(c, in, NULL, &dup), SVC_OK);
    char dup_id[STORE_ID_LEN];
    snprintf(dup_id, sizeof dup_id, "%s", json_string_value(json_object_get(dup, "id")));
    static const struct {
        const char *merge_id, *field;
    } bad[] = {{NULL, "merge_id"}, {"", "merge_id"}, {"no-such-person", "merge_id"}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        c = fresh(f);
        assert_int_equal(svc_person_merge(c, f->person, bad[i].merge_id), SVC_INVALID);
        assert_string_equal(first_field(c), bad[i].field);
    }
    c = fresh(f);
    assert_int_equal(svc_person_merge(c, f->person, f->person), SVC_INVALID);   /* itself */
    assert_int_equal(audit_rows(f, "merge"), 0);
    assert_int_equal(svc_person_merge(fresh(f), f->person, dup_id), SVC_OK);
    assert_int_equal(audit_rows(f, "merge"), 1);
    assert_int_equal(audit_rows(f, "merged_into"), 1);
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) AS n FROM persons WHERE id = $1 AND nhs_number = "
                                     "'9434765919'", f->person), 1);
    c = fresh(f);
    assert_int_equal(svc_person_merge(c, f->person, dup_id), SVC_INVALID);   /* already merged */
    assert_string_equal(first_field(c), "merge_id");
    chain_intact(f);
    json_decref(in);
    fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(merge_refusals_and_the_merge),
    };
    return cmocka_run_group_tests_name("svc_person_merge", tests, NULL, NULL);
}
