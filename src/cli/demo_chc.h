/* demo_chc: NHS Continuing Healthcare at every stage in the synthetic
 * county, for nine frail North locality adults (deterministic per seed, as
 * the people are): a negative Checklist; a positive one awaiting the full
 * assessment; one with a DST draft (save and return); assessed awaiting the
 * decision on day 22 (at risk) and on day 33 (breached); decided eligible
 * within 28 days with the package started; not eligible with FNC (standard
 * band) and council-only support; deferred and past day 28; and a Fast
 * Track. Written in the caller's transaction; adds nothing when fewer than
 * nine such people exist. 0 or -1 (err filled). */
#ifndef SEAMLESS_DEMO_CHC_H
#define SEAMLESS_DEMO_CHC_H
#include "store/store.h"

int demo_chc(struct store *db, struct store_error *err);

#endif
