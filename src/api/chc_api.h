/* chc_api: NHS Continuing Healthcare (domain.md §7), shared by the JSON API
 * and the pages. Each returns 0 (or a pointer) on success; otherwise res
 * holds the problem (422 naming fields, 403, 404, 409) and the database is
 * as it was. Person data is reached only through person_check, and every
 * read is audited before it is returned.
 *
 *   Checklist   chc_checklists.c    screening; a positive one sent to the
 *                                   ICB opens a case (day 0 = receipt)
 *   DST         chc_assessments.c   the full assessment: draft (save and
 *                                   return), then completed with the MDT
 *   Cases       chc_cases.c         Fast Track, ICB decision, package
 *                                   start, the case with its clock, lists */
#ifndef SEAMLESS_CHC_API_H
#define SEAMLESS_CHC_API_H
#include "http/http.h"

/* POST …/persons/{id}/chc/checklists. body.send_to_icb true sends it at once. */
int chc_checklist_create(struct request *req, struct response *res, const char *person_id, json_t *body,
                         char id[STORE_ID_LEN]);
/* Sends a positive Checklist to the ICB: opens the case. 422 when negative,
 * 409 when already sent or the person already has an open case. */
int chc_checklist_send(struct request *req, struct response *res, const char *id, json_t *body, char case_id[STORE_ID_LEN]);
/* The Checklist after the access check (audited read), or NULL. */
json_t *chc_checklist_read(struct request *req, struct response *res, const char *id);

/* A DST on the person's open case: body.draft true saves it incomplete. */
int chc_assessment_create(struct request *req, struct response *res, const char *person_id, json_t *body,
                          char id[STORE_ID_LEN]);
/* Changes a draft (fields given replace those stored; needs the version);
 * body.complete true completes it. */
int chc_assessment_patch(struct request *req, struct response *res, const char *id, json_t *body);
json_t *chc_assessment_read(struct request *req, struct response *res, const char *id);

/* POST /api/v1/chc/cases {referral_id, received_on?}: the CHC team holding
 * a referral triaged to CHC opens the case (chc_referrals.c). */
int chc_case_from_referral(struct request *req, struct response *res, json_t *body, char id[STORE_ID_LEN]);

int chc_fast_track(struct request *req, struct response *res, const char *person_id, json_t *body, char id[STORE_ID_LEN]);
int chc_decide(struct request *req, struct response *res, const char *case_id, json_t *body);
int chc_package_start(struct request *req, struct response *res, const char *case_id, json_t *body);
/* The case with clock, checklist, assessments, decisions and history. */
json_t *chc_case_read(struct request *req, struct response *res, const char *id);
/* The user's CHC team cases with their clocks, breached first, each
 * person's read audited; 403 unless the user is in a CHC team. Without a
 * status: the open cases and those decided in the last 30 days. */
json_t *chc_case_list(struct request *req, struct response *res, const char *status, const char *clock, int limit);
/* The person's checklists and cases (audited read of the person). */
json_t *chc_person_pathway(struct request *req, struct response *res, const char *person_id);

/* The board report (chc_reports.c) from ?from=&to=&by=, or NULL with res set. */
json_t *chc_report(struct request *req, struct response *res);

/* Adds clock {days_elapsed, days_left, due_on, status} to a case row
 * (from received_on, decided_on and today) and display flags. */
void chc_case_present(json_t *c);
/* "YYYY-MM-DD" check shared by the CHC inputs: 0, or an error added
 * naming field (missing when required, malformed, after today). */
int chc_date_field(const char *v, const char *field, int required, json_t *errors);

#endif
