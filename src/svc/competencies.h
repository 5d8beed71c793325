/* competencies: the task catalogue, the competency register (staff and
 * provider workers assessed competent for a delegated task; domain.md §8),
 * the designated assessors who may record them, and delegated tasks'
 * oversight reviews.
 *
 * Who: only a designated assessor for a competency records or renews it
 * (SVC_NOT_ASSESSOR otherwise); the record is kept by the organisation
 * that named them. A record is visible to that organisation, the worker's,
 * and to anyone when the worker's organisation is a provider or voluntary
 * one (the care it delegates to is everyone's concern); otherwise it does
 * not exist (SVC_NOTFOUND). An organisation's admin names its assessors
 * (the route's permission). Audit: "create" of a competency or a
 * competency_assessor; the oversight list is an audited read of each
 * assignment (basis relationship). JSON handed back is owned by the
 * context; a competency carries "state": current, expiring (within 30
 * days) or expired. */
#ifndef SEAMLESS_SVC_COMPETENCIES_H
#define SEAMLESS_SVC_COMPETENCIES_H
#include "svc/svc.h"

int svc_care_task_catalogue(struct svc_ctx *c, json_t **items);
/* {worker (svc/care_workers.h), competency_code, assessed_on (not in the
 * future), expires_on (on or after it), evidence (≤ 4000)}. */
int svc_competency_record(struct svc_ctx *c, json_t *in, char id[STORE_ID_LEN]);
int svc_competency_get(struct svc_ctx *c, const char *id, json_t **out);
/* {user_id (one of the organisation's active registered practitioners or
 * trainers), competency_code}; SVC_CONFLICT when already named. */
int svc_competency_assessor_name(struct svc_ctx *c, json_t *in);
int svc_competency_assessors(struct svc_ctx *c, json_t **items);
/* The organisation's active staff who may be named assessors (registered
 * practitioners and trainers), for its admin's form. */
int svc_competency_assessor_candidates(struct svc_ctx *c, json_t **items);
/* The organisation's register, state NULL (all), current, expiring or expired. */
int svc_competency_register(struct svc_ctx *c, const char *state, json_t **items);
/* The user's delegated tasks' oversight reviews: all (state NULL) or only
 * the overdue ones, each with "state" overdue or scheduled. */
int svc_care_oversight_reviews(struct svc_ctx *c, const char *state, json_t **items);

#endif
