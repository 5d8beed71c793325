/* cohorts_api: case-finding cohorts for a locality, shared by the JSON API,
 * the CSV export and the pages. */
#ifndef SEAMLESS_COHORTS_API_H
#define SEAMLESS_COHORTS_API_H
#include "http/http.h"

/* {locality, cohort, label, total, page, pages, average_cost_pence, items:
 * [{…, reason}]} for ?page= (from 1) and limit; each listed person's read is
 * audited (basis identify). NULL with res set (404 unknown locality or
 * cohort, 403 not in one of the locality's teams). */
json_t *cohort_page(struct request *req, struct response *res, const char *locality_code, const char *kind,
                    int page, int limit);

#endif
