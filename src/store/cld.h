/* cld: the SQL behind the Client Level Data return (svc/cld.h).
 *
 * Each query returns the candidate events of one council (org_id) whose
 * dates fall in a window the caller widens by a day either side (the
 * timestamps are UTC; the service applies the exact rule on UK dates with
 * domain/cld.h), each row with the person's columns (PERSON_COLS in cld.c:
 * person_id, nhs_number, date_of_birth, date_of_death, sex, postcode,
 * gp_code, gp_name, local_id and the recorded CLD attributes). Rows are
 * ordered by start and id, so the same data gives the same order. JSON
 * arrays owned by the caller; NULL on error (err filled). */
#ifndef SEAMLESS_CLD_STORE_H
#define SEAMLESS_CLD_STORE_H
#include <jansson.h>
#include "store/accounts.h"
#include "store/store.h"

/* Councils: [{id, code, name}] by code; code NULL lists every council. */
json_t *cld_councils(struct store *db, const char *code, struct store_error *err);

/* Referrals whose front door or holding team is the council's, with an
 * outcome recorded between lo and hi (timestamps' text, lo <= t < hi);
 * from_stay 1 when the referral raised a transfer of care from a hospital
 * stay (stay_transfers), else 0. */
json_t *cld_requests(struct store *db, const char *org_id, const char *lo, const char *hi, struct store_error *err);
/* The council's completed Care Act and carers' assessments. */
json_t *cld_assessments(struct store *db, const char *org_id, const char *lo, const char *hi,
                        struct store_error *err);
/* Tasks of the council's active or ended plans that the council funds
 * (accountable, or a council share in an agreed split), and reablement
 * episodes of the council's teams, overlapping lo..hi (dates). */
json_t *cld_plan_services(struct store *db, const char *org_id, const char *lo, const char *hi,
                          struct store_error *err);
json_t *cld_reablement(struct store *db, const char *org_id, const char *lo, const char *hi,
                       struct store_error *err);
/* Reviews of the council's direct payments dated lo..hi. */
json_t *cld_reviews(struct store *db, const char *org_id, const char *lo, const char *hi, struct store_error *err);

/* A person's recorded CLD attributes ({} when none), and setting them
 * (insert or replace; version-checked when a row exists: STORE_ENOTFOUND
 * when version moved on). */
json_t *cld_attributes_get(struct store *db, const char *person_id, struct store_error *err);
int cld_attributes_put(struct store *db, const struct actor *by, const char *person_id, long long version,
                       json_t *attrs, struct store_error *err);

/* The CLD details of one event record: what kind of record (enum
 * cld_record), its person ({person_id} or STORE_ENOTFOUND), and setting
 * them (a and b: the record's one or two detail columns, NULL clears;
 * STORE_ENOTFOUND when absent). Assessment: a = method. Plan task: a =
 * service component. Direct payment review: a = method, b = outcomes
 * achieved. */
enum cld_record { CLD_RECORD_ASSESSMENT, CLD_RECORD_PLAN_TASK, CLD_RECORD_REVIEW };
json_t *cld_record_person(struct store *db, enum cld_record kind, const char *id, struct store_error *err);
int cld_record_set(struct store *db, enum cld_record kind, const char *id, const char *a, const char *b,
                   struct store_error *err);

#endif
