/* fhir_exports: the SQL behind FHIR Bulk Data $export jobs (migration 023)
 * and the paging of the people an export walks. Rows as JSON objects
 * keyed by column (caller owns); NULL with STORE_ENOTFOUND when absent. */
#ifndef SEAMLESS_FHIR_EXPORTS_STORE_H
#define SEAMLESS_FHIR_EXPORTS_STORE_H
#include <jansson.h>
#include "store/store.h"

struct export_job_row {
    const char *user_id, *org_id, *role, *kind, *group_id, *types, *since, *request, *created_at;
};
int fhir_export_insert(struct store *db, const struct export_job_row *r, char id[STORE_ID_LEN],
                       struct store_error *err);
json_t *fhir_export_get(struct store *db, const char *id, struct store_error *err);
/* Takes the oldest queued job (status → running): its row, or NULL with
 * STORE_ENOTFOUND when none is queued. */
json_t *fhir_export_claim(struct store *db, struct store_error *err);
/* Jobs left running by a stopped server go back to the queue; returns how many. */
int fhir_export_requeue_running(struct store *db, struct store_error *err);
int fhir_export_progress(struct store *db, const char *id, const char *progress, struct store_error *err);
/* Ends a running or queued job: status completed (files, expires_at),
 * failed (error) or cancelled. STORE_ENOTFOUND when it had already ended. */
int fhir_export_finish(struct store *db, const char *id, const char *status, const char *files, const char *error,
                       const char *now, const char *expires_at, struct store_error *err);
/* Cancels the job (its files, if any, expire now). */
int fhir_export_job_cancel(struct store *db, const char *id, const char *now, struct store_error *err);
/* Finished jobs whose files expired before now: [{id}]. */
json_t *fhir_export_expired(struct store *db, const char *now, struct store_error *err);
int fhir_export_forget(struct store *db, const char *id, struct store_error *err);

/* Person ids after after_id (id order), at most limit: every person not
 * merged (team NULL) or those on team's open caseload; changed after since
 * when since is given. fn is called with each (the text lasts for the
 * call); a non-zero return stops (an error). */
typedef int (*fhir_export_id_fn)(void *arg, const char *person_id);
int fhir_export_person_ids(struct store *db, const char *team, const char *since, const char *after_id, int limit,
                           fhir_export_id_fn fn, void *arg, struct store_error *err);

#endif
