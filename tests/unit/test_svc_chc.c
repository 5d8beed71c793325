/* NHS CHC up to the ICB's decision, as services (svc/chc.h): access is
 * checked and refusals audited before anything is read or stored; a
 * refused or invalid request stores nothing; each write leaves its audit
 * entry (basis "relationship"), each read its own; the Checklist is sent
 * once and opens one case; only the ICB decides (the refusal audited as
 * "decide_denied"); only clinicians make a Fast Track; DST drafts and
 * packages are version-checked. */
#include "svc_fixture.h"
#include "domain/chc_checklist.h"
#include "domain/chc_dst.h"
#include "store/chc.h"
#include "store/referrals.h"
#include "svc/chc.h"

struct chc {
    struct fixture *f;
    char icb[STORE_ID_LEN], team[STORE_ID_LEN], lead[STORE_ID_LEN], nurse[STORE_ID_LEN];
};

static struct chc *chc_new(void)
{
    struct chc *h = calloc(1, sizeof *h);
    h->f = fixture_new();
    fixture_icb_chc(h->f, h->icb, h->team, h->lead);
    struct store_error err = {0};
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {NULL, now};
    struct store *db = h->f->t->db;
    struct new_user nurse = {h->f->org, "rn", "Rita", "practitioner", "registered_nurse", "x"};
    assert_int_equal(accounts_user_add(db, &by, &nurse, h->nurse, &err), 0);
    assert_int_equal(accounts_user_add_team(db, h->nurse, h->f->team, &err), 0);
    assert_int_equal(referrals_route_add(db, "chc", NULL, h->team, &err), 0);
    /* The council team (the practitioner and the nurse) has the person on its caseload. */
    assert_int_equal(persons_caseload_open(db, &by, h->f->person, h->f->team, "2026-01-05", "referral", &err), 0);
    return h;
}

static void chc_free(struct chc *h)
{
    fixture_free(h->f);
    free(h);
}

/* who: 'p' the council's social worker, 'n' its nurse, 'l' the ICB's CHC lead. */
static struct svc_ctx *as(struct chc *h, char who)
{
    struct svc_ctx *c = as_user(h->f);
    svc_reset(c);
    c->org_type = "council";
    c->profession = "social_worker";
    if (who == 'n') {
        c->user_id = h->nurse;
        c->profession = "registered_nurse";
    } else if (who == 'l') {
        c->user_id = h->lead;
        c->org_id = h->icb;
        c->org_type = "icb";
        c->profession = "registered_nurse";
    }
    return c;
}

static long long audited(struct chc *h, const char *action, const char *rtype, const char *basis)
{
    return audit_rows_of(h->f, action, rtype, basis);
}

static long long rows(struct chc *h, const char *table)
{
    return count(h->f->t->db, table, h->f->person);
}

static const char *first_field(const struct svc_ctx *c)
{
    return json_string_value(json_object_get(json_array_get(c->errors, 0), "field"));
}

/* A Checklist body: every domain C but those given A. */
static json_t *checklist(struct svc_ctx *c, const char *const *a_domains)
{
    json_t *d = json_object();
    for (int i = 0; i < CHC_CHECKLIST_DOMAINS; i++)
        json_object_set_new(d, chc_checklist_domains[i].key, json_string("C"));
    for (; a_domains && *a_domains; a_domains++)
        json_object_set_new(d, *a_domains, json_string("A"));
    return svc_own(c, json_pack("{s:s, s:s, s:o}", "completed_on", svc_date_offset(c, 0), "setting", "community",
                                "domains", d));
}

static const char *const positive[] = {"breathing", NULL};
#define CHECKLISTS "SELECT COUNT(*) AS n FROM chc_checklists WHERE person_id = $1"
#define CASES "SELECT COUNT(*) AS n FROM chc_cases WHERE person_id = $1"

