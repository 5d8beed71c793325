/* demo_hospital_year: a county's year of hospital stays for benchmarks
 * (`seamless demo --stays N`; issue 16, "≈150,000 spells, ≈20,000 with
 * delays"). Written straight through the store in large transactions, as
 * each stay stood — no HL7 messages, no audit entries (history, not reads):
 *
 * - admissions spread evenly over the 365 days before now, 95% at the acute
 *   trust's wards (SHT), the rest at the community hospital (SCHT);
 * - length of stay skewed short (a third go home within a day, a few stay
 *   weeks; community stays longer), so what was admitted in the last days
 *   and weeks is still open — the trusts' current inpatients;
 * - about 40% stop meeting the criteria to reside (a review, the discharge
 *   ready date, a pathway: about half 0, most of the rest 1, a few 2 and 3),
 *   and about 13% of all stays wait past their DRD (delay days ≥ 1) with a
 *   delay reason fitting the pathway; a third of the longer waits change
 *   reason once mid-stay;
 * - stays whose planned discharge is past are discharged (destination by
 *   pathway), the others stay open — those past their DRD are on the board.
 *
 * Each stay names its ward's IDT (and the ward's team when it has one), as
 * the intake does. Visit numbers are "YR" + 8 digits; running it again on a
 * database that has them adds nothing. */
#ifndef SEAMLESS_DEMO_HOSPITAL_YEAR_H
#define SEAMLESS_DEMO_HOSPITAL_YEAR_H
#include <stdint.h>
#include "store/store.h"

struct hospital_year_stats {
    long long stays, open, delayed, reason_changes, board;   /* board: open and past their DRD */
};

/* Needs the demo's wards and people with NHS numbers; 0 or -1. */
int demo_hospital_year(struct store *db, long long stays, uint64_t seed, struct hospital_year_stats *st);

#endif
