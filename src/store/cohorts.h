/* cohorts: the SQL of case-finding (domain.md §4). Each cohort of a
 * locality is a maintained list (store/cohort_members.h): LTC5 (ltc_count
 * ≥ 5), HIGH_COST (predicted cost ≥ 3 × the population average the lists
 * reflect), FRAILTY (eFI moderate or severe, or a frailty flag); only living
 * people with a current record are on one. A page is one range of the
 * list's index, from its start (offset) or after a key (keyset cursor). */
#ifndef SEAMLESS_COHORTS_STORE_H
#define SEAMLESS_COHORTS_STORE_H
#include <jansson.h>
#include "domain/cohort.h"
#include "store/accounts.h"

struct cohort_query {
    enum cohort_kind kind;
    const char *locality_id;
    const char *adult_born_by;       /* date of birth on or before ("9999-12-31": any age) */
    const struct cohort_key *after;  /* NULL: from the start, skipping offset */
    int limit, offset;
};

/* A page of the cohort, most in need first: identifying fields, the
 * case-finding columns and the list key (rank_key, name_key). */
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
