/* cohort_members: keeps the maintained cohort lists (domain/cohort.h,
 * migration cohort_members) in step with the persons table. Every store
 * function that changes what a list depends on — case-finding data,
 * practice, date of birth, family name, date of death, merge — loads the
 * person's snapshot before its UPDATE and calls cohorts_person_sync after
 * it, in the same transaction; an INSERT calls it with no snapshot. */
#ifndef SEAMLESS_COHORT_MEMBERS_H
#define SEAMLESS_COHORT_MEMBERS_H
#include "domain/cohort.h"
#include "store/store.h"

/* The person as the lists see them: what decides their entries and what a
 * list page shows of them. */
struct cohort_snapshot {
    int found;
    struct cohort_person p;
    char locality_id[STORE_ID_LEN], gp_practice_id[STORE_ID_LEN];
    char date_of_birth[16], nhs_number[16], postcode[16];
    char name_key[256], family_name[256], given_name[256];
};

/* The person as the lists see them; found = 0 when there is no such row. */
int cohorts_person_load(struct store *db, const char *person_id, struct cohort_snapshot *out,
                        struct store_error *err);
/* Brings the person's list entries, the counts and the population totals
 * from before (NULL: a new person) to the person's row as it is now, and
 * moves the cost list along with the average when that changed. */
int cohorts_person_sync(struct store *db, const char *person_id, const struct cohort_snapshot *before,
                        struct store_error *err);
/* cohorts_person_sync(id, NULL) for n people inserted together (with
 * persons_insert_unlisted), in fewer statements: the population totals
 * once per slot and the average settled once, at the end. The lists end
 * as they would after n single syncs: a list entry depends only on the
 * person and the average, and the cost list follows the final average. */
int cohorts_persons_added(struct store *db, const char (*ids)[STORE_ID_LEN], int n, struct store_error *err);
/* The average the lists reflect (pence). */
int cohorts_average(struct store *db, int64_t *average, struct store_error *err);

#endif
