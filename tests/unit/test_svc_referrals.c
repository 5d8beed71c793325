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

/* The referrer's name, phone and organisation are one line each, of at
 * most 200, 40 and 200 bytes; a refusal names referrer.<member> and
 * stores nothing. "200 a" and "201 a" stand for names of that length. */
static void a_referrers_details_are_one_line_and_bounded(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    front_door(f);
    char name200[201], name201[202];
    memset(name200, 'a', 200);
    name200[200] = '\0';
    memset(name201, 'a', 201);
    name201[201] = '\0';
    static const struct {
        const char *name, *phone, *org, *field;   /* field: NULL when stored */
    } cases[] = {
        {"Dr Ada Okafor", "0116 496 0000", "Riverside Surgery", NULL},
        {"Dr Ada\nOkafor", NULL, NULL, "referrer.name"},
        {"Dr Ada\tOkafor", NULL, NULL, "referrer.name"},
        {"Dr Ada Okafor", NULL, "Riverside\r\nSurgery", "referrer.organisation"},
        {"Dr Ada Okafor", NULL, "Riverside\x1b[0m", "referrer.organisation"},
        {"Dr Ada Okafor", "0116\n496", NULL, "referrer.phone"},
        {"Dr Ada Okafor", "0116\x07", NULL, "referrer.phone"},
        {"Dr Ada Okafor", "0123456789012345678901234567890123456789", NULL, NULL},     /* 40 */
        {"Dr Ada Okafor", "01234567890123456789012345678901234567890", NULL, "referrer.phone"},   /* 41 */
        {"200 a", NULL, NULL, NULL},
        {"201 a", NULL, NULL, "referrer.name"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *name = strcmp(cases[i].name, "200 a") == 0 ? name200
                         : strcmp(cases[i].name, "201 a") == 0 ? name201 : cases[i].name;
        struct svc_referral_in in = {.person_id = f->person, .source = "gp", .reason = "Falls at home",
                                     .urgency = "routine", .consent = "given", .referrer_name = name,
                                     .referrer_phone = cases[i].phone, .referrer_org = cases[i].org};
        long long before = count(f->t->db, "SELECT COUNT(*) FROM referrals", NULL);
        struct svc_ctx *c = as_user(f);
        svc_reset(c);
        char id[STORE_ID_LEN];
        int rc = svc_referral_create(c, &in, id);
        if (cases[i].field ? rc != SVC_INVALID || !has_field(c->errors, cases[i].field) : rc != SVC_OK)
            fail_msg("case %zu: rc %d", i, rc);
        assert_int_equal(count(f->t->db, "SELECT COUNT(*) FROM referrals", NULL), before + (cases[i].field ? 0 : 1));
    }
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
        cmocka_unit_test(a_referrers_details_are_one_line_and_bounded),
        cmocka_unit_test(a_referral_is_written_with_its_event_timeline_and_audit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
