/* demo_work: a working day's worth of activity in the synthetic county —
 * referrals at every stage (one breached, one returned), and North
 * locality MDT meetings (last week's with decisions, an escalated
 * disagreement and an overdue action; next week's with an agenda from the
 * case-finding list). Runs once, after the people are generated. */
#include "cli/demo_care_act.h"
#include "cli/demo_chc.h"
#include "cli/demo_chc_followup.h"
#include "cli/demo_county.h"
#include "cli/demo_funding.h"
#include "cli/demo_plans.h"
#include "cli/demo_pool.h"
#include "domain/referral.h"
#include "store/bank_holidays.h"
#include "store/cohorts.h"
#include "store/localities.h"
#include "svc/meetings.h"
#include "store/persons.h"
#include "store/referrals.h"
#include "svc/referral_actions.h"
#include "svc/referral_create.h"
#include "util/clock.h"
#include <stdio.h>
#include <string.h>

struct ctx {
    struct store *db;
    struct store_error err;
    struct actor by;
    struct bank_holiday_calendar holidays;
    char user[8][STORE_ID_LEN];   /* fd.ali, sw.jones, rn.patel, dr.rivers, idt.nurse, ot.evans, chc.lead */
    char org_rn[STORE_ID_LEN];    /* rn.patel's organisation (SCHT) */
};

enum { FD, SW, RN, GP, IDT, OT, CHC };
static const char *const USERNAMES[] = {"fd.ali", "sw.jones", "rn.patel", "dr.rivers", "idt.nurse", "ot.evans", "chc.lead"};

static int team(struct ctx *c, const char *org, const char *code, char out[STORE_ID_LEN])
{
    char o[STORE_ID_LEN];
    return accounts_org_id_by_code(c->db, org, o, &c->err) < 0 ? -1 : accounts_team_id_by_code(c->db, o, code, out, &c->err);
}

/* The service context of user `who` (a practitioner of their organisation). */
static int user_ctx(struct ctx *c, struct svc_ctx *s, struct arena *a, int who)
{
    svc_ctx_system(s, c->db, a, "demo");
    json_t *u = svc_own(s, accounts_user_get(c->db, c->user[who], &c->err));
    if (!u)
        return -1;
    s->user_id = c->user[who];
    s->org_id = arena_strdup(a, json_string_value(json_object_get(u, "org_id")));
    s->role = "practitioner";
    return 0;
}

/* Logs why a service refused the demo's data. */
static int refused(struct ctx *c, struct svc_ctx *s, const char *what, int rc)
{
    const char *field = json_string_value(json_object_get(json_array_get(s->errors, 0), "field"));
    snprintf(c->err.message, sizeof c->err.message, "%s: %s%s%s", what, svc_result_name(rc), field ? " " : "",
             field ? field : "");
    return -1;
}

/* A referral received hours_ago, then moved on by the steps given — all
 * through the referral services, as the users who would do it, so each
 * step has its event and audit entry. answerer: who in the receiving team
 * accepts or declines it. */
static int referral(struct ctx *c, const char *person, const char *urgency, double hours_ago, const char *reason,
                    int referrer, const char *route, const char *team_org, const char *team_code, const char *outcome,
                    int answerer)
{
    char to[STORE_ID_LEN] = "", id[STORE_ID_LEN], received[TIMESTAMP_STR_SIZE];
    timestamp_format(clock_now_seconds() - (int64_t)(hours_ago * 3600), received);
    struct arena a;
    arena_init(&a);
    struct svc_ctx s;
    int rc = user_ctx(c, &s, &a, referrer);
    struct svc_referral_in in = {person, referrer == GP ? "gp" : "ward", reason, urgency, "given", received, NULL,
                                 referrer == GP ? "Dr Ren Rivers" : "Dana Ward", "0116 496 0000",
                                 referrer == GP ? "Riverside Surgery" : "Shire Hospitals", 0};
    if (rc == 0 && (rc = svc_referral_create(&s, &in, id)) != SVC_OK)
        rc = refused(c, &s, "referral", rc);
    if (rc == 0 && route && team_code && team(c, team_org, team_code, to) < 0)
        rc = -1;
    if (rc == 0 && route && (rc = user_ctx(c, &s, &a, FD)) == 0) {
        struct svc_referral_act_in t = {.route = route, .team_id = to[0] ? to : NULL};
        if ((rc = svc_referral_act(&s, id, REFERRAL_TRIAGE, &t)) != SVC_OK)
            rc = refused(c, &s, "triage", rc);
    }
    if (rc == 0 && route && outcome && (rc = user_ctx(c, &s, &a, answerer)) == 0) {
        int back = strcmp(outcome, "declined") == 0;
        struct svc_referral_act_in t = {.reason = "Needs a nursing assessment before reablement"};
        if ((rc = svc_referral_act(&s, id, back ? REFERRAL_DECLINE : REFERRAL_ACCEPT, &t)) != SVC_OK)
            rc = refused(c, &s, outcome, rc);
    }
    arena_free(&a);
    return rc == 0 ? 0 : -1;
}

