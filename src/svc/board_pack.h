/* board_pack: the joint outcomes board pack for a period (domain.md §12;
 * issue #17 ¶7-9) — aggregates only, for board viewers and the partners'
 * managers and finance staff (PERM_AGGREGATES). Never a name, an NHS
 * number, an identifier of a person or free text.
 *
 * Sections and measures (each with numerator, denominator, target, RAG
 * status and its month-by-month series; rules in domain/kpi.h and
 * domain/board_pack.h):
 *   chc          decisions within 28 days (more than 80%), full
 *                assessments in an acute setting (fewer than 15%)
 *   referrals    responses within their standard (local target at least
 *                90%), first-contact resolution (at least 70%)
 *   discharge    discharges on or before the discharge ready date (local
 *                target at least 90%) with the delayed ones by the sector
 *                of their delay reason, and still at home 91 days after
 *                discharge into reablement (svc/reablement.h; local target
 *                at least 82%); a month with nothing to count is "no data",
 *                never 0%
 *   training     of the workers doing delegated tasks, those trained for
 *                them in the last 12 months (as the training report counts
 *                it; each month at its last day, the measure at the end of
 *                the period; local target at least 90%)
 *   pooled_funds spend against the budget pro-rated to the period (money:
 *                green on or under budget, amber up to 5% over, red
 *                beyond; never suppressed), and each partner's share of
 *                the contributions
 *   disputes     open at the end of the period by stage and age (under 28
 *                days, 28-89, 90 or more), raised and closed by month,
 *                and their outcomes (settled, withdrawn)
 * Small numbers: counts 1..max (the partnership's suppress_max, default 4;
 * the board's partnership when a board is named, else the principal's
 * first) and any percentage built on them are null with "suppressed":
 * true and status "suppressed".
 *
 * The period: from/to "YYYY-MM-DD" inclusive, at most 731 days; default
 * the financial year to date (1 April to today). 422 names "from", "to" or
 * "board". The read is audited (resource "board_pack", no person). */
#ifndef SEAMLESS_SVC_BOARD_PACK_H
#define SEAMLESS_SVC_BOARD_PACK_H
#include "svc/svc.h"

struct svc_board_pack_query {
    const char *from, *to;   /* NULL: the financial year to date */
    const char *board_id;    /* optional */
};

int svc_board_pack(struct svc_ctx *c, const struct svc_board_pack_query *q, json_t **out);

#endif
