/* chc_followup: the SQL after an NHS CHC decision — reviews, the person's
 * challenges (local resolution, independent review) and personal health
 * budgets (migration 009). JSON results are owned by the caller; NULL means
 * error (err filled, STORE_ENOTFOUND when absent). Writes expect the
 * caller's transaction. Dates are "YYYY-MM-DD" text. */
#ifndef SEAMLESS_CHC_FOLLOWUP_STORE_H
#define SEAMLESS_CHC_FOLLOWUP_STORE_H
#include <jansson.h>
#include "store/accounts.h"

/* The case with its latest decision: {id, person_id, status, outcome,
 * decided_on, decision_id, team_id, version, fnc (0/1), fnc_band, funding,
 * date_of_death} and the person's identifying details. */
json_t *chc_followup_case(struct store *db, const char *case_id, struct store_error *err);
struct chc_review_row {
    const char *case_id, *person_id, *due_on, *reviewed_on, *outcome, *notes;
};
int chc_reviews_insert(struct store *db, const struct actor *by, const struct chc_review_row *r,
                       char id[STORE_ID_LEN], struct store_error *err);
/* The case's reviews, newest first, with the reviewer's name. */
json_t *chc_reviews_for_case(struct store *db, const char *case_id, struct store_error *err);
/* Decided cases held by the user's teams whose outcome is reviewed by the
 * NHS (eligible, FNC, joint package), for living, unmerged people:
 * [{case_id, person_id, decided_on, outcome, fnc, funding, last_reviewed_on,
 * nhs_number, family_name, given_name, date_of_birth}]. */
json_t *chc_reviews_schedule(struct store *db, const char *user_id, struct store_error *err);

struct chc_challenge_row {
    const char *case_id, *person_id, *decision_id, *stage, *parent_id, *letter_on, *requested_on, *deadline_on;
    int late;
    const char *late_reason, *requested_by, *grounds;
};
int chc_challenges_insert(struct store *db, const struct actor *by, const struct chc_challenge_row *c,
                          char id[STORE_ID_LEN], struct store_error *err);
json_t *chc_challenges_get(struct store *db, const char *id, struct store_error *err);
/* Oldest first. */
json_t *chc_challenges_for_case(struct store *db, const char *case_id, struct store_error *err);
/* Concludes an open challenge at `version`: STORE_ENOTFOUND when it moved on. */
int chc_challenges_conclude(struct store *db, const struct actor *by, const char *id, long long version,
                            const char *outcome, const char *concluded_on, const char *note, struct store_error *err);

struct phb_row {
    const char *case_id, *person_id, *management, *held_by, *start_on;
    long long weekly_pence;
};
int phb_insert(struct store *db, const struct actor *by, const struct phb_row *p, char id[STORE_ID_LEN],
               struct store_error *err);
json_t *phb_get(struct store *db, const char *id, struct store_error *err);
json_t *phb_for_case(struct store *db, const char *case_id, struct store_error *err);
/* The running budget of a case (end_on NULL), or NULL with STORE_ENOTFOUND. */
json_t *phb_current(struct store *db, const char *case_id, struct store_error *err);
/* Sets the weekly amount and/or end date at `version` (NULL / < 0 keeps). */
int phb_update(struct store *db, const struct actor *by, const char *id, long long version, long long weekly_pence,
               const char *end_on, struct store_error *err);

#endif