static void a_positive_checklist_sent_once_opens_one_case(void **state)
{
    (void)state;
    struct chc *h = chc_new();
    char id[STORE_ID_LEN], case_id[STORE_ID_LEN], other[STORE_ID_LEN];
    /* The ICB has no relationship before the case exists: refused, audited, nothing stored. */
    struct svc_ctx *c = as(h, 'l');
    assert_int_equal(svc_chc_checklist_create(c, h->f->person, checklist(c, positive), id), SVC_NO_RELATIONSHIP);
    assert_int_equal(audit_rows(h->f, "read_denied"), 1);
    /* A domain left out is named. */
    c = as(h, 'p');
    json_t *in = checklist(c, positive);
    json_object_del(json_object_get(in, "domains"), "skin");
    assert_int_equal(svc_chc_checklist_create(c, h->f->person, in, id), SVC_INVALID);
    assert_string_equal(first_field(c), "domains.skin");
    assert_int_equal(rows(h, CHECKLISTS), 0);
    c = as(h, 'p');
    assert_int_equal(svc_chc_checklist_create(c, h->f->person, checklist(c, positive), id), SVC_OK);
    assert_int_equal(audited(h, "create", "chc_checklist", "relationship"), 1);
    /* A receipt in the future is refused, naming the field. */
    c = as(h, 'p');
    json_t *future = svc_own(c, json_pack("{s:s}", "received_on", svc_date_offset(c, 1)));
    assert_int_equal(svc_chc_checklist_send(c, id, future, case_id), SVC_INVALID);
    assert_string_equal(first_field(c), "received_on");
    assert_int_equal(rows(h, CASES), 0);
    c = as(h, 'p');
    assert_int_equal(svc_chc_checklist_send(c, id, svc_own(c, json_object()), case_id), SVC_OK);
    assert_int_equal(audited(h, "send", "chc_checklist", "relationship"), 1);
    assert_int_equal(audited(h, "create", "chc_case", "relationship"), 1);
    assert_int_equal(svc_chc_checklist_send(as(h, 'p'), id, svc_own(c, json_object()), other), SVC_ALREADY_SENT);
    /* A second positive one sent at once while the case is open: refused before anything is stored. */
    c = as(h, 'p');
    in = checklist(c, positive);
    json_object_set_new(in, "send_to_icb", json_true());
    assert_int_equal(svc_chc_checklist_create(c, h->f->person, in, other), SVC_CASE_OPEN);
    assert_int_equal(rows(h, CHECKLISTS), 1);
    assert_int_equal(rows(h, CASES), 1);
    /* The CHC team now holds the case: its read is audited, the clock starts at day 0. */
    json_t *cs = NULL;
    assert_int_equal(svc_chc_case_read(as(h, 'l'), case_id, &cs), SVC_OK);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(cs, "clock"), "days_elapsed")), 0);
    assert_null(json_object_get(cs, "basis"));
    assert_int_equal(audited(h, "read", "chc_case", "relationship"), 1);
    chain_intact(h->f);
    chc_free(h);
}

/* A case awaiting its full assessment; its id into case_id. */
static void open_case(struct chc *h, char case_id[STORE_ID_LEN])
{
    char id[STORE_ID_LEN];
    struct svc_ctx *c = as(h, 'p');
    json_t *in = checklist(c, positive);
    json_object_set_new(in, "send_to_icb", json_true());
    assert_int_equal(svc_chc_checklist_create(c, h->f->person, in, id), SVC_OK);
    struct store_error err = {0};
    assert_int_equal(chc_case_open_for_person(h->f->t->db, h->f->person, case_id, &err), 0);
}

static json_t *whole_dst(struct svc_ctx *c, long long version)
{
    json_t *d = json_object();
    for (int i = 0; i < CHC_DST_DOMAINS; i++)
        json_object_set_new(d, chc_dst_domains[i].key, json_string("no"));
    return svc_own(c, json_pack("{s:s, s:o, s:[{s:s, s:s}, {s:s, s:s, s:b}], s:I, s:b}", "setting", "home",
                                "domains", d, "mdt", "name", "Nina", "profession", "registered_nurse", "name", "Sam",
                                "profession", "social_worker", "care_act_assessor", 1, "version", (json_int_t)version,
                                "complete", 1));
}

