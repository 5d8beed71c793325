/* chc_followup_api: the HTTP face of the after-decision services
 * (svc/chc_followup.h) — reviews, the person's challenge to a "not
 * eligible" decision, personal health budgets — shared by the JSON API and
 * the pages. Writes are for ICB staff with a legitimate
 * relationship to the person (the CHC team holding the case has one);
 * every read and write is audited. Each returns 0 on success; otherwise res
 * holds the problem (403, 404, 409, 422 naming fields) and the database is
 * as it was. */
#ifndef SEAMLESS_CHC_FOLLOWUP_API_H
#define SEAMLESS_CHC_FOLLOWUP_API_H
#include "http/http.h"
#include "store/store.h"

int chc_review_record(struct request *req, struct response *res, const char *case_id, json_t *body, char id[STORE_ID_LEN]);
int chc_challenge_open(struct request *req, struct response *res, const char *case_id, json_t *body, char id[STORE_ID_LEN]);
int chc_challenge_conclude(struct request *req, struct response *res, const char *id, json_t *body);
int chc_phb_create(struct request *req, struct response *res, const char *case_id, json_t *body, char id[STORE_ID_LEN]);
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

#endif
