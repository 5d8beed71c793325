/* board_pack: the aggregate queries behind the joint outcomes board pack
 * (svc/board_pack.h). Each returns counts or sums by calendar month
 * ("YYYY-MM") or the few rows a rule needs — never names or identifiers.
 * from/to are inclusive "YYYY-MM-DD". NULL with err on failure. */
#ifndef SEAMLESS_BOARD_PACK_STORE_H
#define SEAMLESS_BOARD_PACK_STORE_H
#include <jansson.h>
#include "store/store.h"

/* [{year_start, year_end, budget_pence}] of pooled funds whose year overlaps the period. */
json_t *board_pooled_budgets(struct store *db, const char *from, const char *to, struct store_error *err);
/* [{month, pence}] spent from pooled funds. */
json_t *board_pooled_spend_by_month(struct store *db, const char *from, const char *to, struct store_error *err);
/* [{org_name, pence}] contributed by each partner to the funds overlapping the period. */
json_t *board_pooled_contributions(struct store *db, const char *from, const char *to, struct store_error *err);
/* [{stage, raised_on}] of disputes open at the end of `to`. */
json_t *board_disputes_open(struct store *db, const char *to, struct store_error *err);
/* [{month, state, n}] of disputes closed (settled or withdrawn) in the period. */
json_t *board_disputes_closed_by_month(struct store *db, const char *from, const char *to, struct store_error *err);
/* [{month, n}] of disputes raised in the period. */
json_t *board_disputes_raised_by_month(struct store *db, const char *from, const char *to, struct store_error *err);

/* [{month, den, num, nhs, social_care, both}]: discharges in the period
 * with a discharge ready date, those on or before it (no delay), and the
 * delayed ones by the sector of their delay reason (migration 015). */
json_t *board_discharges_by_month(struct store *db, const char *from, const char *to, struct store_error *err);

#endif
