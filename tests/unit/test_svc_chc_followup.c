/* After an NHS CHC decision, as services (svc/chc_followup.h): only ICB
 * staff with a relationship write; a refused or invalid request stores
 * nothing; each write leaves its audit entry with basis "relationship",
 * each read its own; challenges are asked for once and concluded once;
 * budget changes are version-checked. */
#include "svc_fixture.h"
#include "store/chc.h"
#include "svc/chc_followup.h"
#include "util/num.h"

struct chc {
    struct fixture *f;
    char icb[STORE_ID_LEN], team[STORE_ID_LEN], lead[STORE_ID_LEN], eligible[STORE_ID_LEN], refused[STORE_ID_LEN];
};

/* A decided case for the fixture's person held by the ICB's CHC team. */
static void decided_case(struct chc *h, const char *outcome, char id[STORE_ID_LEN])
{
    struct store_error err = {0};
    char now[STORE_TIME_LEN], did[STORE_ID_LEN];
    store_now(now);
    struct actor by = {h->lead, now};
    struct chc_case_row r = {h->f->person, "referral", "assessed", h->team, "2026-05-01", NULL, NULL, NULL, NULL, NULL};
    assert_int_equal(chc_case_insert(h->f->t->db, &by, &r, id, &err), 0);
    struct chc_decision_row d = {id, h->f->person, outcome, NULL, NULL, "Per the DST", "2026-06-01", 0, -1, NULL};
    assert_int_equal(chc_decision_insert(h->f->t->db, &by, &d, did, &err), 0);
    if (chc_case_decide(h->f->t->db, &by, id, 1, outcome, "2026-06-01", did, &err) != 0)
        fail_msg("decide: %s", err.message);
}

static struct chc *chc_new(void)
{
    struct chc *h = calloc(1, sizeof *h);
    h->f = fixture_new();
    fixture_icb_chc(h->f, h->icb, h->team, h->lead);
    decided_case(h, "eligible", h->eligible);
    decided_case(h, "not_eligible", h->refused);
    return h;
}

static void chc_free(struct chc *h)
{
    fixture_free(h->f);
    free(h);
}

/* The ICB's CHC lead (or, icb 0, the council's practitioner). */
static struct svc_ctx *as_lead(struct chc *h, int icb)
{
    struct svc_ctx *c = as_user(h->f);
    svc_reset(c);
    if (icb) {
        c->user_id = h->lead;
        c->org_id = h->icb;
        c->org_type = "icb";
    } else {
        c->org_type = "council";
    }
    return c;
}

static long long audited(struct chc *h, const char *action, const char *rtype)
{
    return audit_rows_of(h->f, action, rtype, "relationship");
}

static const char *first_field(const struct svc_ctx *c)
{
    return json_string_value(json_object_get(json_array_get(c->errors, 0), "field"));
}

static void reviews_are_for_icb_staff_with_a_relationship(void **state)
{
    (void)state;
    struct chc *h = chc_new();
    json_t *in = json_pack("{s:s, s:s}", "reviewed_on", "2026-09-01", "outcome", "no_change");
    char id[STORE_ID_LEN];
    /* the council practitioner has no relationship to the case's person */
    assert_int_equal(svc_chc_review_record(as_lead(h, 0), h->eligible, in, id), SVC_NO_RELATIONSHIP);
    struct svc_ctx *c = as_lead(h, 1);
    c->org_type = "council";   /* in the team but not ICB staff */
    assert_int_equal(svc_chc_review_record(c, h->eligible, in, id), SVC_ICB_ONLY);
    c = as_lead(h, 1);
    assert_int_equal(svc_chc_review_record(c, "none", in, id), SVC_NOTFOUND);
    assert_string_equal(c->detail, "No such CHC case.");
    json_t *bad = json_pack("{s:s, s:s}", "reviewed_on", "2026-09-01", "outcome", "shrug");
    c = as_lead(h, 1);
    assert_int_equal(svc_chc_review_record(c, h->eligible, bad, id), SVC_INVALID);
    assert_string_equal(first_field(c), "outcome");
    c = as_lead(h, 1);
    assert_int_equal(svc_chc_review_record(c, h->refused, in, id), SVC_INVALID);   /* nothing to review */
    assert_string_equal(first_field(c), "case");
    assert_int_equal(count(h->f->t->db, "SELECT COUNT(*) AS n FROM chc_reviews WHERE case_id = $1", h->eligible), 0);
    assert_int_equal(svc_chc_review_record(as_lead(h, 1), h->eligible, in, id), SVC_OK);
    assert_int_equal(audited(h, "create", "chc_review"), 1);
    json_t *parts = NULL;
    assert_int_equal(svc_chc_followup_read(as_lead(h, 1), h->eligible, &parts), SVC_OK);
    assert_int_equal(json_array_size(json_object_get(parts, "reviews")), 1);
    assert_int_equal(audited(h, "read", "chc_case"), 1);
    json_decref(in);
    json_decref(bad);
    chain_intact(h->f);
    chc_free(h);
}

