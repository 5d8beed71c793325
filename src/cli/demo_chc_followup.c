/* demo_chc_followup: reviews, a challenge and a personal health budget
 * after the demo's CHC decisions (demo_chc_followup.h). Everything is made
 * through the CHC services (svc/chc.h, svc/chc_followup.h) as the district
 * nurse (the older Fast Tracks) and the ICB's CHC lead (budget, challenge,
 * review) would make it: validated and audited like any other; due dates
 * and deadlines come from the domain rules. */
#include "cli/demo_chc_followup.h"
#include "domain/chc_challenge.h"
#include "store/chc.h"
#include "store/chc_followup.h"
#include "store/cohorts.h"
#include "store/localities.h"
#include "store/persons.h"
#include "svc/chc.h"
#include "svc/chc_followup.h"
#include "util/clock.h"
#include <stdio.h>
#include <string.h>

struct fctx {
    struct store *db;
    struct store_error *err;
    struct svc_ctx *svc;   /* as the ICB's CHC lead */
    struct svc_ctx *nurse; /* as the district nurse (North team) */
    struct actor lead, rn;
    char lead_id[STORE_ID_LEN], rn_id[STORE_ID_LEN], intn[STORE_ID_LEN], scht[STORE_ID_LEN];
};

/* The person's newest case, with its decision. */
static json_t *newest_case(struct fctx *c, const char *pid)
{
    json_t *cases = chc_cases_for_person(c->db, pid, c->err);
    const char *id = json_string_value(json_object_get(json_array_get(cases, 0), "id"));
    json_t *out = id ? chc_followup_case(c->db, id, c->err) : NULL;
    json_decref(cases);
    return out;
}

/* A service's outcome as the demo's: 0, or -1 with err saying which rule. */
static int outcome(struct fctx *c, struct svc_ctx *who, int rc, const char *what)
{
    if (rc == SVC_OK)
        return 0;
    const char *field = json_string_value(json_object_get(json_array_get(who->errors, 0), "field"));
    snprintf(c->err->message, sizeof c->err->message, "%s: %s %s", what, svc_result_name(rc), field ? field : "");
    c->err->code = STORE_EGENERIC;
    return -1;
}

static int budget(struct fctx *c, const char *pid)
{
    json_t *k = svc_own(c->svc, newest_case(c, pid));
    const char *start = json_string_value(json_object_get(k, "decided_on"));
    if (!k || !start)
        return -1;
    char id[STORE_ID_LEN];
    json_t *in = svc_own(c->svc, json_pack("{s:s, s:s, s:i, s:s}", "care_setting", "home", "management",
                                           "direct_payment", "weekly_amount_pence", 148000, "start_on", start));
    return outcome(c, c->svc, svc_chc_phb_create(c->svc, json_string_value(json_object_get(k, "id")), in, id), "budget");
}

static int challenge(struct fctx *c, const char *pid)
{
    json_t *k = svc_own(c->svc, newest_case(c, pid));
    char id[STORE_ID_LEN], requested[DATE_STR_SIZE];
    clock_date_offset(-5, requested);
    if (!k)
        return -1;
    json_t *in = svc_own(c->svc, json_pack("{s:s, s:s, s:s, s:s}", "stage", "local_resolution", "requested_on",
                                           requested, "requested_by", "Daughter, lasting power of attorney", "grounds",
                                           "Night-time behaviour and the risk of falls were not weighed in the DST"));
    return outcome(c, c->svc, svc_chc_challenge_open(c->svc, json_string_value(json_object_get(k, "id")), in, id),
                   "challenge");
}

/* A Fast Track `ago` days ago by the district nurse; reviewed_ago >= 0
 * records its first review (the lead, through the review service). */
static int older_fast_track(struct fctx *c, const char *pid, int ago, int reviewed_ago)
{
    char on[DATE_STR_SIZE], today[DATE_STR_SIZE], id[STORE_ID_LEN], reviewed[DATE_STR_SIZE];
    clock_date_offset(-ago, on);
    clock_today(today);
    if (persons_caseload_open(c->db, &c->rn, pid, c->intn, today, "Fast Track", c->err) < 0)
        return -1;
    svc_reset(c->nurse);
    json_t *ft = svc_own(c->nurse, json_pack("{s:s, s:s}", "reason",
                                             "Rapidly deteriorating condition, may be entering a terminal phase",
                                             "date", on));
    if (outcome(c, c->nurse, svc_chc_fast_track(c->nurse, pid, ft, id), "Fast Track") < 0)
        return -1;
    if (reviewed_ago < 0)
        return 0;
    clock_date_offset(-reviewed_ago, reviewed);
    svc_reset(c->svc);
    json_t *rv = svc_own(c->svc, json_pack("{s:s, s:s, s:s}", "reviewed_on", reviewed, "outcome", "no_change",
                                           "notes", "Package meets needs; family happy with care"));
    char rid[STORE_ID_LEN];
    return outcome(c, c->svc, svc_chc_review_record(c->svc, id, rv, rid), "review");
}

static int load(struct fctx *c)
{
    return accounts_user_id_by_username(c->db, "chc.lead", c->lead_id, c->err) < 0 ||
           accounts_user_id_by_username(c->db, "rn.patel", c->rn_id, c->err) < 0 ||
           accounts_org_id_by_code(c->db, "SCHT", c->scht, c->err) < 0 ||
           accounts_team_id_by_code(c->db, c->scht, "INT-NORTH", c->intn, c->err) < 0 ? -1 : 0;
}

int demo_chc_followup(struct store *db, struct store_error *err)
{
    char now[STORE_TIME_LEN], loc[STORE_ID_LEN], adult[DATE_STR_SIZE];
    store_now(now);
    struct fctx c = {.db = db, .err = err};
    if (load(&c) < 0 || localities_id_by_code(db, "NORTH", loc, err) < 0)
        return -1;
    c.lead = (struct actor){c.lead_id, now};
    c.rn = (struct actor){c.rn_id, now};
    char icb[STORE_ID_LEN];
    if (accounts_org_id_by_code(db, "SICB", icb, err) < 0)
        return -1;
    struct arena arena;
    struct svc_ctx sc;
    arena_init(&arena);
    svc_ctx_system(&sc, db, &arena, "demo");
    sc.user_id = c.lead_id;
    sc.org_id = icb;
    sc.org_type = "icb";
    sc.role = "practitioner";
    c.svc = &sc;
    struct svc_ctx nurse;
    svc_ctx_system(&nurse, db, &arena, "demo");
    nurse.user_id = c.rn_id;
    nurse.org_id = c.scht;
    nurse.org_type = "community_trust";
    nurse.role = "practitioner";
    nurse.profession = "registered_nurse";
    c.nurse = &nurse;
    clock_date_offset(-18 * 366, adult);
    /* The same list demo_chc takes its nine people from, and two more. */
    struct cohort_query q = {COHORT_KIND_FRAILTY, loc, adult, 0, 11, 0};
    json_t *people = cohorts_list(db, &q, err);
    if (!people) {
        arena_free(&arena);
        return -1;
    }
#define P(i) json_string_value(json_object_get(json_array_get(people, (i)), "id"))
    int rc = json_array_size(people) < 11 ? 0
           : budget(&c, P(5)) < 0 || challenge(&c, P(6)) < 0 ||
             older_fast_track(&c, P(9), 100, -1) < 0 ||       /* 3-month review overdue by ~10 days */
             older_fast_track(&c, P(10), 460, 350) < 0 ? -1 : 0;   /* reviewed; next due in ~15 days */
#undef P
    json_decref(people);
    arena_free(&arena);
    return rc;
}
