/* Care Act assessments (svc/care_act.h): access through the choke point
 * (a refusal audited, nothing stored); each answer checked and named by
 * field; the version guards every write; only the assessor completes, with
 * every answer given; only a manager of the organisation who is not the
 * assessor authorises; completed assessments are read-only; each write and
 * each read audited. */
#include "svc_fixture.h"
#include "svc/care_act.h"
#include <stdio.h>

static struct svc_ctx *fresh(struct fixture *f)
{
    struct svc_ctx *c = as_user(f);
    c->org_type = "council";
    svc_reset(c);
    return c;
}

static const char *first_field(struct svc_ctx *c)
{
    return json_string_value(json_object_get(json_array_get(c->errors, 0), "field"));
}

static long long assessments(struct fixture *f)
{
    return count(f->t->db, "SELECT COUNT(*) AS n FROM care_act_assessments", NULL);
}

static void open_caseload(struct fixture *f, const char *team)
{
    struct store_error err = {0};
    struct actor by = {NULL, svc_now(&f->c)};
    assert_int_equal(persons_caseload_open(f->t->db, &by, f->person, team, svc_date_offset(&f->c, -7), "referral",
                                           &err), 0);
}

/* Another user of the fixture's organisation on its team. */
static void add_user(struct fixture *f, const char *name, const char *role, char id[STORE_ID_LEN])
{
    struct store_error err = {0};
    struct actor by = {NULL, svc_now(&f->c)};
    struct new_user nu = {f->org, name, name, role, "social_worker", "x"};
    assert_int_equal(accounts_user_add(f->t->db, &by, &nu, id, &err), 0);
    assert_int_equal(accounts_user_add_team(f->t->db, id, f->team, &err), 0);
}

static struct svc_expect at(json_t *version)
{
    return (struct svc_expect){NULL, version};
}

static void refused_without_a_relationship_and_audited(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    char id[STORE_ID_LEN];
    json_t *in = json_pack("{s:s}", "kind", "adult");
    struct svc_ctx *c = fresh(f);
    assert_int_equal(svc_care_act_create(c, f->person, in, id), SVC_NO_RELATIONSHIP);
    assert_string_equal(c->person_id, f->person);   /* for the break-glass link */
    assert_int_equal(audit_rows(f, "read_denied"), 1);
    assert_int_equal(assessments(f), 0);
    json_t *items;
    assert_int_equal(svc_care_act_list(fresh(f), f->person, &items), SVC_NO_RELATIONSHIP);
    assert_int_equal(audit_rows(f, "read_denied"), 2);
    assert_int_equal(svc_care_act_read(fresh(f), "no-such-assessment", &items), SVC_NOTFOUND);
    chain_intact(f);
    json_decref(in);
    fixture_free(f);
}

