/* meetings_api: locality MDT meetings, shared by the JSON API and the
 * pages. Each returns 0 (or a JSON result) on success; otherwise res holds
 * the problem (422 naming fields, 403, 404, 409) and nothing was stored. */
#ifndef SEAMLESS_MEETINGS_API_H
#define SEAMLESS_MEETINGS_API_H
#include "http/http.h"

int meeting_create(struct request *req, struct response *res, json_t *body, char id[STORE_ID_LEN]);
/* The meeting on one screen: agenda items each with their decisions and
 * actions, and attendees; every agenda person's read audited. */
json_t *meeting_read(struct request *req, struct response *res, const char *id);
/* Adds an error naming field when today is before the meeting's date:
 * outcomes are recorded only on or after it (domain/meeting.h). */
void meeting_held_check(json_t *m, const char *field, json_t *errors);
int meeting_attendee_add(struct request *req, struct response *res, const char *id, json_t *body);
int meeting_item_add(struct request *req, struct response *res, const char *id, json_t *body);
int meeting_item_notes(struct request *req, struct response *res, const char *id, const char *item, json_t *body);
int meeting_decision_add(struct request *req, struct response *res, const char *id, json_t *body, char out[STORE_ID_LEN]);
int meeting_action_add(struct request *req, struct response *res, const char *id, json_t *body, char out[STORE_ID_LEN]);
int meeting_action_done(struct request *req, struct response *res, const char *action_id);
int shared_care_open(struct request *req, struct response *res, const char *decision_id, json_t *body, char out[STORE_ID_LEN]);
int shared_care_decide(struct request *req, struct response *res, const char *id, json_t *body);
json_t *shared_care_read(struct request *req, struct response *res, const char *id);
/* Open actions for the user and their teams, overdue ones flagged. */
json_t *work_list(struct request *req, struct response *res);

#endif
