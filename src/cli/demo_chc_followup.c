/* demo_chc_followup: reviews, a challenge and a personal health budget
 * after the demo's CHC decisions (demo_chc_followup.h). Due dates and
 * deadlines come from the domain rules. */
#include "cli/demo_chc_followup.h"
#include "domain/chc_challenge.h"
#include "domain/chc_review.h"
#include "store/chc.h"
#include "store/chc_followup.h"
#include "store/cohorts.h"
#include "store/localities.h"
#include "store/persons.h"
#include "util/clock.h"
#include <string.h>

struct fctx {
    struct store *db;
    struct store_error *err;
    struct actor lead, rn;
    char lead_id[STORE_ID_LEN], rn_id[STORE_ID_LEN], team[STORE_ID_LEN], intn[STORE_ID_LEN];
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

static int budget(struct fctx *c, const char *pid)
{
    json_t *k = newest_case(c, pid);
    char id[STORE_ID_LEN];
    struct phb_row b = {json_string_value(json_object_get(k, "id")), pid, "direct_payment", NULL,
                        json_string_value(json_object_get(k, "decided_on")), 148000};
    int rc = !k || !b.start_on || phb_insert(c->db, &c->lead, &b, id, c->err) < 0 ? -1 : 0;
    json_decref(k);
    return rc;
}

static int challenge(struct fctx *c, const char *pid)
{
    json_t *k = newest_case(c, pid);
    char id[STORE_ID_LEN], requested[DATE_STR_SIZE], deadline[DATE_STR_SIZE];
    struct date letter, dl;
    const char *letter_on = json_string_value(json_object_get(k, "decided_on"));
    clock_date_offset(-5, requested);
    int rc = -1;
    if (k && letter_on && date_parse(letter_on, "decided_on", &letter, NULL) == 0 &&
        date_add_months(letter, CHC_CHALLENGE_REQUEST_MONTHS, &dl, NULL) == 0 && date_format(dl, deadline) == 0) {
        struct chc_challenge_row r = {json_string_value(json_object_get(k, "id")), pid,
                                      json_string_value(json_object_get(k, "decision_id")), "local_resolution", NULL,
                                      letter_on, requested, deadline, 0, NULL, "Daughter, lasting power of attorney",
                                      "Night-time behaviour and the risk of falls were not weighed in the DST"};
        rc = chc_challenges_insert(c->db, &c->lead, &r, id, c->err);
    }
    json_decref(k);
    return rc < 0 ? -1 : 0;
}

/* A Fast Track `ago` days ago; reviewed_ago >= 0 records its first review. */
static int older_fast_track(struct fctx *c, const char *pid, int ago, int reviewed_ago)
{
    char on[DATE_STR_SIZE], today[DATE_STR_SIZE], id[STORE_ID_LEN], rid[STORE_ID_LEN];
    clock_date_offset(-ago, on);
    clock_today(today);
    struct chc_case_row r = {.person_id = pid, .route = "fast_track", .status = "decided", .team_id = c->team,
                             .received_on = on, .outcome = "eligible", .decided_on = on,
                             .fast_track_reason = "Rapidly deteriorating condition, may be entering a terminal phase"};
    if (persons_caseload_open(c->db, &c->rn, pid, c->intn, today, "Fast Track", c->err) < 0 ||
        chc_case_insert(c->db, &c->rn, &r, id, c->err) < 0 ||
        chc_case_event_add(c->db, &c->rn, id, pid, "fast_track", r.fast_track_reason, c->err) < 0)
        return -1;
    if (reviewed_ago < 0)
        return 0;
    struct date decided, due;
    char due_s[DATE_STR_SIZE], reviewed[DATE_STR_SIZE];
    clock_date_offset(-reviewed_ago, reviewed);
    if (date_parse(on, "on", &decided, NULL) < 0 || chc_review_due(decided, NULL, &due, NULL) < 0 ||
        date_format(due, due_s) < 0)
        return -1;
    struct chc_review_row rv = {id, pid, due_s, reviewed, "no_change", "Package meets needs; family happy with care"};
    return chc_reviews_insert(c->db, &c->lead, &rv, rid, c->err) < 0 ? -1 : 0;
}

static int load(struct fctx *c)
{
    char icb[STORE_ID_LEN], scht[STORE_ID_LEN];
    return accounts_user_id_by_username(c->db, "chc.lead", c->lead_id, c->err) < 0 ||
           accounts_user_id_by_username(c->db, "rn.patel", c->rn_id, c->err) < 0 ||
           accounts_org_id_by_code(c->db, "SICB", icb, c->err) < 0 ||
           accounts_team_id_by_code(c->db, icb, "CHC", c->team, c->err) < 0 ||
           accounts_org_id_by_code(c->db, "SCHT", scht, c->err) < 0 ||
           accounts_team_id_by_code(c->db, scht, "INT-NORTH", c->intn, c->err) < 0 ? -1 : 0;
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
    clock_date_offset(-18 * 366, adult);
    /* The same list demo_chc takes its nine people from, and two more. */
    struct cohort_query q = {COHORT_KIND_FRAILTY, loc, adult, 0, 11, 0};
    json_t *people = cohorts_list(db, &q, err);
    if (!people)
        return -1;
#define P(i) json_string_value(json_object_get(json_array_get(people, (i)), "id"))
    int rc = json_array_size(people) < 11 ? 0
           : budget(&c, P(5)) < 0 || challenge(&c, P(6)) < 0 ||
             older_fast_track(&c, P(9), 100, -1) < 0 ||       /* 3-month review overdue by ~10 days */
             older_fast_track(&c, P(10), 460, 350) < 0 ? -1 : 0;   /* reviewed; next due in ~15 days */
#undef P
    json_decref(people);
    return rc;
}
