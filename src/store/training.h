/* training: courses towards the delegated-task competencies, attendance,
 * and the rows of the uptake measure (migration 010). JSON results owned by
 * the caller; NULL on error (err filled, STORE_ENOTFOUND when absent).
 * Writes expect the caller's transaction. */
#ifndef SEAMLESS_TRAINING_STORE_H
#define SEAMLESS_TRAINING_STORE_H
#include <jansson.h>
#include "store/accounts.h"

int training_courses_insert(struct store *db, const struct actor *by, const char *code, const char *title,
                            const char *competency_code, const char *org_id, char id[STORE_ID_LEN],
                            struct store_error *err);
json_t *training_courses_get(struct store *db, const char *id, struct store_error *err);
/* Every course with its attendance and completion counts. */
json_t *training_courses_list(struct store *db, struct store_error *err);

struct training_attendance_row {
    const char *course_id, *worker_user_id, *worker_name, *worker_org_id, *attended_on;
    int completed;
};
int training_attendance_insert(struct store *db, const struct actor *by, const struct training_attendance_row *a,
                               char id[STORE_ID_LEN], struct store_error *err);

/* One row per distinct worker and competency with an assignment running on
 * `today` to a task that needs the competency: {competency_code,
 * last_trained_on (latest completed course for it, or null)}. No names. */
json_t *training_uptake_rows(struct store *db, const char *today, struct store_error *err);

#endif