static void create_names_each_bad_field_and_stores_nothing(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    open_caseload(f, f->team);
    char id[STORE_ID_LEN];
    static const struct {
        const char *json, *field;
    } bad[] = {
        {"{}", "kind"},
        {"{\"kind\": \"child\"}", "kind"},
        {"{\"kind\": 1}", "kind"},
        {"{\"kind\": \"adult\", \"team_id\": \"not-my-team\"}", "team_id"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        json_t *in = json_loads(bad[i].json, 0, NULL);
        struct svc_ctx *c = fresh(f);
        assert_int_equal(svc_care_act_create(c, f->person, in, id), SVC_INVALID);
        assert_string_equal(first_field(c), bad[i].field);
        json_decref(in);
    }
    assert_int_equal(assessments(f), 0);
    assert_int_equal(audit_rows(f, "create"), 0);
    json_t *in = json_pack("{s:s, s:s}", "kind", "carer", "team_id", f->team);
    assert_int_equal(svc_care_act_create(fresh(f), f->person, in, id), SVC_OK);
    assert_int_equal(assessments(f), 1);
    assert_int_equal(audit_rows(f, "create"), 1);
    json_t *a;
    assert_int_equal(svc_care_act_read(fresh(f), id, &a), SVC_OK);
    assert_string_equal(json_string_value(json_object_get(a, "status")), "draft");
    assert_true(json_is_null(json_object_get(a, "determination")));
    assert_int_equal(audit_rows(f, "read"), 1);
    json_t *items;
    assert_int_equal(svc_care_act_list(fresh(f), f->person, &items), SVC_OK);
    assert_int_equal(json_array_size(items), 1);
    assert_int_equal(audit_rows(f, "read"), 2);
    chain_intact(f);
    json_decref(in);
    fixture_free(f);
}

/* Every adult outcome achieved but nutrition and hygiene (unable without
 * assistance): eligible once the rest is answered. */
static json_t *adult_answers(long long version)
{
    json_t *o = json_object();
    for (int i = 0; i < CARE_ACT_ADULT_OUTCOMES; i++)
        json_object_set_new(o, care_act_adult_outcomes[i].key, i < 2 ? json_pack("[s]", "without_assistance")
                                                                      : json_array());
    return json_pack("{s:I, s:b, s:o, s:b, s:[s], s:s}", "version", (json_int_t)version, "impairment_or_illness", 1,
                     "outcomes", o, "significant_impact", 1, "wellbeing", "control", "person_views",
                     "I want to stay at home.");
}

static void answers_are_checked_and_version_guarded(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    open_caseload(f, f->team);
    char id[STORE_ID_LEN];
    json_t *in = json_pack("{s:s}", "kind", "adult");
    assert_int_equal(svc_care_act_create(fresh(f), f->person, in, id), SVC_OK);
    json_decref(in);
    static const struct {
        const char *json, *field;
        int rc;
    } bad[] = {
        {"{\"significant_impact\": true}", "version", SVC_INVALID},
        {"{\"version\": \"one\"}", "version", SVC_INVALID},
        {"{\"version\": 2, \"notes\": \"x\"}", NULL, SVC_STALE},
        {"{\"version\": 1, \"needs_arise_from_caring\": true}", "needs_arise_from_caring", SVC_INVALID},
        {"{\"version\": 1, \"significant_impact\": \"yes\"}", "significant_impact", SVC_INVALID},
        {"{\"version\": 1, \"outcomes\": {\"juggling\": []}}", "outcomes.juggling", SVC_INVALID},
        {"{\"version\": 1, \"outcomes\": {\"nutrition\": [\"longer\"]}}", "outcomes.nutrition", SVC_INVALID},
        {"{\"version\": 1, \"outcomes\": []}", "outcomes", SVC_INVALID},
        {"{\"version\": 1, \"wellbeing\": [\"control\", \"luck\"]}", "wellbeing[1]", SVC_INVALID},
        {"{\"version\": 1, \"person_views\": 7}", "person_views", SVC_INVALID},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        json_t *body = json_loads(bad[i].json, 0, NULL);
        assert_non_null(body);
        struct svc_ctx *c = fresh(f);
        struct svc_expect e = at(json_object_get(body, "version"));
        assert_int_equal(svc_care_act_update(c, id, body, &e), bad[i].rc);
        if (bad[i].field)
            assert_string_equal(first_field(c), bad[i].field);
        else
            assert_int_equal(c->current_version, 1);
        json_decref(body);
    }
    assert_int_equal(audit_rows(f, "update"), 0);
    /* If-Match that does not match: 412. */
    struct svc_expect stale_tag = {"W/\"5\"", NULL};
    json_t *none = json_object();
    assert_int_equal(svc_care_act_update(fresh(f), id, none, &stale_tag), SVC_PRECONDITION);
    json_t *body = adult_answers(1);
    struct svc_expect e = at(json_object_get(body, "version"));
    assert_int_equal(svc_care_act_update(fresh(f), id, body, &e), SVC_OK);
    assert_int_equal(audit_rows(f, "update"), 1);
    json_t *a;
    assert_int_equal(svc_care_act_read(fresh(f), id, &a), SVC_OK);
    assert_int_equal(json_integer_value(json_object_get(a, "version")), 2);
    assert_int_equal(json_array_size(json_object_get(json_object_get(a, "outcomes"), "nutrition")), 1);
    chain_intact(f);
    json_decref(none);
    json_decref(body);
    fixture_free(f);
}

static void complete_then_authorise_by_someone_else(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    open_caseload(f, f->team);
    char id[STORE_ID_LEN], other[STORE_ID_LEN], manager[STORE_ID_LEN];
    add_user(f, "sam", "practitioner", other);
    add_user(f, "kim", "team_manager", manager);
    json_t *in = json_pack("{s:s}", "kind", "adult");
    assert_int_equal(svc_care_act_create(fresh(f), f->person, in, id), SVC_OK);
    json_t *confirm = json_pack("{s:b}", "assessor_agrees", 1);
    json_t *v1 = json_integer(1), *v2 = json_integer(2), *v3 = json_integer(3);
    struct svc_expect e1 = at(v1), e2 = at(v2), e3 = at(v3);
    /* Missing answers: each named, nothing kept. */
    struct svc_ctx *c = fresh(f);
    assert_int_equal(svc_care_act_complete(c, id, confirm, &e1), SVC_INVALID);
    assert_true(json_array_size(c->errors) >= 3);
    json_t *body = adult_answers(1);
    assert_int_equal(svc_care_act_update(fresh(f), id, body, &e1), SVC_OK);
    /* Disagreeing needs a reason. */
    json_t *disagree = json_pack("{s:b}", "assessor_agrees", 0);
    c = fresh(f);
    assert_int_equal(svc_care_act_complete(c, id, disagree, &e2), SVC_INVALID);
    assert_string_equal(first_field(c), "assessor_reason");
    /* Only the assessor completes. */
    c = fresh(f);
    c->user_id = other;
    assert_int_equal(svc_care_act_complete(c, id, confirm, &e2), SVC_NOT_THE_ASSESSOR);
    assert_int_equal(audit_rows(f, "complete"), 0);
    assert_int_equal(svc_care_act_complete(fresh(f), id, confirm, &e2), SVC_OK);
    assert_int_equal(audit_rows(f, "complete"), 1);
    json_t *a;
    assert_int_equal(svc_care_act_read(fresh(f), id, &a), SVC_OK);
    assert_true(json_is_true(json_object_get(json_object_get(a, "determination"), "eligible")));
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) AS n FROM person_events WHERE person_id = $1", f->person), 1);
    /* Completed: read-only. */
    assert_int_equal(svc_care_act_update(fresh(f), id, body, &e3), SVC_READ_ONLY);
    /* Who may authorise, in order of the checks. */
    static const struct {
        const char *who, *role, *org;
        int rc;
    } authorisers[] = {
        {"other", "practitioner", NULL, SVC_NOT_AUTHORISER},     /* not a manager */
        {"assessor", "team_manager", NULL, SVC_NOT_AUTHORISER},  /* their own assessment */
        {"manager", "team_manager", "elsewhere", SVC_NOT_AUTHORISER},
    };
    for (size_t i = 0; i < sizeof authorisers / sizeof authorisers[0]; i++) {
        c = fresh(f);
        c->user_id = !strcmp(authorisers[i].who, "other") ? other : !strcmp(authorisers[i].who, "manager") ? manager
                                                                                                         : f->user;
        c->role = authorisers[i].role;
        if (authorisers[i].org)
            c->org_id = authorisers[i].org;
        int rc = svc_care_act_authorise(c, id, &e3);
        assert_int_equal(rc, authorisers[i].rc);
    }
    assert_int_equal(audit_rows(f, "authorise"), 0);
    c = fresh(f);
    c->user_id = manager;
    c->role = "team_manager";
    assert_int_equal(svc_care_act_authorise(c, id, &e2), SVC_STALE);
    c = fresh(f);
    c->user_id = manager;
    c->role = "team_manager";
    assert_int_equal(svc_care_act_authorise(c, id, &e3), SVC_OK);
    assert_int_equal(audit_rows(f, "authorise"), 1);
    c = fresh(f);
    c->user_id = manager;
    c->role = "team_manager";
    assert_int_equal(svc_care_act_authorise(c, id, &e3), SVC_WRONG_STATE);
    json_t *written;
    assert_int_equal(svc_care_act_written(fresh(f), id, &written), SVC_OK);
    assert_string_equal(json_string_value(json_object_get(written, "status")), "authorised");
    assert_null(json_object_get(written, "nhs_number"));
    chain_intact(f);
    json_decref(v1);
    json_decref(v2);
    json_decref(v3);
    json_decref(disagree);
    json_decref(body);
    json_decref(confirm);
    json_decref(in);
    fixture_free(f);
}

