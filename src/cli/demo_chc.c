/* demo_chc: NHS Continuing Healthcare cases at every stage for the demo
 * (demo_chc.h). Dates are relative to today; outcomes, counts and the
 * indicator come from the domain rules, not typed in. */
#include "cli/demo_chc.h"
#include "domain/chc_checklist.h"
#include "domain/chc_dst.h"
#include "domain/fnc.h"
#include "store/chc.h"
#include "store/cohorts.h"
#include "store/localities.h"
#include "store/persons.h"
#include "util/clock.h"
#include <stdio.h>
#include <string.h>

struct dctx {
    struct store *db;
    struct store_error *err;
    struct actor rn, lead;
    char rn_id[STORE_ID_LEN], lead_id[STORE_ID_LEN], sw_id[STORE_ID_LEN], team[STORE_ID_LEN], org[STORE_ID_LEN];
    char intn[STORE_ID_LEN];
};

static void day(int ago, char out[11])
{
    clock_date_offset(-ago, out);
}

/* A Checklist scored by letters[i] ("A", "B", "C" in domain order),
 * completed `ago` days ago; sent to the ICB `sent_ago` days ago (>= 0)
 * opens a case, whose id goes to case_id. */
static int checklist(struct dctx *c, const char *pid, const char *letters, int ago, int sent_ago,
                     char case_id[STORE_ID_LEN])
{
    enum chc_level lv[CHC_CHECKLIST_DOMAINS];
    int set[CHC_CHECKLIST_DOMAINS];
    char l[CHC_CHECKLIST_DOMAINS][2], reasons[600], on[11], sent[11], kid[STORE_ID_LEN];
    struct chc_checklist_row r = {.person_id = pid, .setting = "community", .team_id = c->intn};
    for (int i = 0; i < CHC_CHECKLIST_DOMAINS; i++) {
        l[i][0] = letters[i];
        l[i][1] = '\0';
        r.levels[i] = l[i];
        lv[i] = letters[i] == 'A' ? CHC_LEVEL_A : letters[i] == 'B' ? CHC_LEVEL_B : CHC_LEVEL_C;
        set[i] = 1;
    }
    struct chc_checklist_result res;
    if (chc_checklist_outcome(lv, set, &res, NULL) < 0)
        return -1;
    chc_checklist_reasons(&res, lv, reasons, sizeof reasons);
    day(ago, on);
    r.completed_on = on;
    r.count_a = res.count_a, r.count_b = res.count_b, r.count_c = res.count_c;
    r.outcome = res.positive ? "positive" : "negative";
    r.reasons = reasons;
    if (chc_checklist_insert(c->db, &c->rn, &r, kid, c->err) < 0 ||
        persons_event_add(c->db, pid, NULL, c->rn_id, "chc_checklist", res.positive ? "CHC Checklist completed: positive"
                          : "CHC Checklist completed: negative", c->rn.now, c->err) < 0)
        return -1;
    if (sent_ago < 0)
        return 0;
    day(sent_ago, sent);
    struct chc_case_row cr = {.person_id = pid, .route = "checklist", .status = "awaiting_assessment",
                              .team_id = c->team, .received_on = sent, .checklist_id = kid};
    return chc_case_insert(c->db, &c->rn, &cr, case_id, c->err) < 0 ||
           chc_checklist_mark_sent(c->db, &c->rn, kid, case_id, sent, c->err) < 0 ||
           chc_case_event_add(c->db, &c->rn, case_id, pid, "opened", "Positive Checklist received by the ICB", c->err) < 0
           ? -1 : 0;
}

/* A DST with every domain at `base` except breathing at `breathing`;
 * completed `ago` days ago unless draft. */
