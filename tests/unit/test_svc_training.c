/* Training (svc/training.h): a course names a catalogue competency and a
 * code nobody else has; attendance names a real worker and a day not in
 * the future; a refusal stores nothing and writes no audit entry; the
 * uptake report says "no data" rather than 0% with nobody to count. */
#include "svc_fixture.h"
#include "svc/training.h"

static struct svc_ctx *fresh(struct fixture *f)
{
    struct svc_ctx *c = as_user(f);
    svc_reset(c);
    return c;
}

static const char *first_field(struct svc_ctx *c)
{
    return json_string_value(json_object_get(json_array_get(c->errors, 0), "field"));
}

static void courses_and_attendance(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    char id[STORE_ID_LEN];
    static const struct {
        const char *json, *field;
    } bad[] = {
        {"{\"title\": \"Prompting\", \"competency_code\": \"medication_prompt\"}", "code"},
        {"{\"code\": \"MP1\", \"competency_code\": \"medication_prompt\"}", "title"},
        {"{\"code\": \"MP1\", \"title\": \"Prompting\", \"competency_code\": \"juggling\"}", "competency_code"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        json_t *in = json_loads(bad[i].json, 0, NULL);
        struct svc_ctx *c = fresh(f);
        assert_int_equal(svc_training_course_create(c, in, id), SVC_INVALID);
        assert_string_equal(first_field(c), bad[i].field);
        json_decref(in);
    }
    assert_int_equal(audit_rows(f, "create"), 0);
    json_t *in = json_pack("{s:s, s:s, s:s}", "code", "MP1", "title", "Prompting", "competency_code",
                           "medication_prompt");
    assert_int_equal(svc_training_course_create(fresh(f), in, id), SVC_OK);
    assert_int_equal(svc_training_course_create(fresh(f), in, id), SVC_CONFLICT);
    assert_int_equal(audit_rows(f, "create"), 1);
    json_t *course;
    assert_int_equal(svc_training_course_get(fresh(f), "no-such-course", &course), SVC_NOTFOUND);
    char course_id[STORE_ID_LEN];
    json_t *items;
    assert_int_equal(svc_training_course_list(fresh(f), &items), SVC_OK);
    snprintf(course_id, sizeof course_id, "%s", json_string_value(json_object_get(json_array_get(items, 0), "id")));
    /* Tomorrow is refused; today is fine. */
    struct svc_ctx *c = fresh(f);
    json_t *a = json_pack("{s:s, s:s, s:b}", "worker_user_id", f->user, "attended_on", svc_date_offset(c, 1),
                          "completed", 1);
    assert_int_equal(svc_training_attendance(c, course_id, a), SVC_INVALID);
    assert_string_equal(first_field(c), "attended_on");
    json_object_set_new(a, "attended_on", json_string(svc_date_offset(c, 0)));
    json_object_set_new(a, "worker_user_id", json_string("nobody"));
    c = fresh(f);
    assert_int_equal(svc_training_attendance(c, course_id, a), SVC_INVALID);
    assert_string_equal(first_field(c), "worker_user_id");
    json_object_set_new(a, "worker_user_id", json_string(f->user));
    assert_int_equal(svc_training_attendance(fresh(f), "no-such-course", a), SVC_NOTFOUND);
    assert_int_equal(svc_training_attendance(fresh(f), course_id, a), SVC_OK);
    assert_int_equal(audit_rows(f, "create"), 2);
    json_t *u;
    assert_int_equal(svc_training_uptake(fresh(f), &u), SVC_OK);
    assert_string_equal(json_string_value(json_object_get(u, "percent")), "no data");
    chain_intact(f);
    json_decref(a);
    json_decref(in);
    fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(courses_and_attendance),
    };
    return cmocka_run_group_tests_name("svc_training", tests, NULL, NULL);
}
