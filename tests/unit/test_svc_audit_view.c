/* The privacy officer's audit viewer as a service (svc/audit_view.h): who
 * may read it, input refused before anything is read, paging, filtering,
 * and that every read of the log is itself audited. */
#include "svc_fixture.h"
#include "svc/audit_view.h"

/* Three reads of the fixture's person by the practitioner. */
static void seed_reads(struct fixture *f)
{
    struct svc_ctx *c = as_user(f);
    for (int i = 0; i < 3; i++)
        assert_int_equal(svc_audit_read(c, "person", f->person, f->person, "relationship"), SVC_OK);
}

static void only_a_privacy_officer_reads_the_log(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    seed_reads(f);
    static const char *const roles[] = {"practitioner", "team_manager", "org_admin", "finance", "board_viewer"};
    for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++) {
        json_t *out = (json_t *)1;
        struct svc_audit_query q = {.limit = 10};
        assert_int_equal(svc_audit_view(as_role(f, roles[i]), &q, &out), SVC_FORBIDDEN);
        assert_null(out);
    }
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) AS n FROM audit_log WHERE resource_type = $1", "audit_log"), 0);
    fixture_free(f);
}

static void malformed_filters_are_named_and_nothing_is_read(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    static const struct {
        struct svc_audit_query q;
        const char *field;
    } rows[] = {
        {{NULL, NULL, "2026-1-05", NULL, NULL, 10, NULL, NULL, 0}, "from"},
        {{NULL, NULL, NULL, "05/01/2026", NULL, 10, NULL, NULL, 0}, "to"},
        {{NULL, NULL, NULL, NULL, "abc", 10, NULL, NULL, 0}, "cursor"},
        {{NULL, NULL, NULL, NULL, "0", 10, NULL, NULL, 0}, "cursor"},
        {{NULL, NULL, NULL, NULL, "-4", 10, NULL, NULL, 0}, "cursor"},
        /* Found as people know them: nobody by that username or NHS number. */
        {{NULL, NULL, NULL, NULL, NULL, 10, "nobody.here", NULL, 0}, "username"},
        {{NULL, NULL, NULL, NULL, NULL, 10, NULL, "943 476 5918", 0}, "nhs_number"},
        {{NULL, NULL, NULL, NULL, NULL, 10, NULL, "943 476 5919", 0}, "nhs_number"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct svc_ctx *c = as_role(f, "privacy_officer");
        c->errors = NULL;
        json_t *out = NULL;
        assert_int_equal(svc_audit_view(c, &rows[i].q, &out), SVC_INVALID);
        assert_string_equal(json_string_value(json_object_get(json_array_get(c->errors, 0), "field")), rows[i].field);
    }
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) AS n FROM audit_log WHERE resource_type = $1", "audit_log"), 0);
    fixture_free(f);
}

static void pages_newest_first_and_audits_each_read(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    seed_reads(f);
    struct svc_ctx *c = as_role(f, "privacy_officer");
    json_t *page = NULL;
    struct svc_audit_query q = {.person_id = f->person, .limit = 2};
    assert_int_equal(svc_audit_view(c, &q, &page), SVC_OK);
    json_t *items = json_object_get(page, "items");
    assert_int_equal(json_array_size(items), 2);
    long long first = json_integer_value(json_object_get(json_array_get(items, 0), "seq"));
    long long second = json_integer_value(json_object_get(json_array_get(items, 1), "seq"));
    assert_true(first > second);
    const char *cursor = json_string_value(json_object_get(page, "next_cursor"));
    assert_non_null(cursor);
    q.cursor = cursor;
    assert_int_equal(svc_audit_view(c, &q, &page), SVC_OK);
    /* the third seeded read and the audit of the first page (it names the person) */
    items = json_object_get(page, "items");
    assert_true(json_array_size(items) >= 1);
    assert_true(json_integer_value(json_object_get(json_array_get(items, 0), "seq")) < second);
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) AS n FROM audit_log WHERE resource_type = 'audit_log' "
                                     "AND person_id = $1 AND basis = 'admin'", f->person), 2);
    chain_intact(f);
    fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(only_a_privacy_officer_reads_the_log),
        cmocka_unit_test(malformed_filters_are_named_and_nothing_is_read),
        cmocka_unit_test(pages_newest_first_and_audits_each_read),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