static int dst(struct dctx *c, const char *case_id, const char *pid, const char *breathing, const char *base,
               const char *setting, int ago, int draft)
{
    struct chc_assessment_row r = {.case_id = case_id, .person_id = pid, .status = draft ? "draft" : "completed",
                                   .setting = setting, .person_views = "Wants to stay where they are, near family"};
    enum dst_level lv[CHC_DST_DOMAINS];
    int set[CHC_DST_DOMAINS];
    for (int i = 0; i < CHC_DST_DOMAINS; i++) {
        const char *v = i == 0 ? breathing : base;
        r.levels[i] = draft && i > 3 ? NULL : v;
        set[i] = chc_dst_parse_level(chc_dst_domains[i].key, v, &lv[i], NULL) == 0;
    }
    struct chc_dst_result res;
    char on[11], id[STORE_ID_LEN];
    struct chc_member_row m[] = {{c->lead_id, NULL, "registered_nurse", 0}, {c->sw_id, NULL, "social_worker", 1}};
    if (!draft) {
        if (chc_dst_evaluate(lv, set, &res, NULL) < 0)
            return -1;
        memcpy(r.counts, res.counts, sizeof res.counts);
        r.indicator = dst_indicator_name(res.indicator);
        day(ago, on);
        r.completed_on = on;
    }
    return chc_assessment_insert(c->db, &c->lead, &r, id, c->err) < 0 ||
           chc_mdt_replace(c->db, id, m, draft ? 1 : 2, c->err) < 0 ||
           chc_case_event_add(c->db, &c->lead, case_id, pid, "assessment_started", "", c->err) < 0 ||
           (!draft && (chc_case_set_status(c->db, &c->lead, case_id, "awaiting_assessment", "assessed", -1, c->err) < 0 ||
                       chc_case_event_add(c->db, &c->lead, case_id, pid, "assessed", "DST completed", c->err) < 0))
           ? -1 : 0;
}

static long long case_version(struct dctx *c, const char *case_id)
{
    json_t *cs = chc_case_get(c->db, case_id, c->err);
    long long v = cs ? json_integer_value(json_object_get(cs, "version")) : -1;
    json_decref(cs);
    return v;
}

static int decide(struct dctx *c, const char *case_id, const char *pid, const char *outcome, int ago, int fnc,
                  const char *rationale)
{
    char on[11], did[STORE_ID_LEN];
    day(ago, on);
    struct date d;
    int64_t pence = -1;
    if (fnc && (date_parse(on, "on", &d, NULL) < 0 || fnc_weekly_rate(d, FNC_BAND_STANDARD, "on", &pence, NULL) < 0))
        return -1;
    struct chc_decision_row r = {case_id, pid, outcome, fnc ? "standard" : NULL, fnc ? "council_only" : NULL,
                                 rationale, on, fnc, pence, fnc ? "care_home_with_nursing" : NULL};
    long long version = case_version(c, case_id);
    return version < 0 || chc_decision_insert(c->db, &c->lead, &r, did, c->err) < 0 ||
           chc_case_decide(c->db, &c->lead, case_id, version, outcome, on, did, c->err) < 0 ||
           chc_case_event_add(c->db, &c->lead, case_id, pid, strcmp(outcome, "deferred") ? "decided" : "deferred",
                              rationale, c->err) < 0 ? -1 : 0;
}

static int fast_track(struct dctx *c, const char *pid, int ago)
{
    char on[11], id[STORE_ID_LEN];
    day(ago, on);
    const char *reason = "Rapidly deteriorating condition, may be entering a terminal phase";
    struct chc_case_row r = {.person_id = pid, .route = "fast_track", .status = "decided", .team_id = c->team,
                             .received_on = on, .outcome = "eligible", .decided_on = on, .fast_track_reason = reason};
    return chc_case_insert(c->db, &c->rn, &r, id, c->err) < 0 ||
           chc_case_event_add(c->db, &c->rn, id, pid, "fast_track", reason, c->err) < 0 ? -1 : 0;
}

