/* dispute: inter-agency dispute stages and their deadlines.
 *
 * domain.md §10; National Framework for NHS Continuing Healthcare (2022),
 * which requires ICBs and councils to agree a local disputes procedure with
 * time limits for each stage. Stages, in order:
 *   1 case_leads        informal resolution between case leads
 *   2 managers          team / service managers
 *   3 senior_officers   senior officers / directors
 *   4 arbitration       independent arbitration (the last stage)
 * Each stage has a deadline counted in working days (England and Wales,
 * domain/dates.h) from the day the stage started. The days per stage are
 * LOCAL POLICY: the caller passes them. dispute_policy_default() gives
 * 10 / 10 / 20 / 30 working days — a sensible local-policy default, not a
 * national rule.
 *
 * Pinned: deadline = date_add_working_days(started, days[stage]) (the start
 * day itself never counts); overdue when today > deadline (the deadline day
 * is still in time); working_days_left = working days after today up to and
 * including the deadline (negative once overdue).
 * Pure: no allocation, no globals. */
#ifndef SEAMLESS_DISPUTE_H
#define SEAMLESS_DISPUTE_H

#include <stdint.h>
#include "domain/dates.h"
#include "domain/domain_error.h"
#include "domain/joint_funding.h"

enum dispute_stage {
    DISPUTE_STAGE_NONE = 0,   /* "no next stage" */
    DISPUTE_STAGE_CASE_LEADS = 1,
    DISPUTE_STAGE_MANAGERS,
    DISPUTE_STAGE_SENIOR_OFFICERS,
    DISPUTE_STAGE_ARBITRATION,
};
#define DISPUTE_STAGE_COUNT 4
#define DISPUTE_MAX_WORKING_DAYS 260   /* one working year per stage at most */

/* working_days[0] is stage 1 (case_leads) ... [3] is arbitration. */
struct dispute_policy {
    int32_t working_days[DISPUTE_STAGE_COUNT];
};

struct dispute_status {
    enum dispute_stage stage;
    struct date deadline;
    enum dispute_stage next;    /* DISPUTE_STAGE_NONE after arbitration */
    int overdue;                /* today > deadline */
    int32_t working_days_left;  /* negative when overdue */
};

/* 10 / 10 / 20 / 30 working days (local-policy default). */
struct dispute_policy dispute_policy_default(void);
/* Each stage 1..DISPUTE_MAX_WORKING_DAYS; field "working_days.<stage>". */
int dispute_policy_check(const struct dispute_policy *p, struct domain_error *err);

/* Status of a dispute at `stage` that started on `started`, as of today.
 * policy NULL means the default; holidays as in dates.h (NULL = built-in).
 * Errors: "stage" unknown, "stage_started_on" after today, policy errors,
 * "holidays" when a year on the way is not covered. */
int dispute_stage_status(enum dispute_stage stage, struct date started,
                         struct date today, const struct dispute_policy *policy,
                         const struct date_holidays *holidays,
                         struct dispute_status *out, struct domain_error *err);

/* "case_leads", "managers", "senior_officers", "arbitration". */
const char *dispute_stage_name(enum dispute_stage stage);
MUST_CHECK int dispute_stage_parse(const char *s, const char *field,
                        enum dispute_stage *out, struct domain_error *err);

/* Settling the money backwards (issue #17 ¶4). While a dispute runs one
 * party (the interim funder: the NHS or the council) pays the whole cost.
 * The outcome agrees a split effective from a date; the interim funder's
 * payments for from..to (inclusive; the caller passes effective_from and
 * the day before the outcome was recorded) are pro-rated and split exactly
 * as joint funding does (domain/joint_funding.h: jf_reconcile — one total
 * for the period, largest remainder, ties to NHS, council, person). The
 * other body owes the interim funder its share; the person's share is
 * collected by the payer and not recharged:
 *   interim NHS:     council_owes_nhs = council share (>= 0)
 *   interim council: council_owes_nhs = -(NHS share) (<= 0: the NHS owes)
 * to < from is zero days (an outcome effective from the day it is
 * recorded settles nothing backwards). Errors as jf_reconcile ("split",
 * "weekly_cost_pence"). */

enum dispute_funder { DISPUTE_FUNDER_NHS, DISPUTE_FUNDER_COUNCIL };

struct dispute_settlement {
    struct jf_reconciliation r;   /* days, total and each share */
    int64_t council_owes_nhs;     /* signed, see above */
};

int dispute_settle(enum dispute_funder interim, int64_t weekly, struct date from, struct date to,
                   struct jf_split split, struct dispute_settlement *out, struct domain_error *err);

#endif
