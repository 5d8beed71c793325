/* demo_funding: the demo's joint funding panel (the ICB's JFP team),
 * meeting fortnightly on Thursdays. */
#ifndef SEAMLESS_DEMO_FUNDING_H
#define SEAMLESS_DEMO_FUNDING_H
#include "store/store.h"
int demo_funding(struct store *db, struct store_error *err);
#endif
