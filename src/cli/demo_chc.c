/* demo_chc: NHS Continuing Healthcare cases at every stage for the demo
 * (demo_chc.h), made through the CHC services (svc/chc.h) as the district
 * nurse and the ICB's CHC lead would make them: validated, on the person's
 * timeline and audited like any other. Dates are relative to today;
 * outcomes, counts and the indicator come from the domain rules, not typed
 * in. A person who objects to sharing is refused by the services and left
 * at the stage reached (nothing is written for them past it). */
#include "cli/demo_chc.h"
#include "domain/chc_checklist.h"
#include "domain/chc_dst.h"
#include "store/accounts.h"
#include "store/chc.h"
#include "store/cohorts.h"
#include "store/localities.h"
#include "store/persons.h"
#include "svc/chc.h"
#include "util/clock.h"
#include <stdio.h>
#include <string.h>

struct dctx {
    struct store *db;
    struct store_error *err;
    struct arena arena;
    struct svc_ctx rn, lead;   /* the district nurse (North team), the ICB's CHC lead */
    char rn_id[STORE_ID_LEN], lead_id[STORE_ID_LEN], sw_id[STORE_ID_LEN], icb[STORE_ID_LEN], scht[STORE_ID_LEN];
    char intn[STORE_ID_LEN];
    const char *what;          /* the step that failed, for err */
    struct svc_ctx *who;       /* and who took it */
};

static const char *day(struct dctx *c, int ago)
{
    return svc_date_offset(&c->rn, -ago);
}

/* The context of one of the demo's staff, fresh for each call. */
static struct svc_ctx *as(struct dctx *c, struct svc_ctx *who)
{
    svc_reset(who);
    return c->who = who;
}

/* A Checklist scored by letters[i] ("A", "B", "C" in domain order),
 * completed `ago` days ago; sent to the ICB `sent_ago` days ago (>= 0)
 * opens a case, whose id goes to case_id. */
static int checklist(struct dctx *c, const char *pid, const char *letters, int ago, int sent_ago,
                     char case_id[STORE_ID_LEN])
{
    json_t *d = svc_own(&c->rn, json_object());
    for (int i = 0; i < CHC_CHECKLIST_DOMAINS; i++)
        json_object_set_new(d, chc_checklist_domains[i].key, json_stringn(letters + i, 1));
    json_t *in = svc_own(&c->rn, json_pack("{s:s, s:s, s:O}", "completed_on", day(c, ago), "setting", "community",
                                           "domains", d));
    char kid[STORE_ID_LEN];
    c->what = "Checklist";
    int rc = svc_chc_checklist_create(as(c, &c->rn), pid, in, kid);
    if (rc != SVC_OK || sent_ago < 0)
        return rc;
    c->what = "sending the Checklist";
    json_t *send = svc_own(&c->rn, json_pack("{s:s}", "received_on", day(c, sent_ago)));
    return svc_chc_checklist_send(as(c, &c->rn), kid, send, case_id);
}

/* A DST with every domain at `base` except breathing at `breathing`;
 * completed `ago` days ago unless draft (then the first four domains and
 * one MDT member: save and return). */
static int dst(struct dctx *c, const char *pid, const char *breathing, const char *base, const char *setting,
               int ago, int draft)
{
    json_t *d = svc_own(&c->lead, json_object());
    for (int i = 0; i < CHC_DST_DOMAINS && (!draft || i <= 3); i++)
        json_object_set_new(d, chc_dst_domains[i].key, json_string(i == 0 ? breathing : base));
    json_t *mdt = json_pack("[{s:s, s:s}]", "user_id", c->lead_id, "profession", "registered_nurse");
    if (!draft)
        json_array_append_new(mdt, json_pack("{s:s, s:s, s:b}", "user_id", c->sw_id, "profession", "social_worker",
                                             "care_act_assessor", 1));
    json_t *in = svc_own(&c->lead, json_pack("{s:b, s:s, s:O, s:o, s:s, s:s}", "draft", draft, "setting", setting,
                                             "domains", d, "mdt", mdt, "person_views",
                                             "Wants to stay where they are, near family", "completed_on",
                                             day(c, ago)));
    char id[STORE_ID_LEN];
    c->what = "full assessment";
    return svc_chc_assessment_create(as(c, &c->lead), pid, in, id);
}

static int decide(struct dctx *c, const char *case_id, const char *outcome, int ago, int fnc, const char *rationale)
{
    json_t *in = svc_own(&c->lead, json_pack("{s:s, s:s, s:s}", "outcome", outcome, "rationale", rationale,
                                              "decided_on", day(c, ago)));
    if (fnc)   /* not eligible: NHS-funded nursing care in a nursing home, and council-only support */
        json_object_update(in, svc_own(&c->lead, json_pack("{s:s, s:s, s:s, s:s}", "fnc", "yes", "fnc_band",
                                                           "standard", "residence", "care_home_with_nursing",
                                                           "funding", "council_only")));
    c->what = "ICB decision";
    return svc_chc_decide(as(c, &c->lead), case_id, in, NULL);
}

static int package(struct dctx *c, const char *case_id)
{
    c->what = "package start";
    json_t *in = svc_own(&c->lead, json_pack("{s:s}", "package_start_on", day(c, 0)));
    return svc_chc_package_start(as(c, &c->lead), case_id, in, NULL);
}

static int fast_track(struct dctx *c, const char *pid, int ago)
{
    char id[STORE_ID_LEN];
    c->what = "Fast Track";
    json_t *in = svc_own(&c->rn, json_pack("{s:s, s:s}", "reason",
                                           "Rapidly deteriorating condition, may be entering a terminal phase",
                                           "date", day(c, ago)));
    return svc_chc_fast_track(as(c, &c->rn), pid, in, id);
}

