/* Shared by the CHC services (chc_*.c; not for adapters). */
#ifndef SEAMLESS_SVC_CHC_INT_H
#define SEAMLESS_SVC_CHC_INT_H
#include "svc/chc.h"

/* "YYYY-MM-DD" check shared by the CHC inputs: 0, or -1 with an error
 * naming field (missing when required, malformed, after today). */
int chc_date_check(struct svc_ctx *c, const char *v, const char *field, int required);
/* Adds clock {days_elapsed, days_left, due_on, status} to a case row (from
 * received_on, decided_on and today) and the display flags. */
void chc_case_present(struct svc_ctx *c, json_t *row);
/* Access to the person (refusals audited by svc/access.h): SVC_OK or why not. */
int chc_person_check(struct svc_ctx *c, const char *person_id);
/* The record loaded by the caller (row may be NULL: c->err says why)
 * checked for access to its person; row gets "basis". */
int chc_access(struct svc_ctx *c, json_t *row, const char *what);
/* SVC_CASE_OPEN when the person already has an open case, else SVC_OK. */
int chc_no_open_case(struct svc_ctx *c, const char *person_id);
/* The team receiving CHC referrals for the person's locality into team:
 * SVC_OK or SVC_NO_CHC_TEAM. */
int chc_route_team(struct svc_ctx *c, const char *person_id, char team[STORE_ID_LEN]);
/* 1 for a yes (svc/input.h's one decoder: true, "true", "yes", "on", "1"). */
int chc_yes(json_t *v);
/* Ends a write: a versioned update that matched no row is a version that
 * moved on ("detail" says what to do). */
int chc_write_end(struct svc_ctx *c, int rc, const char *detail);

#endif