static void the_dst_then_only_the_icb_decides(void **state)
{
    (void)state;
    struct chc *h = chc_new();
    char case_id[STORE_ID_LEN], aid[STORE_ID_LEN], did[STORE_ID_LEN];
    open_case(h, case_id);
    struct svc_ctx *c = as(h, 'l');
    json_t *decision = svc_own(c, json_pack("{s:s, s:s, s:s}", "outcome", "eligible", "rationale",
                                            "Primary health need shown by the DST", "decided_on",
                                            svc_date_offset(c, 0)));
    assert_int_equal(svc_chc_decide(c, case_id, decision, NULL), SVC_CHC_CASE_STATE);   /* before the DST */
    c = as(h, 'l');
    assert_int_equal(svc_chc_assessment_create(c, h->f->person, svc_own(c, json_pack("{s:b}", "draft", 1)), aid),
                     SVC_OK);
    assert_int_equal(svc_chc_dst_start(as(h, 'l'), case_id, did), SVC_OK);   /* save and return: the same draft */
    assert_string_equal(did, aid);
    /* A change made against an old version is refused; an incomplete one names what is missing. */
    c = as(h, 'l');
    json_t *stale = whole_dst(c, 7);
    struct svc_expect e = {NULL, json_object_get(stale, "version")};
    assert_int_equal(svc_chc_assessment_patch(c, aid, stale, &e), SVC_STALE);
    c = as(h, 'l');
    json_t *lacking = whole_dst(c, 1);
    json_object_set_new(lacking, "mdt", json_array());
    e = (struct svc_expect){NULL, json_object_get(lacking, "version")};
    assert_int_equal(svc_chc_assessment_patch(c, aid, lacking, &e), SVC_INVALID);
    c = as(h, 'l');
    json_t *whole = whole_dst(c, 1);
    e = (struct svc_expect){NULL, json_object_get(whole, "version")};
    assert_int_equal(svc_chc_assessment_patch(c, aid, whole, &e), SVC_OK);
    assert_int_equal(audited(h, "update", "chc_assessment", "relationship"), 1);
    /* The council's nurse has a relationship but is not the ICB: refused and audited with the person. */
    c = as(h, 'n');
    assert_int_equal(svc_chc_decide(c, case_id, decision, NULL), SVC_NOT_ICB);
    assert_int_equal(audit_rows(h->f, "decide_denied"), 1);
    c = as(h, 'l');
    json_t *bad = svc_own(c, json_pack("{s:s, s:s, s:s}", "outcome", "eligible", "rationale", "short",
                                       "decided_on", svc_date_offset(c, 0)));
    assert_int_equal(svc_chc_decide(c, case_id, bad, NULL), SVC_INVALID);
    assert_string_equal(first_field(c), "rationale");
    assert_int_equal(svc_chc_decide(as(h, 'l'), case_id, decision, NULL), SVC_OK);
    assert_int_equal(audited(h, "decide", "chc_case", "relationship"), 1);
    assert_int_equal(svc_chc_decide(as(h, 'l'), case_id, decision, NULL), SVC_CHC_CASE_STATE);   /* decided */
    /* The package: the CHC team only, at the case's version. */
    c = as(h, 'p');
    json_t *pkg = svc_own(c, json_pack("{s:s, s:i}", "package_start_on", svc_date_offset(c, 0), "version", 99));
    e = (struct svc_expect){NULL, json_object_get(pkg, "version")};
    assert_int_equal(svc_chc_package_start(c, case_id, pkg, &e), SVC_NOT_YOUR_TEAM);
    assert_int_equal(svc_chc_package_start(as(h, 'l'), case_id, pkg, &e), SVC_STALE);
    assert_int_equal(svc_chc_package_start(as(h, 'l'), case_id, pkg, NULL), SVC_OK);
    assert_int_equal(audited(h, "update", "chc_case", "relationship"), 1);
    chain_intact(h->f);
    chc_free(h);
}

static void fast_track_from_clinicians_and_the_work_list(void **state)
{
    (void)state;
    struct chc *h = chc_new();
    char id[STORE_ID_LEN];
    struct svc_ctx *c = as(h, 'p');
    json_t *in = svc_own(c, json_pack("{s:s}", "reason", "Rapidly deteriorating, may be entering a terminal phase"));
    assert_int_equal(svc_chc_fast_track(c, h->f->person, in, id), SVC_NOT_CLINICIAN);
    c = as(h, 'n');
    json_t *short_reason = svc_own(c, json_pack("{s:s}", "reason", "end"));
    assert_int_equal(svc_chc_fast_track(c, h->f->person, short_reason, id), SVC_INVALID);
    assert_string_equal(first_field(c), "reason");
    assert_int_equal(rows(h, CASES), 0);
    assert_int_equal(svc_chc_fast_track(as(h, 'n'), h->f->person, in, id), SVC_OK);
    assert_int_equal(audited(h, "create", "chc_case", "relationship"), 1);
    /* The work list: CHC team members only; its filters are named; each person's read audited. */
    json_t *items = NULL;
    assert_int_equal(svc_chc_case_list(as(h, 'n'), NULL, NULL, 50, &items), SVC_NOT_CHC_TEAM);
    c = as(h, 'l');
    assert_int_equal(svc_chc_case_list(c, "open", NULL, 50, &items), SVC_INVALID);
    assert_string_equal(first_field(c), "status");
    assert_int_equal(svc_chc_case_list(as(h, 'l'), NULL, NULL, 50, &items), SVC_OK);
    assert_int_equal(json_array_size(items), 1);
    assert_true(json_is_true(json_object_get(json_array_get(items, 0), "is_fast_track")));
    assert_int_equal(audited(h, "read", "chc_case", "relationship"), 1);
    json_t *p = NULL;
    assert_int_equal(svc_chc_person_pathway(as(h, 'n'), h->f->person, &p), SVC_OK);
    assert_int_equal(json_array_size(json_object_get(p, "cases")), 1);
    chain_intact(h->f);
    chc_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_positive_checklist_sent_once_opens_one_case),
        cmocka_unit_test(the_dst_then_only_the_icb_decides),
        cmocka_unit_test(fast_track_from_clinicians_and_the_work_list),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
