/* The competency register (svc/competencies.h): only a designated assessor
 * records a competency; an assessor must be a registered practitioner or a
 * trainer of the admin's own organisation; a record is hidden from other
 * organisations (unless the worker's is a provider); each write audited. */
#include "svc_fixture.h"
#include "svc/competencies.h"

static struct svc_ctx *fresh(struct fixture *f)
{
    struct svc_ctx *c = as_user(f);
    c->display_name = "Pat";
    svc_reset(c);
    return c;
}

static const char *first_field(struct svc_ctx *c)
{
    return json_string_value(json_object_get(json_array_get(c->errors, 0), "field"));
}

static void only_designated_assessors_record_and_others_do_not_see(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    char id[STORE_ID_LEN];
    struct svc_ctx *c = fresh(f);
    json_t *rec = json_pack("{s:s, s:s, s:s, s:s}", "worker_user_id", f->user, "competency_code", "medication_prompt",
                            "assessed_on", svc_date_offset(c, 0), "expires_on", svc_date_offset(c, 10));
    assert_int_equal(svc_competency_record(c, rec, id), SVC_NOT_ASSESSOR);
    /* The fixture user is a social worker: not eligible to assess. */
    json_t *name = json_pack("{s:s, s:s}", "user_id", f->user, "competency_code", "medication_prompt");
    c = fresh(f);
    assert_int_equal(svc_competency_assessor_name(c, name), SVC_INVALID);
    assert_string_equal(first_field(c), "user_id");
    const char *p[] = {f->user};
    struct store_error err = {0};
    assert_int_equal(store_run(f->t->db, "UPDATE users SET profession = 'registered_nurse' WHERE id = $1", 1, p, &err), 0);
    assert_int_equal(svc_competency_assessor_name(fresh(f), name), SVC_OK);
    assert_int_equal(svc_competency_assessor_name(fresh(f), name), SVC_CONFLICT);
    assert_int_equal(audit_rows(f, "create"), 1);
    /* Expires before it was assessed: refused, nothing stored. */
    c = fresh(f);
    json_object_set_new(rec, "expires_on", json_string(svc_date_offset(c, -1)));
    assert_int_equal(svc_competency_record(c, rec, id), SVC_INVALID);
    assert_string_equal(first_field(c), "expires_on");
    assert_int_equal(audit_rows(f, "create"), 1);
    json_object_set_new(rec, "expires_on", json_string(svc_date_offset(c, 10)));
    assert_int_equal(svc_competency_record(fresh(f), rec, id), SVC_OK);
    assert_int_equal(audit_rows(f, "create"), 2);
    json_t *got;
    assert_int_equal(svc_competency_get(fresh(f), id, &got), SVC_OK);
    assert_string_equal(json_string_value(json_object_get(got, "state")), "expiring");   /* 10 days: within 30 */
    c = fresh(f);
    c->org_id = "another-organisation";
    assert_int_equal(svc_competency_get(c, id, &got), SVC_NOTFOUND);
    json_t *items;
    assert_int_equal(svc_competency_register(fresh(f), NULL, &items), SVC_OK);
    assert_int_equal(json_array_size(items), 1);
    chain_intact(f);
    json_decref(rec);
    json_decref(name);
    fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(only_designated_assessors_record_and_others_do_not_see),
    };
    return cmocka_run_group_tests_name("svc_competencies", tests, NULL, NULL);
}
