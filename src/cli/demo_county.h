/* demo_county: the synthetic county behind `seamless demo`.
 *
 * demo_county_structure adds three localities, ~60 GP practices, home care
 * and care home providers and ties locality teams to their locality (once,
 * with the base demo). demo_county_persons adds n people generated from
 * seed: the same seed gives the same people (names, NHS numbers from the 999
 * test range, dates of birth on an England-like age structure, LE postcodes,
 * long-term conditions, eFI deficits, predicted acute cost, caseloads);
 * record ids and timestamps differ between runs. */
#ifndef SEAMLESS_DEMO_COUNTY_H
#define SEAMLESS_DEMO_COUNTY_H
#include <stdint.h>
#include "store/store.h"

/* The 999 range holds 1,000,000 nine-digit stems of which 909,091 have a
 * valid check digit: people beyond that are generated without a number. */
#define DEMO_MAX_NHS_NUMBERS 909091

struct county_stats {
    long long persons, with_nhs_number, caseloads, ltc5, efi_moderate_plus;
    long long cost_total_pence;
};

int demo_county_structure(struct store *db);
int demo_county_persons(struct store *db, long long n, uint64_t seed, struct county_stats *st);

#endif