static int load(struct dctx *c)
{
    char icb[STORE_ID_LEN], scht[STORE_ID_LEN];
    return accounts_user_id_by_username(c->db, "rn.patel", c->rn_id, c->err) < 0 ||
           accounts_user_id_by_username(c->db, "chc.lead", c->lead_id, c->err) < 0 ||
           accounts_user_id_by_username(c->db, "sw.jones", c->sw_id, c->err) < 0 ||
           accounts_org_id_by_code(c->db, "SICB", icb, c->err) < 0 ||
           accounts_team_id_by_code(c->db, icb, "CHC", c->team, c->err) < 0 ||
           accounts_org_id_by_code(c->db, "SCHT", scht, c->err) < 0 ||
           accounts_team_id_by_code(c->db, scht, "INT-NORTH", c->intn, c->err) < 0 ? -1 : 0;
}

static int stages(struct dctx *c, json_t *people)
{
#define P(i) json_string_value(json_object_get(json_array_get(people, (i)), "id"))
    char k[9][STORE_ID_LEN], today[11];
    clock_today(today);
    return checklist(c, P(0), "BCBCCCBCCCC", 10, -1, k[0]) ||                 /* negative: 3 B */
           persons_caseload_open(c->db, &c->rn, P(0), c->intn, today, "CHC Checklist", c->err) ||
           checklist(c, P(1), "ACCCCCCCCCC", 6, 5, k[1]) ||                    /* awaiting DST, day 5 */
           checklist(c, P(2), "BBBBBCCCCCC", 13, 12, k[2]) || dst(c, k[2], P(2), "high", "moderate", "home", 0, 1) ||
           checklist(c, P(3), "AACCCCCCCCC", 23, 22, k[3]) ||                  /* assessed, at risk */
           dst(c, k[3], P(3), "severe", "high", "community", 4, 0) ||
           checklist(c, P(4), "CCCCCCCCACC", 34, 33, k[4]) ||                  /* assessed, breached */
           dst(c, k[4], P(4), "priority", "moderate", "acute", 10, 0) ||
           checklist(c, P(5), "ACCCCCCCCCA", 41, 40, k[5]) || dst(c, k[5], P(5), "priority", "high", "home", 20, 0) ||
           decide(c, k[5], P(5), "eligible", 15, 0, "Priority need in breathing: a primary health need") ||
           chc_case_package_start(c->db, &c->lead, k[5], case_version(c, k[5]), today, c->err) ||
           checklist(c, P(6), "BBBBBBCCCCC", 61, 60, k[6]) || dst(c, k[6], P(6), "moderate", "low", "care_home", 45, 0) ||
           decide(c, k[6], P(6), "not_eligible", 35, 1,
                  "Needs are met by registered-nurse care in the nursing home; no primary health need") ||
           checklist(c, P(7), "CCCCCCCCCAC", 51, 50, k[7]) || dst(c, k[7], P(7), "high", "moderate", "community", 40, 0) ||
           decide(c, k[7], P(7), "deferred", 30, 0, "Awaiting the specialist palliative care assessment") ||
           persons_caseload_open(c->db, &c->rn, P(8), c->intn, today, "Fast Track", c->err) || fast_track(c, P(8), 3)
           ? -1 : 0;
#undef P
}

int demo_chc(struct store *db, struct store_error *err)
{
    char now[STORE_TIME_LEN], loc[STORE_ID_LEN], adult[11];
    store_now(now);
    struct dctx c = {.db = db, .err = err};
    if (load(&c) < 0 || localities_id_by_code(db, "NORTH", loc, err) < 0)
        return -1;
    c.rn = (struct actor){c.rn_id, now};
    c.lead = (struct actor){c.lead_id, now};
    clock_date_offset(-18 * 366, adult);
    struct cohort_query q = {COHORT_KIND_FRAILTY, loc, adult, 0, 9, 0};
    json_t *people = cohorts_list(db, &q, err);
    if (!people)
        return -1;
    int rc = json_array_size(people) >= 9 ? stages(&c, people) : 0;
    json_decref(people);
    return rc;
}
