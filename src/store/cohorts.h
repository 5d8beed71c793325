/* cohorts: the SQL of case-finding (domain.md §4) — set-based queries over
 * indexed columns, so a cohort of a county of a million people is a range
 * scan: LTC5 (ltc_count ≥ 5), HIGH_COST (predicted cost ≥ a threshold the
 * caller derives exactly from the population totals), FRAILTY (eFI count
 * ≥ 9 or a frailty flag). Only living people with a current record count. */
#ifndef SEAMLESS_COHORTS_STORE_H
#define SEAMLESS_COHORTS_STORE_H
#include <jansson.h>
#include "store/accounts.h"

enum cohort_kind { COHORT_KIND_LTC5, COHORT_KIND_HIGH_COST, COHORT_KIND_FRAILTY };

struct cohort_query {
    enum cohort_kind kind;
    const char *locality_id;
    const char *adult_born_by;   /* date of birth on or before ("9999-12-31": any age) */
    long long cost_threshold;    /* HIGH_COST: pence */
    int limit, offset;
};

/* Living, current people: how many and their total predicted cost. */
int cohorts_population(struct store *db, long long *count, long long *total_pence, struct store_error *err);
/* A page of the cohort, most in need first: identifying fields and the
 * case-finding columns. */
json_t *cohorts_list(struct store *db, const struct cohort_query *q, struct store_error *err);
int cohorts_count(struct store *db, const struct cohort_query *q, long long *out, struct store_error *err);
/* 0 when the user is in a team of the locality, STORE_ENOTFOUND if not. */
int cohorts_user_in_locality(struct store *db, const char *user_id, const char *locality_id, struct store_error *err);

struct case_finding {
    int ltc_count, efi_count, frailty_flag;
    const char *efi_deficits;
    long long predicted_cost_pence;
};
/* Replaces the person's case-finding data; STORE_ENOTFOUND if no person. */
int cohorts_set_case_finding(struct store *db, const struct actor *by, const char *person_id,
                             const struct case_finding *cf, struct store_error *err);

#endif
