/* training: courses towards the delegated-task competencies, who attended
 * them, and the uptake measure (domain/care_plan.h) — reported in
 * aggregate only (no names leave the uptake report).
 *
 * Who: the routes' permissions (personal data for courses and attendance,
 * aggregates for the uptake report); a course belongs to the creating
 * user's organisation. Audit: "create" of a training_course or a
 * training_attendance, in the write's transaction. JSON handed back is
 * owned by the context. */
#ifndef SEAMLESS_SVC_TRAINING_H
#define SEAMLESS_SVC_TRAINING_H
#include "svc/svc.h"

/* A course {code (≤ 40), title (≤ 200), competency_code (one a catalogue
 * task requires)}. SVC_INVALID naming the fields; SVC_CONFLICT when the
 * code is taken. */
int svc_training_course_create(struct svc_ctx *c, json_t *in, char id[STORE_ID_LEN]);
/* The course with its attendance and completion counts; SVC_NOTFOUND. */
int svc_training_course_get(struct svc_ctx *c, const char *id, json_t **out);
int svc_training_course_list(struct svc_ctx *c, json_t **items);
/* Records {worker (svc/care_workers.h), attended_on (not in the future),
 * completed (yes/no)} on course_id (SVC_NOTFOUND first). */
int svc_training_attendance(struct svc_ctx *c, const char *course_id, json_t *in);
/* {numerator, denominator, percent ("12.5%" or "no data"), by_competency:
 * [{competency_code, numerator, denominator, percent}]} today. */
int svc_training_uptake(struct svc_ctx *c, json_t **out);

#endif
