/* chc_followup_api: after an NHS CHC decision — reviews of the package,
 * the person's challenge to a "not eligible" decision, and personal health
 * budgets (domain/chc_review.h, chc_challenge.h, phb.h). Shared by the JSON
 * API and the pages. Writes are for ICB staff with a legitimate
 * relationship to the person (the CHC team holding the case has one);
 * every read and write is audited. Each returns 0 on success; otherwise res
 * holds the problem (403, 404, 409, 422 naming fields) and the database is
 * as it was. */
#ifndef SEAMLESS_CHC_FOLLOWUP_API_H
#define SEAMLESS_CHC_FOLLOWUP_API_H
#include "http/http.h"
#include "store/store.h"

int chc_review_record(struct request *req, struct response *res, const char *case_id, json_t *body, char id[25]);
int chc_challenge_open(struct request *req, struct response *res, const char *case_id, json_t *body, char id[25]);
int chc_challenge_conclude(struct request *req, struct response *res, const char *id, json_t *body);
int chc_phb_create(struct request *req, struct response *res, const char *case_id, json_t *body, char id[25]);
int chc_phb_change(struct request *req, struct response *res, const char *id, json_t *body);

/* {next_review: {due_on, state} | null, reviews, challenges, phbs} for a
 * case after the access check on its person (audited read), or NULL with
 * res set. */
json_t *chc_followup_read(struct request *req, struct response *res, const char *case_id);
/* The same parts for a case whose read is already checked and audited
 * (the case page): no second audit entry. */
json_t *chc_followup_parts(struct request *req, struct response *res, json_t *c);
/* One challenge / budget after the access check (audited), or NULL. */
json_t *chc_challenge_read(struct request *req, struct response *res, const char *id);
json_t *chc_phb_read(struct request *req, struct response *res, const char *id);
/* Reviews of the cases the user's teams hold, with due_on and state;
 * state_filter "overdue", "due_soon", "scheduled" or NULL for all. Each
 * listed person's read audited. */
json_t *chc_reviews_due(struct request *req, struct response *res, const char *state_filter);

/* Internal to chc_followup.c and chc_challenges.c: the case with its
 * latest decision after the access check (for_write: ICB staff only), with
 * "basis" set; commit or roll back mapping store errors to 409/503;
 * challenge flags for display (can_challenge, open challenge's target). */
json_t *chc_followup_case_load(struct request *req, struct response *res, const char *case_id, int for_write);
/* row, or NULL with a 403 (row freed) when for_write and the user is not ICB staff. */
json_t *chc_followup_icb_only(struct request *req, struct response *res, json_t *row, int for_write);
int chc_followup_commit(struct request *req, struct response *res, int ok, struct store_error *err);
void chc_challenges_present(json_t *parts, json_t *c);

#endif