static long long version_of(struct fixture *f, const char *id)
{
    return count(f->t->db, "SELECT version AS n FROM care_act_assessments WHERE id = $1", id);
}

/* The answers and the completion joined (a FHIR QuestionnaireResponse
 * completed): the same checks as the calls one by one, and a refusal at
 * any step — the confirmation, a missing answer, the version — keeps
 * nothing, not even the answers that were fine. */
static void answered_and_completed_all_or_nothing(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    open_caseload(f, f->team);
    char id[STORE_ID_LEN], other[STORE_ID_LEN];
    json_t *in = json_pack("{s:s}", "kind", "adult");
    assert_int_equal(svc_care_act_create(fresh(f), f->person, in, id), SVC_OK);
    json_t *body = adult_answers(1), *gap = adult_answers(1), *none = json_object();
    json_object_del(body, "version");
    json_object_del(gap, "version");
    json_object_del(gap, "significant_impact");
    json_t *confirm = json_pack("{s:b}", "assessor_agrees", 1), *v1 = json_integer(1), *v2 = json_integer(2);
    struct svc_expect e1 = at(v1), e2 = at(v2);
    struct svc_ctx *c = fresh(f);
    assert_int_equal(svc_care_act_complete_answered(c, id, body, none, &e1), SVC_INVALID);
    assert_string_equal(first_field(c), "assessor_agrees");
    c = fresh(f);
    assert_int_equal(svc_care_act_complete_answered(c, id, gap, confirm, &e1), SVC_INVALID);
    assert_string_equal(first_field(c), "significant_impact");
    assert_int_equal(svc_care_act_complete_answered(fresh(f), id, body, confirm, &e2), SVC_STALE);
    add_user(f, "sam", "practitioner", other);
    c = fresh(f);
    c->user_id = other;
    assert_int_equal(svc_care_act_complete_answered(c, id, body, confirm, &e1), SVC_NOT_THE_ASSESSOR);
    assert_int_equal(version_of(f, id), 1);
    assert_int_equal(audit_rows(f, "update") + audit_rows(f, "complete"), 0);
    assert_int_equal(svc_care_act_complete_answered(fresh(f), id, body, confirm, &e1), SVC_OK);
    assert_int_equal(version_of(f, id), 3);
    assert_int_equal(audit_rows(f, "update"), 1);
    assert_int_equal(audit_rows(f, "complete"), 1);
    assert_int_equal(svc_care_act_complete_answered(fresh(f), id, none, confirm, &e1), SVC_READ_ONLY);
    /* Created completed in one go, or not at all. */
    long long before = assessments(f);
    char made[STORE_ID_LEN];
    assert_int_equal(svc_care_act_create_answered(fresh(f), f->person, in, gap, confirm, made), SVC_INVALID);
    assert_int_equal(assessments(f), before);
    assert_int_equal(svc_care_act_create_answered(fresh(f), f->person, in, body, confirm, made), SVC_OK);
    json_t *a;
    assert_int_equal(svc_care_act_read(fresh(f), made, &a), SVC_OK);
    assert_string_equal(json_string_value(json_object_get(a, "status")), "completed");
    assert_true(json_is_true(json_object_get(json_object_get(a, "determination"), "eligible")));
    /* A draft already answered: the completion alone, against the version sent. */
    assert_int_equal(svc_care_act_create_answered(fresh(f), f->person, in, body, NULL, made), SVC_OK);
    assert_int_equal(svc_care_act_complete_answered(fresh(f), made, none, confirm, &e1), SVC_STALE);
    assert_int_equal(svc_care_act_complete_answered(fresh(f), made, none, confirm, &e2), SVC_OK);
    assert_int_equal(version_of(f, made), 3);
    chain_intact(f);
    json_decref(v1);
    json_decref(v2);
    json_decref(confirm);
    json_decref(none);
    json_decref(gap);
    json_decref(body);
    json_decref(in);
    fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(refused_without_a_relationship_and_audited),
        cmocka_unit_test(create_names_each_bad_field_and_stores_nothing),
        cmocka_unit_test(answers_are_checked_and_version_guarded),
        cmocka_unit_test(complete_then_authorise_by_someone_else),
        cmocka_unit_test(answered_and_completed_all_or_nothing),
    };
    return cmocka_run_group_tests_name("svc_care_act", tests, NULL, NULL);
}
