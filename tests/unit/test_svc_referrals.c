/* svc_referral_create (svc/referral_create.h): every field the JSON API
 * names is named here too, a refused request stores nothing, check_only
 * writes nothing, and a created referral has its event, timeline entry and
 * audit entry, with the chain intact. */
#include "svc_fixture.h"
#include "svc/referral_create.h"

static void front_door(struct fixture *f)
{
    char sql[400];
    snprintf(sql, sizeof sql, "INSERT INTO referral_routes (id, route, locality_id, team_id) VALUES"
             " ('fd', 'front_door', NULL, '%s')", f->team);
    struct store_error err = {0};
    if (store_exec(f->t->db, sql, &err) != 0)
        fail_msg("%s", err.message);
}

static int has_field(json_t *errors, const char *field)
{
    size_t i;
    json_t *e;
    json_array_foreach(errors, i, e)
        if (strcmp(json_string_value(json_object_get(e, "field")), field) == 0)
            return 1;
    return 0;
}

static void refusals_name_each_field_and_store_nothing(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    front_door(f);
    char id[STORE_ID_LEN];
    struct svc_referral_in bad = {.person_id = "nope", .source = "pigeon", .reason = "", .urgency = "soon",
                                  .consent = "maybe", .received_at = "2999-01-01T00:00:00Z"};
    assert_int_equal(svc_referral_create(as_user(f), &bad, id), SVC_INVALID);
    const char *fields[] = {"person_id", "source", "reason", "urgency", "consent", "referrer.name", "received_at"};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (!has_field(f->c.errors, fields[i]))
            fail_msg("%s is not named", fields[i]);
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) FROM referrals", NULL), 0);
    svc_reset(&f->c);
    /* check_only: valid, nothing written, the person not needed yet. */
    struct svc_referral_in ok = {.source = "self", .reason = "Needs help at home", .urgency = "routine",
                                 .consent = "given", .check_only = 1};
    assert_int_equal(svc_referral_create(&f->c, &ok, id), SVC_OK);
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) FROM referrals", NULL), 0);
    fixture_free(f);
}

static void a_referral_is_written_with_its_event_timeline_and_audit(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    front_door(f);
    char id[STORE_ID_LEN];
    struct svc_referral_in in = {.person_id = f->person, .source = "gp", .reason = "Falls at home",
                                 .urgency = "urgent", .consent = "given", .referrer_name = "Dr Ren Rivers"};
    long long audit_before = count(f->t->db, "SELECT COUNT(*) FROM audit_log", NULL);
    assert_int_equal(svc_referral_create(as_user(f), &in, id), SVC_OK);
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) FROM referrals WHERE id = $1 AND status = 'received'"
                           " AND front_door_team_id = team_id", id), 1);
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) FROM referral_events WHERE referral_id = $1"
                           " AND kind = 'received'", id), 1);
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) FROM person_events WHERE kind = 'referral'", NULL), 1);
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) FROM audit_log", NULL), audit_before + 1);
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) FROM audit_log WHERE action = 'create'"
                           " AND resource_type = 'referral' AND resource_id = $1", id), 1);
    chain_intact(f);
    fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(refusals_name_each_field_and_store_nothing),
        cmocka_unit_test(a_referral_is_written_with_its_event_timeline_and_audit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
