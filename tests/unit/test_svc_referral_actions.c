/* svc_referral_act (svc/referral_actions.h) and the referral reads
 * (svc/referral_reads.h): only the front door triages and reroutes, only
 * the holding team accepts or declines (refusals change nothing); each
 * move is one audited write; a decline names its reason; a stale version
 * and a move from the wrong status are refused; the trusted-assessor rule
 * decides the repeat assessment; a person's referral is read through the
 * access choke point, its refusal audited. */
#include "svc_fixture.h"
#include "store/referrals.h"
#include "svc/referral_actions.h"
#include "svc/referral_create.h"
#include "svc/referral_reads.h"

struct world {
    struct fixture *f;
    char team2[STORE_ID_LEN], team3[STORE_ID_LEN], sam[STORE_ID_LEN], zed[STORE_ID_LEN];
};

static void add_user(struct world *w, const char *name, const char *team, char id[STORE_ID_LEN])
{
    struct store_error err = {0};
    struct actor by = {NULL, "2026-12-02T10:00:00Z"};
    struct new_user nu = {w->f->org, name, name, "practitioner", "occupational_therapist", "x"};
    assert_int_equal(accounts_user_add(w->f->t->db, &by, &nu, id, &err), 0);
    assert_int_equal(accounts_user_add_team(w->f->t->db, id, team, &err), 0);
}

/* The fixture's team is the front door (pat in it); T2 receives
 * reablement (sam in it); T3 has nothing to do with the referral (zed). */
static struct world *world_new(void)
{
    struct world *w = calloc(1, sizeof *w);
    w->f = fixture_new();
    struct store_error err = {0};
    struct actor by = {NULL, "2026-12-02T10:00:00Z"};
    struct store *db = w->f->t->db;
    assert_int_equal(accounts_team_add(db, &by, w->f->org, "T2", "Reablement", w->team2, &err), 0);
    assert_int_equal(accounts_team_add(db, &by, w->f->org, "T3", "Elsewhere", w->team3, &err), 0);
    assert_int_equal(referrals_route_add(db, "front_door", NULL, w->f->team, &err), 0);
    assert_int_equal(referrals_route_add(db, "reablement", NULL, w->team2, &err), 0);
    add_user(w, "sam", w->team2, w->sam);
    add_user(w, "zed", w->team3, w->zed);
    return w;
}

static void world_free(struct world *w)
{
    fixture_free(w->f);
    free(w);
}

/* The context of user (in the fixture's organisation), outcome cleared. */
static struct svc_ctx *as(struct world *w, const char *user)
{
    struct svc_ctx *c = as_user(w->f);
    c->user_id = user;
    c->teams = NULL;
    svc_reset(c);
    return c;
}

static void refer(struct world *w, char id[STORE_ID_LEN])
{
    struct svc_referral_in in = {.person_id = w->f->person, .source = "gp", .reason = "Falls at home",
                                 .urgency = "urgent", .consent = "given", .referrer_name = "Dr Ren Rivers"};
    assert_int_equal(svc_referral_create(as(w, w->f->user), &in, id), SVC_OK);
}

static const char *status_of(struct world *w, const char *id)
{
    struct store_error err = {0};
    json_t *r = svc_own(&w->f->c, referrals_get(w->f->t->db, id, &err));
    assert_non_null(r);
    return json_string_value(json_object_get(r, "status"));
}

static int act(struct world *w, const char *user, const char *id, enum referral_action a,
               struct svc_referral_act_in in)
{
    return svc_referral_act(as(w, user), id, a, &in);
}

/* A referral triaged by the front door to reablement (team2's route). */
static void refer_triaged(struct world *w, char id[STORE_ID_LEN])
{
    refer(w, id);
    assert_int_equal(act(w, w->f->user, id, REFERRAL_TRIAGE, (struct svc_referral_act_in){.route = "reablement"}),
                     SVC_OK);
}

