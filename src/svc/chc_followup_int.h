/* Shared by chc_followup.c and chc_challenges.c (not for adapters). */
#ifndef SEAMLESS_SVC_CHC_FOLLOWUP_INT_H
#define SEAMLESS_SVC_CHC_FOLLOWUP_INT_H
#include "svc/chc_followup.h"

/* A record about one person loaded by the caller (row may be NULL: c->err
 * says why) checked for access, and for a write, that the principal is ICB
 * staff. row gets "basis"; SVC_OK or the refusal. */
int chc_followup_access(struct svc_ctx *c, json_t *row, const char *what, int for_write);
/* Ends a write: STORE_ENOTFOUND is a version that moved on, a constraint
 * "already recorded". */
int chc_followup_end(struct svc_ctx *c, int rc);
/* Display fields of the challenges in parts and can_challenge from case c. */
void chc_challenges_present(struct svc_ctx *c, json_t *parts, json_t *case_row);

#endif