static void a_challenge_is_asked_for_once_and_concluded_once(void **state)
{
    (void)state;
    struct chc *h = chc_new();
    json_t *in = json_pack("{s:s, s:s, s:s, s:s}", "stage", "local_resolution", "requested_on", "2026-07-01",
                           "requested_by", "Daughter", "grounds", "The DST missed the falls");
    char id[STORE_ID_LEN], again[STORE_ID_LEN];
    struct svc_ctx *c = as_lead(h, 1);
    assert_int_equal(svc_chc_challenge_open(c, h->eligible, in, id), SVC_INVALID);   /* eligible: nothing to challenge */
    assert_string_equal(first_field(c), "case");
    assert_int_equal(svc_chc_challenge_open(as_lead(h, 1), h->refused, in, id), SVC_OK);
    c = as_lead(h, 1);
    assert_int_equal(svc_chc_challenge_open(c, h->refused, in, again), SVC_CONFLICT);
    assert_string_equal(c->title, "Already asked for");
    assert_int_equal(audited(h, "create", "chc_challenge"), 1);
    json_t *done = json_pack("{s:s, s:s, s:i}", "outcome", "not_upheld", "concluded_on", "2026-08-01", "version", 1);
    struct svc_expect e = {NULL, json_object_get(done, "version")};
    assert_int_equal(svc_chc_challenge_conclude(as_lead(h, 0), id, done, &e), SVC_NO_RELATIONSHIP);
    assert_int_equal(svc_chc_challenge_conclude(as_lead(h, 1), id, done, &e), SVC_OK);
    c = as_lead(h, 1);
    json_t *v2 = json_integer(2);
    struct svc_expect e2 = {NULL, v2};
    assert_int_equal(svc_chc_challenge_conclude(c, id, done, &e2), SVC_ALREADY_DONE);
    assert_int_equal(svc_chc_challenge_conclude(as_lead(h, 1), id, done, &e), SVC_STALE);
    assert_int_equal(audited(h, "update", "chc_challenge"), 1);
    json_t *ch = NULL;
    assert_int_equal(svc_chc_challenge_read(as_lead(h, 1), id, &ch), SVC_OK);
    assert_string_equal(json_string_value(json_object_get(ch, "status")), "concluded");
    assert_null(json_object_get(ch, "basis"));
    json_decref(v2);
    json_decref(done);
    json_decref(in);
    chain_intact(h->f);
    chc_free(h);
}

static void one_running_budget_changed_at_its_version(void **state)
{
    (void)state;
    struct chc *h = chc_new();
    json_t *in = json_pack("{s:s, s:s, s:i, s:s}", "care_setting", "home", "management", "direct_payment",
                           "weekly_amount_pence", 148000, "start_on", "2026-06-15");
    char id[STORE_ID_LEN], second[STORE_ID_LEN];
    assert_int_equal(svc_chc_phb_create(as_lead(h, 1), h->eligible, in, id), SVC_OK);
    struct svc_ctx *c = as_lead(h, 1);
    assert_int_equal(svc_chc_phb_create(c, h->eligible, in, second), SVC_CONFLICT);
    assert_string_equal(c->title, "A budget is already running");
    json_t *change = json_pack("{s:i, s:i}", "weekly_amount_pence", 0, "version", 1);
    struct svc_expect e = {NULL, json_object_get(change, "version")};
    c = as_lead(h, 1);
    assert_int_equal(svc_chc_phb_change(c, id, change, &e), SVC_INVALID);
    assert_string_equal(first_field(c), "weekly_amount_pence");
    json_object_set_new(change, "weekly_amount_pence", json_integer(150000));
    assert_int_equal(svc_chc_phb_change(as_lead(h, 1), id, change, &e), SVC_OK);
    c = as_lead(h, 1);
    assert_int_equal(svc_chc_phb_change(c, id, change, &e), SVC_STALE);
    assert_int_equal(c->current_version, 2);
    json_t *b = NULL;
    assert_int_equal(svc_chc_phb_read(as_lead(h, 1), id, &b), SVC_OK);
    assert_int_equal(json_integer_value(json_object_get(b, "weekly_amount_pence")), 150000);
    assert_int_equal(audited(h, "create", "personal_health_budget"), 1);
    assert_int_equal(audited(h, "update", "personal_health_budget"), 1);
    assert_int_equal(audited(h, "read", "personal_health_budget"), 1);
    json_t *due = NULL;
    assert_int_equal(svc_chc_reviews_due(as_lead(h, 1), NULL, &due), SVC_OK);
    assert_true(json_array_size(due) >= 1);
    json_decref(change);
    json_decref(in);
    chain_intact(h->f);
    chc_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reviews_are_for_icb_staff_with_a_relationship),
        cmocka_unit_test(a_challenge_is_asked_for_once_and_concluded_once),
        cmocka_unit_test(one_running_budget_changed_at_its_version),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