static void only_the_right_team_acts_and_a_refusal_changes_nothing(void **state)
{
    (void)state;
    struct world *w = world_new();
    char id[STORE_ID_LEN];
    refer(w, id);
    /* Who may do what: table of (user, action) → outcome, before triage. */
    const struct {
        const char *user;
        enum referral_action a;
        int want;
    } before[] = {
        {w->sam, REFERRAL_TRIAGE, SVC_NOT_YOUR_TEAM},   /* not the front door */
        {w->zed, REFERRAL_TRIAGE, SVC_NOT_YOUR_TEAM},
        {w->sam, REFERRAL_ACCEPT, SVC_NOT_YOUR_TEAM},   /* it waits with the front door, not T2 */
        {w->f->user, REFERRAL_ACCEPT, SVC_MOVED_ON},     /* the front door holds it, but it is not triaged */
        {w->f->user, REFERRAL_REROUTE, SVC_MOVED_ON},    /* nothing to take back yet */
    };
    long long audit = count(w->f->t->db, "SELECT COUNT(*) FROM audit_log", NULL);
    for (size_t i = 0; i < sizeof before / sizeof before[0]; i++) {
        int rc = act(w, before[i].user, id, before[i].a, (struct svc_referral_act_in){.route = "reablement"});
        if (rc != before[i].want)
            fail_msg("case %zu: %s, want %s", i, svc_result_name(rc), svc_result_name(before[i].want));
    }
    assert_string_equal(status_of(w, id), "received");
    assert_int_equal(count(w->f->t->db, "SELECT COUNT(*) FROM audit_log", NULL), audit);
    /* The front door triages: one audited move, with its event. */
    assert_int_equal(act(w, w->f->user, id, REFERRAL_TRIAGE, (struct svc_referral_act_in){.route = "reablement"}),
                     SVC_OK);
    assert_string_equal(status_of(w, id), "triaged");
    assert_int_equal(audit_rows(w->f, "triaged"), 1);
    assert_int_equal(count(w->f->t->db, "SELECT COUNT(*) FROM referral_events WHERE kind = 'triaged'", NULL), 1);
    /* Now only T2 answers it. */
    assert_int_equal(act(w, w->zed, id, REFERRAL_DECLINE, (struct svc_referral_act_in){.reason = "No"}),
                     SVC_NOT_YOUR_TEAM);
    assert_int_equal(act(w, w->f->user, id, REFERRAL_ACCEPT, (struct svc_referral_act_in){0}), SVC_NOT_YOUR_TEAM);
    assert_string_equal(status_of(w, id), "triaged");
    chain_intact(w->f);
    world_free(w);
}

static void bad_input_names_the_field_and_stores_nothing(void **state)
{
    (void)state;
    struct world *w = world_new();
    char id[STORE_ID_LEN];
    refer(w, id);
    struct {
        enum referral_action a;
        struct svc_referral_act_in in;
        const char *field;
    } cases[] = {
        {REFERRAL_TRIAGE, {.route = "podiatry"}, "route"},
        {REFERRAL_TRIAGE, {.route = NULL}, "route"},
        {REFERRAL_TRIAGE, {.route = "reablement", .team_id = "no-such-team"}, "team_id"},
        {REFERRAL_TRIAGE, {.route = "crisis_response"}, "route"},   /* no team receives it here */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct svc_ctx *c = as(w, w->f->user);
        assert_int_equal(svc_referral_act(c, id, cases[i].a, &cases[i].in), SVC_INVALID);
        const char *field = json_string_value(json_object_get(json_array_get(c->errors, 0), "field"));
        if (!field || strcmp(field, cases[i].field) != 0)
            fail_msg("case %zu: field %s, want %s", i, field ? field : "(none)", cases[i].field);
    }
    assert_string_equal(status_of(w, id), "received");
    assert_int_equal(act(w, w->f->user, id, REFERRAL_TRIAGE, (struct svc_referral_act_in){.route = "reablement"}),
                     SVC_OK);
    /* A decline needs its reason; a blank one is none. */
    const char *reasons[] = {NULL, ""};
    for (size_t i = 0; i < 2; i++) {
        struct svc_ctx *c = as(w, w->sam);
        assert_int_equal(svc_referral_act(c, id, REFERRAL_DECLINE, &(struct svc_referral_act_in){.reason = reasons[i]}),
                         SVC_INVALID);
        assert_string_equal(json_string_value(json_object_get(json_array_get(c->errors, 0), "field")), "reason");
    }
    assert_string_equal(status_of(w, id), "triaged");
    assert_int_equal(audit_rows(w->f, "declined"), 0);
    world_free(w);
}

static void a_stale_version_or_a_second_answer_is_refused(void **state)
{
    (void)state;
    struct world *w = world_new();
    char id[STORE_ID_LEN];
    refer_triaged(w, id);
    /* Triaged: version 2. Made against version 1 → stale, with the stored one. */
    struct svc_ctx *c = as(w, w->sam);
    json_t *v1 = svc_own(c, json_integer(1));
    assert_int_equal(svc_referral_act(c, id, REFERRAL_ACCEPT, &(struct svc_referral_act_in){.expect = {NULL, v1}}),
                     SVC_STALE);
    assert_int_equal(c->current_version, 2);
    c = as(w, w->sam);
    assert_int_equal(svc_referral_act(c, id, REFERRAL_ACCEPT, &(struct svc_referral_act_in){.expect = {"W/\"1\"", NULL}}),
                     SVC_PRECONDITION);
    assert_string_equal(status_of(w, id), "triaged");
    json_t *v2 = svc_own(c, json_integer(2));
    assert_int_equal(act(w, w->sam, id, REFERRAL_ACCEPT, (struct svc_referral_act_in){.expect = {NULL, v2}}), SVC_OK);
    assert_string_equal(status_of(w, id), "accepted");
    assert_int_equal(audit_rows(w->f, "accepted"), 1);
    /* On the team's caseload now. */
    assert_int_equal(count(w->f->t->db, "SELECT COUNT(*) FROM caseloads WHERE team_id = $1", w->team2), 1);
    /* Answered already: the referral has moved on. */
    c = as(w, w->sam);
    assert_int_equal(svc_referral_act(c, id, REFERRAL_DECLINE, &(struct svc_referral_act_in){.reason = "Too late"}),
                     SVC_MOVED_ON);
    assert_non_null(c->detail);
    chain_intact(w->f);
    world_free(w);
}