/* The district nurse holds the person on the North team's caseload. */
static int caseload(struct dctx *c, const char *pid, const char *reason)
{
    struct actor by = svc_actor(&c->rn);
    c->what = "caseload";
    return persons_caseload_open(c->db, &by, pid, c->intn, day(c, 0), reason, c->err) < 0 ? SVC_FAILED : SVC_OK;
}

static int load(struct dctx *c)
{
    char team[STORE_ID_LEN];
    return accounts_user_id_by_username(c->db, "rn.patel", c->rn_id, c->err) < 0 ||
           accounts_user_id_by_username(c->db, "chc.lead", c->lead_id, c->err) < 0 ||
           accounts_user_id_by_username(c->db, "sw.jones", c->sw_id, c->err) < 0 ||
           accounts_org_id_by_code(c->db, "SICB", c->icb, c->err) < 0 ||
           accounts_team_id_by_code(c->db, c->icb, "CHC", team, c->err) < 0 ||
           accounts_org_id_by_code(c->db, "SCHT", c->scht, c->err) < 0 ||
           accounts_team_id_by_code(c->db, c->scht, "INT-NORTH", c->intn, c->err) < 0 ? -1 : 0;
}

static void staff(struct dctx *c, struct svc_ctx *s, const char *user, const char *org, const char *org_type)
{
    svc_ctx_system(s, c->db, &c->arena, "demo");
    s->user_id = user;
    s->org_id = org;
    s->org_type = org_type;
    s->role = "practitioner";
    s->profession = "registered_nurse";
}

/* Person i's stage (demo_chc.h); SVC_OK or the refusal that stopped it. */
static int stage(struct dctx *c, int i, const char *pid)
{
    char k[STORE_ID_LEN];
    int rc = caseload(c, pid, i == 8 ? "Fast Track" : "CHC Checklist");
    if (rc != SVC_OK)
        return rc;
    switch (i) {
    case 0: return checklist(c, pid, "BCBCCCBCCCC", 10, -1, k);                  /* negative: 3 B */
    case 1: return checklist(c, pid, "ACCCCCCCCCC", 6, 5, k);                    /* awaiting DST, day 5 */
    case 2: rc = checklist(c, pid, "BBBBBCCCCCC", 13, 12, k);
            return rc ? rc : dst(c, pid, "high", "moderate", "home", 0, 1);
    case 3: rc = checklist(c, pid, "AACCCCCCCCC", 23, 22, k);                   /* assessed, at risk */
            return rc ? rc : dst(c, pid, "severe", "high", "community", 4, 0);
    case 4: rc = checklist(c, pid, "CCCCCCCCACC", 34, 33, k);                   /* assessed, breached */
            return rc ? rc : dst(c, pid, "priority", "moderate", "acute", 10, 0);
    case 5: rc = checklist(c, pid, "ACCCCCCCCCA", 41, 40, k);
            rc = rc ? rc : dst(c, pid, "priority", "high", "home", 20, 0);
            rc = rc ? rc : decide(c, k, "eligible", 15, 0, "Priority need in breathing: a primary health need");
            return rc ? rc : package(c, k);
    case 6: rc = checklist(c, pid, "BBBBBBCCCCC", 61, 60, k);
            rc = rc ? rc : dst(c, pid, "moderate", "low", "care_home", 45, 0);
            return rc ? rc : decide(c, k, "not_eligible", 35, 1,
                                    "Needs are met by registered-nurse care in the nursing home; no primary health need");
    case 7: rc = checklist(c, pid, "CCCCCCCCCAC", 51, 50, k);
            rc = rc ? rc : dst(c, pid, "high", "moderate", "community", 40, 0);
            return rc ? rc : decide(c, k, "deferred", 30, 0, "Awaiting the specialist palliative care assessment");
    default: return fast_track(c, pid, 3);
    }
}

/* A refusal for a person who objects to sharing leaves them out; any
 * other outcome but SVC_OK is the demo's error, naming the step and rule. */
static int stages(struct dctx *c, json_t *people)
{
    for (int i = 0; i < 9; i++) {
        int rc = stage(c, i, json_string_value(json_object_get(json_array_get(people, (size_t)i), "id")));
        if (rc == SVC_OK || rc == SVC_OBJECTION)
            continue;
        struct svc_ctx *s = c->who ? c->who : &c->rn;
        const char *field = json_string_value(json_object_get(json_array_get(s->errors, 0), "field"));
        if (rc != SVC_FAILED || !c->err->message[0])
            snprintf(c->err->message, sizeof c->err->message, "%s: %s %.40s %.120s", c->what, svc_result_name(rc),
                     field ? field : "", s->err.message);
        c->err->code = STORE_EGENERIC;
        return -1;
    }
    return 0;
}

int demo_chc(struct store *db, struct store_error *err)
{
    char loc[STORE_ID_LEN], adult[11];
    struct dctx c = {.db = db, .err = err};
    if (load(&c) < 0 || localities_id_by_code(db, "NORTH", loc, err) < 0)
        return -1;
    arena_init(&c.arena);
    staff(&c, &c.rn, c.rn_id, c.scht, "community_trust");
    staff(&c, &c.lead, c.lead_id, c.icb, "icb");
    clock_date_offset(-18 * 366, adult);
    struct cohort_query q = {COHORT_KIND_FRAILTY, loc, adult, 0, 9, 0};
    json_t *people = cohorts_list(db, &q, err);
    int rc = !people ? -1 : json_array_size(people) >= 9 ? stages(&c, people) : 0;
    json_decref(people);
    arena_free(&c.arena);
    return rc;
}