static int referrals(struct ctx *c, json_t *people)
{
#define P(i) json_string_value(json_object_get(json_array_get(people, (i) % json_array_size(people)), "id"))
    return referral(c, P(0), "urgent", 2, "Falls at home, struggling on the stairs", GP, NULL, NULL, NULL, NULL, 0) ||
           referral(c, P(1), "routine", 30, "Carer exhausted, asking for a break", GP, NULL, NULL, NULL, NULL, 0) ||
           referral(c, P(2), "crisis", 3, "Found on the floor overnight, not injured", GP, "crisis_response", "SCHT", "CRS",
                    NULL, 0) ||
           referral(c, P(3), "crisis", 1, "Confused and not eating, family worried", GP, "crisis_response", "SCHT", "CRS",
                    NULL, 0) ||
           referral(c, P(4), "urgent", 20, "Discharge home tomorrow, needs reablement", IDT, "reablement", "SCHT", "HART",
                    NULL, 0) ||
           referral(c, P(5), "routine", 50, "Rising care needs, review of package", GP, "social_care_assessment", "SCC",
                    "ILT-NORTH", NULL, 0) ||
           referral(c, P(6), "urgent", 26, "Wound care at home after discharge", IDT, "reablement", "SCHT", "HART",
                    "declined", OT) ||
           referral(c, P(7), "routine", 70, "Asking about day centres", GP, "signposting", NULL, NULL, NULL, 0) ||
           referral(c, P(8), "routine", 90, "Long-term conditions review", GP, "neighbourhood", "SCHT", "INT-NORTH",
                    "accepted", RN) ? -1 : 0;
#undef P
}

/* A service call of the demo: SVC_OK, else the outcome (and the first
 * field refused) in c->err for the demo's message. */
static int svc_ok(struct ctx *c, struct svc_ctx *sc, int rc, const char *what)
{
    if (rc == SVC_OK) {
        svc_reset(sc);
        return 0;
    }
    json_t *e = json_array_get(sc->errors, 0);
    snprintf(c->err.message, sizeof c->err.message, "%s: %s %.60s %.80s", what, svc_result_name(rc),
             e ? json_string_value(json_object_get(e, "field")) : "", e ? json_string_value(json_object_get(e, "message")) : "");
    return -1;
}

/* A meeting of the nurse's team days from today, through the same services
 * as the API (so every row is audited): the social worker and the GP come
 * from outside the team, so their attendance is self-claimed (privacy
 * review); with worked, the people on the agenda get a decision and an
 * action each, and the first a disagreement escalated to a shared care
 * discussion. */
