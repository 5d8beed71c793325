/* demo_chc_followup: what happens after the CHC decisions demo_chc makes,
 * for the same deterministic North locality people: a personal health
 * budget on the eligible case, the family's request for local resolution
 * on the "not eligible" (FNC) case, and two older Fast Track cases — one
 * whose 3-month review is overdue, one reviewed and due again within the
 * month. Runs after demo_chc in the caller's transaction; adds nothing when
 * fewer than eleven such people exist. 0 or -1 (err filled). */
#ifndef SEAMLESS_DEMO_CHC_FOLLOWUP_H
#define SEAMLESS_DEMO_CHC_FOLLOWUP_H
#include "store/store.h"

int demo_chc_followup(struct store *db, struct store_error *err);

#endif
