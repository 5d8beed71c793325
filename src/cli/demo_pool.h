/* demo_pool: a Better Care Fund pooled budget (NHS Act 2006 s75) for the
 * demo county's current financial year: the council (host) and the ICB
 * contribute, the ICB's share of an overspend is capped, and spend is
 * charged to five services for each quarter already begun. Aggregates
 * only, no people. Runs in the caller's transaction. 0 or -1 (err filled). */
#ifndef SEAMLESS_DEMO_POOL_H
#define SEAMLESS_DEMO_POOL_H
#include "store/store.h"

int demo_pool(struct store *db, struct store_error *err);

#endif
