/* cohorts: case-finding cohorts for a locality (domain.md §4,
 * domain/cohort.h) and the feed that keeps a person's case-finding data
 * current, as services.
 *
 * Who: a cohort list is for users in one of the locality's teams
 * (SVC_NOT_IN_LOCALITY otherwise); each listed person's read is audited (basis
 * "identify") before the list is released. The case-finding feed is a
 * write to personal data: the legitimate relationship is checked
 * (svc/access.h) and the write audited with its basis.
 *
 * JSON handed back through out is owned by the context. */
#ifndef SEAMLESS_SVC_COHORTS_H
#define SEAMLESS_SVC_COHORTS_H
#include "svc/svc.h"

/* {locality, cohort, label, total, page, pages, average_cost_pence, next,
 * items: [{…, reason}]} for limit people: the page (from 1) of the list, or
 * with after (a "next" of an earlier page: a keyset cursor) the people
 * after that one, without "page". "next" is there when more people follow.
 * SVC_NOTFOUND for an unknown locality or cohort (ltc5, high_cost,
 * frailty); SVC_INVALID naming "after" for a cursor that is not one. */
int svc_cohort_page(struct svc_ctx *c, const char *locality_code, const char *kind, int page, const char *after,
                    int limit, json_t **out);
/* [{code, name}]: the localities of the user's teams. */
int svc_my_localities(struct svc_ctx *c, json_t **items);
/* {items}: every locality. */
int svc_localities(struct svc_ctx *c, json_t **out);
/* Sets the person's {ltc_count, efi_deficits: [codes], frailty_flag,
 * predicted_cost_pence}; *out is the record as stored with its eFI. */
int svc_case_finding_put(struct svc_ctx *c, const char *person_id, json_t *in, json_t **out);

#endif
