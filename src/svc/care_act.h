/* svc/care_act: Care Act 2014 needs assessments (domain.md §6), adults and
 * carers — the one way in for the JSON API, the pages and the demo.
 *
 * An assessment is created as a draft, its answers saved in any order and
 * any number of times (save and return), completed by its assessor — the
 * domain rule (domain/care_act.h) computes the determination and its
 * reasons, the assessor agrees or disagrees with a reason, and the record
 * keeps both — then authorised by a team manager (or org admin) of the same
 * organisation who is not the assessor. Completed and authorised
 * assessments are read-only.
 *
 * Who: anyone with access to the person (svc/access.h: the relationship
 * or break-glass; refusals audited there). Audit: "create", "update",
 * "complete" and "authorise" of a care_act_assessment in the write's
 * transaction (completing and authorising also add an event to the
 * person's timeline); every read and each item of a list is an audited
 * read before it is handed back.
 *
 * The presented shape (care_act_present): booleans true/false/null (null:
 * not answered), outcomes {key: [grounds]} (a key absent: not answered; []:
 * can achieve it), wellbeing [area keys] or null, and determination null or
 * {computed_eligible, outcomes_unable, reasons, assessor_agrees,
 * assessor_reason, eligible} (eligible: as confirmed by the assessor).
 *
 * Outcomes: SVC_OK; SVC_INVALID naming fields ("outcomes.nutrition",
 * "wellbeing[2]", "version" …); SVC_NOTFOUND ("No such Care Act
 * assessment."); the access refusals; SVC_READ_ONLY (not a draft);
 * SVC_NOT_THE_ASSESSOR; SVC_NOT_AUTHORISER; SVC_WRONG_STATE; SVC_STALE;
 * SVC_PRECONDITION; SVC_FAILED. Values handed back are owned by the
 * context; on any outcome but SVC_OK nothing was stored. */
#ifndef SEAMLESS_SVC_CARE_ACT_H
#define SEAMLESS_SVC_CARE_ACT_H
#include "domain/care_act.h"
#include "svc/svc.h"

/* {kind: adult|carer, team_id? (one of the user's teams; else their first)}. */
int svc_care_act_create(struct svc_ctx *c, const char *person_id, json_t *in, char id[STORE_ID_LEN]);
/* svc_care_act_create and, in the same transaction, svc_care_act_update
 * with answers (against version 1) and, confirm non-NULL, svc_care_act_complete
 * with that confirmation: all or nothing (care_act_answered.c). */
int svc_care_act_create_answered(struct svc_ctx *c, const char *person_id, json_t *in, json_t *answers,
                                 json_t *confirm, char id[STORE_ID_LEN]);
/* svc_care_act_update with answers (none: skipped) against e, then
 * svc_care_act_complete with confirm, in one transaction: all or nothing. */
int svc_care_act_complete_answered(struct svc_ctx *c, const char *id, json_t *answers, json_t *confirm,
                                   const struct svc_expect *e);
/* The presented assessment after the access check and an audited read. */
int svc_care_act_read(struct svc_ctx *c, const char *id, json_t **out);
/* The person's assessments (presented), each an audited read. */
int svc_care_act_list(struct svc_ctx *c, const char *person_id, json_t **items);
/* Any of the answers (drafts only) against the version expected. */
int svc_care_act_update(struct svc_ctx *c, const char *id, json_t *in, const struct svc_expect *e);
/* {assessor_agrees, assessor_reason?}: by the assessor, every answer given. */
int svc_care_act_complete(struct svc_ctx *c, const char *id, json_t *in, const struct svc_expect *e);
/* By a manager of the assessor's organisation who is not the assessor. */
int svc_care_act_authorise(struct svc_ctx *c, const char *id, const struct svc_expect *e);
/* What a write hands back: the assessment (presented) without the
 * person's identifying details — not a read of personal data, so not
 * audited (the write was; the record is read with svc_care_act_read). */
int svc_care_act_written(struct svc_ctx *c, const char *id, json_t **out);

/* NULL when the principal may authorise this (presented, completed)
 * assessment, else why not — for the refusal and for hiding the button. */
const char *svc_care_act_why_not_authorise(const struct svc_ctx *c, json_t *a);

/* Pure helpers (no store; the pages and the demo use them too). */
int care_act_is_carer(json_t *a);
/* Stored row → presented shape, in place. */
void care_act_present(json_t *a);
/* Presented answers → the determination. 0: determined (r and reasons
 * filled); 1: not complete enough, each missing answer appended to
 * missing as {field, message}. */
int care_act_evaluate(json_t *a, struct care_act_result *r, char *reasons, size_t n, json_t *missing);

/* Internal to svc/care_act*.c: the assessment (presented, owned by the
 * context) after the access check on its person, and the audit basis;
 * draft: SVC_READ_ONLY for one that is no longer a draft. */
int care_act_load(struct svc_ctx *c, const char *id, int draft, json_t **a, const char **basis);
/* svc_tx_end for a guarded write: the assessment moved on meanwhile
 * (STORE_ENOTFOUND) is SVC_STALE, any other store failure SVC_FAILED. */
int care_act_tx_end(struct svc_ctx *c, int rc);

#endif
