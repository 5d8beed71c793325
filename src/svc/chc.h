/* chc: NHS Continuing Healthcare up to the ICB's decision (domain.md §7) as
 * services — the Checklist, the full assessment with the Decision Support
 * Tool, Fast Track, the ICB's decision, the package start, the case with its
 * 28-day clock, the CHC team's work list and the person's pathway. After the
 * decision (reviews, challenges, budgets): svc/chc_followup.h.
 *
 *   Checklist   chc_checklists.c    screening; a positive one sent to the
 *                                   ICB opens a case (day 0 = receipt)
 *   DST         chc_assessments.c   the full assessment: draft (save and
 *                                   return), then completed with the MDT
 *   Decisions   chc_decisions.c     Fast Track, ICB decision, package start
 *   Cases       chc_cases.c         opened from a referral, the case with
 *                                   its clock, lists, the person's pathway
 *
 * Who: every call checks access to the person (svc/access.h; refusals are
 * audited there); only ICB staff decide (SVC_NOT_ICB, audited as
 * "decide_denied"), only a registered nurse or a doctor makes a Fast Track
 * (SVC_NOT_CLINICIAN), only the CHC team holding the case or referral
 * opens it from a referral or records the package (SVC_NOT_YOUR_TEAM), only
 * CHC team members see the work list (SVC_NOT_CHC_TEAM). Each write is one
 * transaction with its case event, the person's timeline entry and its
 * audit entry (basis "relationship"); each read is audited before it is
 * handed back. Outcomes as svc/result.h: SVC_INVALID names the fields;
 * SVC_ALREADY_SENT, SVC_CASE_OPEN, SVC_NO_CHC_TEAM, SVC_CHC_CASE_STATE,
 * SVC_CHC_ASSESSMENT_STATE for a case or Checklist in the wrong state;
 * SVC_STALE / SVC_PRECONDITION for a version that moved on. JSON handed
 * back through out is owned by the context. */
#ifndef SEAMLESS_SVC_CHC_H
#define SEAMLESS_SVC_CHC_H
#include "svc/svc.h"

/* {completed_on, setting, domains: {key: A|B|C}, send_to_icb?}: records the
 * Checklist; send_to_icb true sends a positive one at once (checked before
 * anything is stored; a negative one is stored and not sent). */
int svc_chc_checklist_create(struct svc_ctx *c, const char *person_id, json_t *in, char id[STORE_ID_LEN]);
/* {received_on?}: sends a positive Checklist to the ICB, opening the case
 * (its id into case_id). SVC_INVALID when negative; SVC_ALREADY_SENT,
 * SVC_CASE_OPEN when the person has an open case. */
int svc_chc_checklist_send(struct svc_ctx *c, const char *id, json_t *in, char case_id[STORE_ID_LEN]);
/* The Checklist after the access check (audited read). */
int svc_chc_checklist_read(struct svc_ctx *c, const char *id, json_t **out);

/* A DST on the person's open case: in.draft true saves it incomplete. */
int svc_chc_assessment_create(struct svc_ctx *c, const char *person_id, json_t *in, char id[STORE_ID_LEN]);
/* Changes a draft made against version e (fields given replace those
 * stored; domains per key); in.complete true completes it. */
int svc_chc_assessment_patch(struct svc_ctx *c, const char *id, json_t *in, const struct svc_expect *e);
int svc_chc_assessment_read(struct svc_ctx *c, const char *id, json_t **out);
/* The case's draft DST into id, or a new draft when it has none (save
 * and return). */
int svc_chc_dst_start(struct svc_ctx *c, const char *case_id, char id[STORE_ID_LEN]);

/* {referral_id, received_on?}: the CHC team holding a referral triaged to
 * CHC opens the case; day 0 is the referral's receipt unless given. */
int svc_chc_case_from_referral(struct svc_ctx *c, json_t *in, char id[STORE_ID_LEN]);
/* {reason, date?}: eligible at once (domain/fast_track.h). */
int svc_chc_fast_track(struct svc_ctx *c, const char *person_id, json_t *in, char id[STORE_ID_LEN]);
/* {outcome, rationale, decided_on, fnc?, residence?, fnc_band?, funding?};
 * the version is checked only when e gives one. */
int svc_chc_decide(struct svc_ctx *c, const char *case_id, json_t *in, const struct svc_expect *e);
/* {package_start_on}; the version is checked only when e gives one. */
int svc_chc_package_start(struct svc_ctx *c, const char *case_id, json_t *in, const struct svc_expect *e);

/* The case with clock, checklist, assessments, decisions and history. */
int svc_chc_case_read(struct svc_ctx *c, const char *id, json_t **out);
/* The user's CHC team cases with their clocks, breached first, each
 * person's read audited. Without a status: the open cases and those
 * decided in the last 30 days. */
int svc_chc_case_list(struct svc_ctx *c, const char *status, const char *clock, int limit, json_t **out);
/* {person_id, checklists, cases} (audited read of the person). */
int svc_chc_person_pathway(struct svc_ctx *c, const char *person_id, json_t **out);

/* A record just written by this context, read back without a second audit
 * entry (the write's own entry covers it): a Checklist, a case (without the
 * person's identifying details, with its clock) or an assessment. */
enum svc_chc_record { SVC_CHC_CHECKLIST, SVC_CHC_CASE, SVC_CHC_ASSESSMENT };
int svc_chc_written(struct svc_ctx *c, enum svc_chc_record what, const char *id, json_t **out);

#endif
