/* referrals_api: the single referral point, shared by the JSON API and the
 * pages. Each returns 0 on success; otherwise res holds the problem (422
 * naming fields, 403, 404, 409) and the database is as it was. */
#ifndef SEAMLESS_REFERRALS_API_H
#define SEAMLESS_REFERRALS_API_H
#include "domain/referral.h"
#include "http/http.h"

int referral_create(struct request *req, struct response *res, json_t *body, char id[STORE_ID_LEN]);
int referral_act(struct request *req, struct response *res, const char *id, enum referral_action a, json_t *body);
/* The referral with its history and queue_state, after the access check
 * on its person (audited read), or NULL with res set. */
json_t *referral_read(struct request *req, struct response *res, const char *id);
/* The team's open referrals with queue_state, each person's read audited;
 * 403 unless the user is in the team. */
json_t *referral_queue(struct request *req, struct response *res, const char *team_id, int limit);
/* Adds queue_state and route_label for display. */
void referral_present(json_t *r);

#endif
