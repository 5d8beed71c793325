/* reports: the board measures, aggregates only (domain/kpi.h), as services.
 * No person data leaves them, so reads are not audited per person. For
 * roles with PERM_AGGREGATES (and the system); SVC_FORBIDDEN otherwise.
 * Query values arrive as the caller got them (text, NULL when absent) and
 * are checked here: SVC_INVALID names "from", "to", "target" or "by".
 * JSON handed back through out is owned by the context. */
#ifndef SEAMLESS_SVC_REPORTS_H
#define SEAMLESS_SVC_REPORTS_H
#include "svc/svc.h"

/* The single referral point over [from, to] (default the last 30 days):
 * first-contact resolution (target at least 70%) and responses within the
 * response standard (target, a percentage, default 90). */
int svc_referral_report(struct svc_ctx *c, const char *from, const char *to, const char *target, json_t **out);
/* CHC per month or quarter (by) within [from, to] (default the last year)
 * and in total: decisions within 28 days, assessments in an acute setting. */
int svc_chc_report(struct svc_ctx *c, const char *from, const char *to, const char *by, json_t **out);

#endif
