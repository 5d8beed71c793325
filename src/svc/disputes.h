/* disputes: inter-agency disputes between a council and an NHS body (or two
 * NHS bodies) of one partnership (domain.md §10; issue #17). Separate from a
 * person's own CHC challenge: a dispute never shows on the challenge page,
 * but both reach the person's timeline.
 *
 * Who: staff of the two organisations in the dispute — a team manager or an
 * org admin of either party, or anyone of either party with a legitimate
 * relationship with the person (checked and audited by svc_person_access).
 * Board viewers never (they get aggregates through the board pack). Staff
 * of any other organisation get SVC_FORBIDDEN, audited as a denied read.
 *
 * Stages and deadlines: domain/dispute.h, with the partnership's policy
 * (working days per stage; the default where it sets none) and the bank
 * holidays loaded (store/bank_holidays.h); a deadline in a year whose list
 * is not complete is an estimate ("deadline_estimated": true). A stage
 * starts the day the dispute is raised or escalated; it is overdue the day
 * after its deadline. Escalation goes one stage at a time (a "to_stage"
 * other than the next is refused, naming "to_stage"); arbitration is the
 * last stage.
 *
 * The outcome closes the dispute; with a split (basis points of NHS,
 * council and person summing to 10000) the interim funder's payments from
 * effective_from to the day before the outcome are reconciled to the penny
 * (dispute_settle) and appear on the recharge statement.
 *
 * Writes take the version read (svc_version_check: body "version", 409
 * SVC_STALE when stale; If-Match, SVC_PRECONDITION when stale). Every write adds an event, a timeline entry for the person and
 * an audit entry in one transaction. Every read is audited (basis
 * "relationship", "break_glass" or "admin" for a party's manager).
 *
 * *out values are owned by the context. */
#ifndef SEAMLESS_SVC_DISPUTES_H
#define SEAMLESS_SVC_DISPUTES_H
#include <stddef.h>
#include "svc/svc.h"

/* POST /api/v1/disputes: {subject: {type, id}, against_org_id, question,
 * position, interim_funder_org_id?} → the dispute. */
int svc_dispute_create(struct svc_ctx *c, json_t *in, json_t **out);
/* state "open" (default), "overdue" or "closed"; a page of {items, next_cursor}. */
int svc_dispute_list(struct svc_ctx *c, const char *state, const char *cursor, int limit, json_t **out);
/* The dispute with its events, attachments (no content) and reconciliation. */
int svc_dispute_get(struct svc_ctx *c, const char *id, json_t **out);

/* {version, reason, to_stage?} */
int svc_dispute_escalate(struct svc_ctx *c, const char *id, json_t *in, const struct svc_expect *e, json_t **out);
/* {version, text, kind: note|meeting|position, met_on?} — "position" is the
 * other party's answer to the question (only that party gives it). */
int svc_dispute_note(struct svc_ctx *c, const char *id, json_t *in, const struct svc_expect *e, json_t **out);
/* {version, outcome, effective_from, split?: {nhs, council, person}} */
int svc_dispute_outcome(struct svc_ctx *c, const char *id, json_t *in, const struct svc_expect *e, json_t **out);
/* {version, reason?} — only the organisation that raised it. */
int svc_dispute_withdraw(struct svc_ctx *c, const char *id, json_t *in, const struct svc_expect *e, json_t **out);

/* Evidence: bytes checked by content (domain/evidence.h): SVC_UNSUPPORTED
 * for a refused type, SVC_TOO_LARGE over the partnership's limit. *out is
 * the attachment's metadata. */
int svc_dispute_attach(struct svc_ctx *c, const char *id, const char *filename, const unsigned char *bytes,
                       size_t len, json_t **out);
/* The other councils and NHS bodies of the principal's partnerships, by
 * name ([{id, name, type}]), for choosing the other party. */
int svc_dispute_partners(struct svc_ctx *c, json_t **out);

/* The attachment: *out {filename, content_type, size_bytes, sha256} and its
 * bytes (*bytes in the arena, *len). Audited. */
int svc_dispute_attachment(struct svc_ctx *c, const char *id, const char *attachment_id, json_t **out,
                           unsigned char **bytes, size_t *len);

#endif
