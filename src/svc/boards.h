/* boards: partnership boards (domain.md §12; issue #17 ¶6) — the boards of
 * the principal's partnerships with their members (board viewers and the
 * partners' managers), their meeting cycle (every cycle_days from
 * first_on) and what they receive since their last meeting: the decisions
 * of shared care discussions and the outcomes of disputes, counted and
 * de-identified (no names, no free text). For PERM_AGGREGATES roles.
 * Creating a board and adding members is for an org admin of a partner. */
#ifndef SEAMLESS_SVC_BOARDS_H
#define SEAMLESS_SVC_BOARDS_H
#include "svc/svc.h"

/* [{id, name, partnership, first_on, cycle_days, last_meeting, next_meeting,
 *   member, members, received: {since, shared_care_decisions, disputes_settled,
 *   disputes_withdrawn}}] */
int svc_boards_list(struct svc_ctx *c, json_t **out);
/* {partnership_id, name, first_on, cycle_days, member_user_ids?: [..]} → the board. */
int svc_board_create(struct svc_ctx *c, json_t *in, json_t **out);

/* The principal's partnerships with their organisations, disputes policy
 * (working days per stage; the default where none is set) and small-number
 * rule. Any signed-in user. */
int svc_partnerships(struct svc_ctx *c, json_t **out);
/* An org admin of a partner sets the local policy: {version,
 * working_days: {case_leads, managers, senior_officers, arbitration}
 * (null: the default), suppress_max?}. 422 names "working_days.<stage>". */
int svc_partnership_policy(struct svc_ctx *c, const char *id, json_t *in, json_t **out);

#endif
