/* personal_budgets: the SQL for a care plan's social care personal budget,
 * its direct payment arrangement and the direct payment's reviews
 * (migration 013). JSON results are owned by the caller; NULL means error
 * (err filled, STORE_ENOTFOUND when absent). Writes expect the caller's
 * transaction. Dates are "YYYY-MM-DD" text; money is integer pence. */
#ifndef SEAMLESS_PERSONAL_BUDGETS_STORE_H
#define SEAMLESS_PERSONAL_BUDGETS_STORE_H
#include <jansson.h>
#include "store/accounts.h"

struct personal_budget_row {
    const char *plan_id, *person_id;
    long long weekly_pence, council_pence, person_pence, contribution_pence;
};
/* A new budget for the plan (version 1): STORE_ECONSTRAINT when it has one. */
int personal_budgets_insert(struct store *db, const struct actor *by, const struct personal_budget_row *b,
                            char id[STORE_ID_LEN], struct store_error *err);
/* Replaces the snapshot at `version` and bumps it: STORE_ENOTFOUND when the
 * version moved on. */
int personal_budgets_update(struct store *db, const struct actor *by, const char *id, long long version,
                            const struct personal_budget_row *b, struct store_error *err);
json_t *personal_budgets_for_plan(struct store *db, const char *plan_id, struct store_error *err);

struct direct_payment_row {
    const char *budget_id, *plan_id, *person_id, *requested_by, *authorised_person_name, *capacity_basis, *start_on;
    int able_to_manage;
    long long weekly_pence;
};
/* Records the budget's arrangement, or replaces it in place (reviews stay;
 * an ended one starts again). */
int direct_payments_save(struct store *db, const struct actor *by, const struct direct_payment_row *d,
                         struct store_error *err);
/* Ends a running arrangement (a review's outcome "end"): STORE_ENOTFOUND
 * when it has already ended. */
int direct_payments_end(struct store *db, const struct actor *by, const char *id, const char *ended_on,
                        struct store_error *err);
json_t *direct_payments_for_budget(struct store *db, const char *budget_id, struct store_error *err);

struct dp_review_row {
    const char *direct_payment_id, *plan_id, *person_id, *due_on, *reviewed_on, *outcome, *notes;
};
int dp_reviews_insert(struct store *db, const struct actor *by, const struct dp_review_row *r,
                      char id[STORE_ID_LEN], struct store_error *err);
/* Newest first, with the reviewer's name. */
json_t *dp_reviews_for_payment(struct store *db, const char *dp_id, struct store_error *err);
/* Running direct payments on plans held by the user's teams, for living, unmerged
 * people: [{direct_payment_id, plan_id, person_id, start_on,
 * weekly_amount_pence, last_reviewed_on, nhs_number, family_name,
 * given_name}]. */
json_t *dp_reviews_schedule(struct store *db, const char *user_id, struct store_error *err);

#endif
