/* oversight: the registered practitioner's review of a health task
 * delegated to another organisation's care worker (domain.md §8; issue #14
 * item 14: "the oversight review has a page with findings, not only an
 * API").
 *
 * svc_oversight_get: the assignment (worker, task, practitioner, the review
 * due) and its past reviews with findings, for anyone with a legitimate
 * relationship with the person (svc_record_access; audited read of
 * "care_task_assignment").
 *
 * svc_oversight_record: {reviewed_on, outcome, findings, next_review_on}.
 * Only a registered health practitioner (domain/care_plan.h; else
 * SVC_FORBIDDEN) with access to the person. reviewed_on not in the future;
 * outcome safe_to_continue | continue_with_support | stop_delegation;
 * findings 10 to 4000 characters; next_review_on after reviewed_on, required
 * unless the delegation stops. Field errors name the field in words.
 * Stores the review, moves the assignment's last and next review dates, and
 * audits ("update", "care_task_assignment") in one transaction.
 *
 * *out is owned by the context. */
#ifndef SEAMLESS_SVC_OVERSIGHT_H
#define SEAMLESS_SVC_OVERSIGHT_H
#include "svc/svc.h"

int svc_oversight_get(struct svc_ctx *c, const char *plan_id, const char *assignment_id, json_t **out);
int svc_oversight_record(struct svc_ctx *c, const char *plan_id, const char *assignment_id, json_t *in);

/* The words for an outcome code, or NULL. */
const char *svc_oversight_outcome_words(const char *code);

#endif