/* The repeat assessment on accept follows domain/referral.h: a trusted
 * referrer spares it, anyone else does not. */
static void the_trusted_assessor_rule_decides_the_repeat(void **state)
{
    (void)state;
    const struct {
        int trusted;
        const char *want;
    } cases[] = {{0, "required"}, {1, "skipped_trusted_assessor"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct world *w = world_new();
        struct store_error err = {0};
        if (cases[i].trusted)
            assert_int_equal(referrals_trusted_add(w->f->t->db, w->team2, w->f->user, &err), 0);
        char id[STORE_ID_LEN];
        refer_triaged(w, id);
        assert_int_equal(act(w, w->sam, id, REFERRAL_ACCEPT, (struct svc_referral_act_in){0}), SVC_OK);
        assert_int_equal(count(w->f->t->db, "SELECT COUNT(*) FROM referrals WHERE reassessment = $1", cases[i].want), 1);
        world_free(w);
    }
}

static void decline_returns_it_and_reads_go_through_the_choke_point(void **state)
{
    (void)state;
    struct world *w = world_new();
    char id[STORE_ID_LEN];
    refer_triaged(w, id);
    assert_int_equal(act(w, w->sam, id, REFERRAL_DECLINE, (struct svc_referral_act_in){.reason = "Needs nursing"}),
                     SVC_OK);
    assert_string_equal(status_of(w, id), "received");
    assert_int_equal(count(w->f->t->db, "SELECT COUNT(*) FROM referrals WHERE returned = 1 AND team_id = $1",
                           w->f->team), 1);
    /* The front door holds it again and reads it with its history, audited. */
    json_t *r;
    long long reads = audit_rows(w->f, "read");
    assert_int_equal(svc_referral_view(as(w, w->f->user), id, &r), SVC_OK);
    assert_int_equal(json_array_size(json_object_get(r, "history")), 3);
    assert_true(json_is_true(json_object_get(r, "returned")));
    assert_int_equal(audit_rows(w->f, "read"), reads + 1);
    /* Someone with no part in it is refused, and the refusal is audited. */
    long long denied = audit_rows(w->f, "read_denied");
    assert_int_equal(svc_referral_view(as(w, w->zed), id, &r), SVC_NO_RELATIONSHIP);
    assert_null(r);
    assert_int_equal(audit_rows(w->f, "read_denied"), denied + 1);
    /* The team queue: members only; each person listed is a read. */
    assert_int_equal(svc_referral_queue(as(w, w->zed), w->f->team, 50, &r), SVC_NOT_YOUR_TEAM);
    assert_int_equal(svc_referral_queue(as(w, w->f->user), w->f->team, 50, &r), SVC_OK);
    assert_int_equal(json_array_size(r), 1);
    /* The confirmation is the referrer's only. */
    assert_int_equal(svc_referral_sent(as(w, w->f->user), id, &r), SVC_OK);
    assert_null(json_object_get(r, "family_name"));
    assert_int_equal(svc_referral_sent(as(w, w->zed), id, &r), SVC_NOTFOUND);
    chain_intact(w->f);
    world_free(w);
}

static void trusted_assessors_are_named_by_the_team_organisation(void **state)
{
    (void)state;
    struct world *w = world_new();
    struct svc_ctx *c = as(w, w->f->user);
    assert_int_equal(svc_trusted_assessor_add(c, "no-such-team", w->sam), SVC_NOTFOUND);
    c = as(w, w->f->user);
    assert_int_equal(svc_trusted_assessor_add(c, w->team2, "nobody"), SVC_INVALID);
    assert_string_equal(json_string_value(json_object_get(json_array_get(c->errors, 0), "field")), "user_id");
    c = as(w, w->f->user);
    c->org_id = "another-organisation";
    assert_int_equal(svc_trusted_assessor_add(c, w->team2, w->sam), SVC_OTHER_ORG);
    assert_int_equal(count(w->f->t->db, "SELECT COUNT(*) FROM trusted_assessors", NULL), 0);
    assert_int_equal(svc_trusted_assessor_add(as(w, w->f->user), w->team2, w->sam), SVC_OK);
    assert_int_equal(count(w->f->t->db, "SELECT COUNT(*) FROM trusted_assessors", NULL), 1);
    assert_int_equal(count(w->f->t->db, "SELECT COUNT(*) FROM audit_log WHERE resource_type = 'trusted_assessor'",
                           NULL), 1);
    world_free(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(only_the_right_team_acts_and_a_refusal_changes_nothing),
        cmocka_unit_test(bad_input_names_the_field_and_stores_nothing),
        cmocka_unit_test(a_stale_version_or_a_second_answer_is_refused),
        cmocka_unit_test(the_trusted_assessor_rule_decides_the_repeat),
        cmocka_unit_test(decline_returns_it_and_reads_go_through_the_choke_point),
        cmocka_unit_test(trusted_assessors_are_named_by_the_team_organisation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