static int meeting(struct ctx *c, struct svc_ctx *rn, const char *team_id, int days, json_t *people, int from,
                   int count, int worked)
{
    char id[STORE_ID_LEN], disc[STORE_ID_LEN], held[11], due[11];
    clock_date_offset(days, held);
    json_t *in = svc_own(rn, json_pack("{s:s, s:s, s:s, s:s, s:s}", "team_id", team_id, "held_on", held, "starts_at",
                                       "10:00", "location", "Loughborough Health Centre, room 2", "video_link",
                                       "https://meet.example.nhs.uk/north-mdt"));
    if (svc_ok(c, rn, svc_meeting_create(rn, in, id), "meeting"))
        return -1;
    static const int att[] = {SW, GP};
    for (int i = 0; i < 2; i++)
        if (svc_ok(c, rn, svc_meeting_attendee_add(rn, id, svc_own(rn, json_pack("{s:s}", "user_id",
                                                                                  c->user[att[i]]))), "attendee"))
            return -1;
    for (int i = from; i < from + count && i < (int)json_array_size(people); i++) {
        json_t *p = json_array_get(people, (size_t)i), *d, *a;
        const char *pid = json_string_value(json_object_get(p, "id"));
        char why[64];
        snprintf(why, sizeof why, "%lld long-term conditions (5 or more)",
                 (long long)json_integer_value(json_object_get(p, "ltc_count")));
        if (svc_ok(c, rn, svc_meeting_item_add(rn, id, svc_own(rn, json_pack("{s:s, s:s}", "person_id", pid, "reason",
                                                                              why))), "agenda"))
            return -1;
        if (!worked)
            continue;
        clock_date_offset(days + 7 * (i - from) + 3, due);   /* after the meeting; the first one is overdue */
        json_t *decision = json_pack("{s:s, s:s, s:b}", "person_id", pid, "text",
                                     i == from ? "Move to residential care?" : "Continue the plan", "consensus", i != from);
        json_t *action = json_pack("{s:s, s:s, s:s, s:s}", "person_id", pid, "text",
                                   i == from ? "Arrange a falls assessment" : "Review medicines with the pharmacist",
                                   "owner_user_id", c->user[SW], "due_on", due);
        if (svc_ok(c, rn, svc_meeting_decision_add(rn, id, svc_own(rn, decision), &d), "decision") ||
            svc_ok(c, rn, svc_meeting_action_add(rn, id, svc_own(rn, action), &a), "action"))
            return -1;
        if (i == from && svc_ok(c, rn, svc_shared_care_open(rn, json_string_value(json_object_get(d, "id")),
                                                            svc_own(rn, json_pack("{s:s, s:[s, s]}", "question",
                                                                    "Where can this person live safely?",
                                                                    "participant_ids", c->user[SW], c->user[CHC])),
                                                            0, disc), "shared care discussion"))
            return -1;
    }
    return 0;
}

/* The nurse who runs the North meetings, as the services see them. */
static void nurse_ctx(struct ctx *c, struct svc_ctx *rn, struct arena *a)
{
    svc_ctx_system(rn, c->db, a, "demo");
    rn->user_id = c->user[RN];
    rn->display_name = "Ravi Patel";
    rn->role = "practitioner";
    rn->profession = "registered_nurse";
    rn->org_type = "community_trust";
    rn->org_id = c->org_rn;
}

int demo_work(struct store *db)
{
    struct ctx c = {.db = db};
    char now[STORE_TIME_LEN], loc[STORE_ID_LEN], north[STORE_ID_LEN], adult[11];
    store_now(now);
    for (int i = 0; i < 7; i++)
        if (accounts_user_id_by_username(db, USERNAMES[i], c.user[i], &c.err) < 0)
            return -1;
    c.by = (struct actor){c.user[RN], now};
    clock_date_offset(-18 * 366, adult);
    if (localities_id_by_code(db, "NORTH", loc, &c.err) < 0 || team(&c, "SCHT", "INT-NORTH", north) < 0 ||
        accounts_org_id_by_code(db, "SCHT", c.org_rn, &c.err) < 0)
        return -1;
    struct cohort_query q = {COHORT_KIND_LTC5, loc, adult, 0, 16, 0};
    json_t *people = cohorts_list(db, &q, &c.err);
    if (!people)
        return -1;
    struct arena arena;
    struct svc_ctx rn;
    arena_init(&arena);
    nurse_ctx(&c, &rn, &arena);
    int rc = 0;
    const char *step = "start";
    if (json_array_size(people) >= 9) {
        rc = (step = "begin", store_tx_begin(db, STORE_TX_WRITE, &c.err) < 0) ||
             (step = "bank holidays", bank_holidays_calendar(db, &c.holidays, &c.err) < 0) ||
             (step = "referrals", referrals(&c, people) < 0) ||
             (step = "meetings", meeting(&c, &rn, north, -7, people, 9, 3, 1) < 0 ||
                                 meeting(&c, &rn, north, 7, people, 12, 4, 0) < 0) ||
             (step = "Care Act assessments", demo_care_act(db, people, &c.err) < 0) ||
             (step = "CHC cases", demo_chc(db, &c.err) < 0) ||
             (step = "CHC after the decision", demo_chc_followup(db, &c.err) < 0) ||
             (step = "care plans", demo_plans(db, people, &c.err) < 0) ||
             (step = "pooled funds", demo_pool(db, &c.err) < 0) ||
             (step = "joint funding", demo_funding(db, &c.err) < 0) ||
             (step = "commit", store_tx_commit(db, &c.err) < 0) ? -1 : 0;
        if (rc < 0) {
            store_tx_rollback(db);
            fprintf(stderr, "seamless demo: could not add referrals and meetings: %s: %s\n", step,
                    c.err.message[0] ? c.err.message : "a rule refused the demo data (no store error)");
        }
    }
    json_decref(people);
    arena_free(&arena);
    return rc;
}
