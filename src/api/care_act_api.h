/* care_act_api: Care Act 2014 needs assessments (domain.md §6), adults and
 * carers, shared by the JSON API and the pages.
 *
 * An assessment is created as a draft, its answers saved in any order and
 * any number of times (save and return), completed by its assessor — the
 * domain rule (domain/care_act.h) computes the determination and its
 * reasons, the assessor agrees or disagrees with a reason, and the record
 * keeps both — then authorised by a team manager (or org admin) of the same
 * organisation who is not the assessor. Completed and authorised
 * assessments are read-only.
 *
 * The presented shape (care_act_present): booleans true/false/null (null:
 * not answered), outcomes {key: [grounds]} (a key absent: not answered; []:
 * can achieve it), wellbeing [area keys] or null, and determination null or
 * {computed_eligible, outcomes_unable, reasons, assessor_agrees,
 * assessor_reason, eligible} (eligible: as confirmed by the assessor).
 *
 * The request functions return 0 on success; otherwise res holds the
 * problem (422 naming fields, 403, 404, 409, 412, 503) and the database is
 * as it was. Every write is audited in its transaction, every read through
 * the audit writer before release. */
#ifndef SEAMLESS_CARE_ACT_API_H
#define SEAMLESS_CARE_ACT_API_H
#include "domain/care_act.h"
#include "http/http.h"

int care_act_create(struct request *req, struct response *res, const char *person_id, json_t *body, char id[STORE_ID_LEN]);
/* The presented assessment after the access check on its person and an
 * audited read, or NULL with res set. */
json_t *care_act_read(struct request *req, struct response *res, const char *id);
/* The person's assessments (presented), each audited, or NULL with res set. */
json_t *care_act_list(struct request *req, struct response *res, const char *person_id);
/* PATCH: any of the answers, with version; drafts only. */
int care_act_update(struct request *req, struct response *res, const char *id, json_t *body);
/* {version, assessor_agrees, assessor_reason?} */
int care_act_complete_assessment(struct request *req, struct response *res, const char *id, json_t *body);
/* {version} */
int care_act_authorise_assessment(struct request *req, struct response *res, const char *id, json_t *body);

/* Internal to the care_act*.c files: the stored assessment (not yet
 * presented) after person_check, basis set; NULL with res set. */
json_t *care_act_load(struct request *req, struct response *res, const char *id, const char **basis);
/* 409 "assessment-read-only" for a completed or authorised assessment. */
void care_act_read_only(struct request *req, struct response *res, json_t *a);

/* Pure helpers (no request; the demo uses them too). */
int care_act_is_carer(json_t *a);
/* Stored row → presented shape, in place. */
void care_act_present(json_t *a);
/* Presented answers → the determination. 0: determined (r and reasons
 * filled); 1: not complete enough, each missing answer appended to
 * missing as {field, message}. */
int care_act_evaluate(json_t *a, struct care_act_result *r, char *reasons, size_t n, json_t *missing);
/* NULL when the signed-in user may authorise this (presented, completed)
 * assessment, else why not — for a 403 and for hiding the button. */
const char *care_act_why_not_authorise(const struct principal *who, json_t *a);

#endif
