/* chc: the SQL behind NHS Continuing Healthcare (migration 008) — Checklists,
 * CHC cases (the ICB's unit of work: 28-day clock, decision), full
 * assessments with the Decision Support Tool and their MDT members, ICB
 * decisions, Fast Track and each case's history.
 *
 * Levels are passed and returned per domain keyed by the API's domain keys
 * (domain/chc_checklist.h, domain/chc_dst.h order). JSON results are owned by
 * the caller; NULL means error (err filled, STORE_ENOTFOUND when absent).
 * Writes expect the caller's transaction (the audit entry commits with
 * them). Versioned updates return STORE_ENOTFOUND when the row moved on
 * (version or status changed meanwhile): the caller re-reads to tell which. */
#ifndef SEAMLESS_CHC_STORE_H
#define SEAMLESS_CHC_STORE_H
#include <jansson.h>
#include "domain/chc_checklist.h"
#include "domain/chc_dst.h"
#include "store/accounts.h"

/* ---- Checklists ---- */
struct chc_checklist_row {
    const char *person_id, *completed_on, *setting, *team_id;
    const char *levels[CHC_CHECKLIST_DOMAINS];   /* "A" | "B" | "C" */
    int count_a, count_b, count_c;
    const char *outcome, *reasons;               /* "positive" | "negative"; words */
};
int chc_checklist_insert(struct store *db, const struct actor *by, const struct chc_checklist_row *r,
                         char id[STORE_ID_LEN], struct store_error *err);
/* The checklist with "domains": {key: level} and the author's name. */
json_t *chc_checklist_get(struct store *db, const char *id, struct store_error *err);
/* completed → sent with the case it opened, when still completed. */
int chc_checklist_mark_sent(struct store *db, const struct actor *by, const char *id, const char *case_id,
                            const char *sent_on, struct store_error *err);
/* The person's checklists, newest first. */
json_t *chc_checklists_for_person(struct store *db, const char *person_id, struct store_error *err);

/* ---- Cases ---- */
struct chc_case_row {
    const char *person_id, *route, *status, *team_id, *received_on;
    const char *checklist_id, *referral_id;
    const char *outcome, *decided_on;           /* Fast Track: eligible at once */
    const char *fast_track_reason;
};
int chc_case_insert(struct store *db, const struct actor *by, const struct chc_case_row *r,
                    char id[STORE_ID_LEN], struct store_error *err);
/* The case with the person's identifying details and the team's name. */
json_t *chc_case_get(struct store *db, const char *id, struct store_error *err);
/* The person's open case (not decided or closed) into id: 0, or
 * STORE_ENOTFOUND when there is none. */
int chc_case_open_for_person(struct store *db, const char *person_id, char id[STORE_ID_LEN],
                             struct store_error *err);
/* Moves the case from status `from` to `to` at `version` (version < 0: any). */
int chc_case_set_status(struct store *db, const struct actor *by, const char *id, const char *from,
                        const char *to, long long version, struct store_error *err);
/* Records the decision on the case (status decided, or deferred for a
 * deferral which leaves decided_on NULL) when it is in assessed or deferred
 * at version. */
int chc_case_decide(struct store *db, const struct actor *by, const char *id, long long version,
                    const char *outcome, const char *decided_on, const char *decision_id, struct store_error *err);
int chc_case_package_start(struct store *db, const struct actor *by, const char *id, long long version,
                           const char *on, struct store_error *err);
/* Cases of the teams the user belongs to, by received_on (oldest first),
 * with identifying details; status NULL: the open ones and those decided
 * (last changed) on or after decided_since ("YYYY-MM-DD"). */
json_t *chc_cases_list(struct store *db, const char *user_id, const char *status, const char *decided_since,
                       int limit, struct store_error *err);
json_t *chc_cases_for_person(struct store *db, const char *person_id, struct store_error *err);
/* 0 when the user is in the case's team, STORE_ENOTFOUND otherwise. */
int chc_case_user_in_team(struct store *db, const char *case_id, const char *user_id, struct store_error *err);
/* 0 when the user is in a team that receives the "chc" route (the ICB's
 * CHC team), STORE_ENOTFOUND otherwise. */
int chc_user_in_chc_team(struct store *db, const char *user_id, struct store_error *err);

int chc_case_event_add(struct store *db, const struct actor *by, const char *case_id, const char *person_id,
                       const char *kind, const char *detail, struct store_error *err);
json_t *chc_case_events(struct store *db, const char *case_id, struct store_error *err);

/* ---- Decisions ---- */
struct chc_decision_row {
    const char *case_id, *person_id, *outcome, *fnc_band, *funding, *rationale, *decided_on;
    int fnc;
    long long fnc_weekly_pence;   /* < 0: none */
    const char *residence;        /* with FNC: care_home_with_nursing (domain/fnc.h) */
};
int chc_decision_insert(struct store *db, const struct actor *by, const struct chc_decision_row *r,
                        char id[STORE_ID_LEN], struct store_error *err);
json_t *chc_decisions_for_case(struct store *db, const char *case_id, struct store_error *err);

/* ---- Full assessments (DST) ---- */
struct chc_member_row {
    const char *user_id, *name, *profession;
    int care_act_assessor;
};
struct chc_assessment_row {
    const char *case_id, *person_id, *status, *setting, *person_views, *recommendation, *completed_on;
    const char *levels[CHC_DST_DOMAINS];          /* NULL: not yet scored (draft) */
    int counts[DST_LEVELS];
    const char *indicator;                        /* NULL for a draft */
};
int chc_assessment_insert(struct store *db, const struct actor *by, const struct chc_assessment_row *r,
                          char id[STORE_ID_LEN], struct store_error *err);
/* Replaces every field of a draft at version (status draft → r->status). */
int chc_assessment_update(struct store *db, const struct actor *by, const char *id, long long version,
                          const struct chc_assessment_row *r, struct store_error *err);
/* The assessment with "domains": {key: level|null} and "mdt": [members]. */
json_t *chc_assessment_get(struct store *db, const char *id, struct store_error *err);
json_t *chc_assessments_for_case(struct store *db, const char *case_id, struct store_error *err);
int chc_mdt_replace(struct store *db, const char *assessment_id, const struct chc_member_row *m, size_t n,
                    struct store_error *err);
/* The profession of a user into out (64 bytes). */
int chc_user_profession(struct store *db, const char *user_id, char out[64], struct store_error *err);

/* Moves the per-domain level columns of a row into row.domains. */
void chc_nest_checklist_domains(json_t *row);
void chc_nest_dst_domains(json_t *row);

/* ---- Reports (store/chc_assess.c): aggregates, no identifiers ---- */
/* Cases whose clock matters for the 28-day measure in [from, to] (dates,
 * inclusive): decided (eligible / not eligible) in the range, and undecided
 * received in it; Fast Track excluded. [{received_on, decided_on|null}] */
json_t *chc_kpi_case_rows(struct store *db, const char *from, const char *to, struct store_error *err);
/* Completed DSTs in [from, to]: [{completed_on, setting}] */
json_t *chc_kpi_assessment_rows(struct store *db, const char *from, const char *to, struct store_error *err);

#endif
