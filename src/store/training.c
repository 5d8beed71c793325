/* training: see training.h. */
#include "store/training.h"

int training_courses_insert(struct store *db, const struct actor *by, const char *code, const char *title,
                            const char *competency_code, const char *org_id, char id[STORE_ID_LEN],
                            struct store_error *err)
{
    store_new_id(id);
    const char *p[] = {id, code, title, competency_code, org_id, by->now, by->user_id};
    return store_run(db, "INSERT INTO training_courses (id, code, title, competency_code, org_id, created_at,"
                         " created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)", 7, p, err);
}

#define COURSE_SELECT "SELECT c.id, c.code, c.title, c.competency_code, c.org_id, o.name AS org_name," \
    " (SELECT COUNT(*) FROM training_attendance a WHERE a.course_id = c.id) AS attended," \
    " (SELECT COUNT(*) FROM training_attendance a WHERE a.course_id = c.id AND a.completed = 1) AS completed" \
    " FROM training_courses c JOIN organisations o ON o.id = c.org_id"

json_t *training_courses_get(struct store *db, const char *id, struct store_error *err)
{
    const char *p[] = {id};
    return store_query_one(db, COURSE_SELECT " WHERE c.id = $1", 1, p, err);
}

json_t *training_courses_list(struct store *db, struct store_error *err)
{
    return store_query_rows(db, COURSE_SELECT " ORDER BY c.competency_code, c.title, c.id LIMIT 500", 0, NULL, err);
}

int training_attendance_insert(struct store *db, const struct actor *by, const struct training_attendance_row *a,
                               char id[STORE_ID_LEN], struct store_error *err)
{
    store_new_id(id);
    const char *p[] = {id, a->course_id, a->worker_user_id, a->worker_name, a->worker_org_id, a->attended_on,
                       a->completed ? "1" : "0", by->now, by->user_id};
    return store_run(db, "INSERT INTO training_attendance (id, course_id, worker_user_id, worker_name,"
        " worker_org_id, attended_on, completed, created_at, created_by)"
        " VALUES ($1, $2, $3, $4, $5, $6, CAST($7 AS INTEGER), $8, $9)", 9, p, err);
}

json_t *training_uptake_rows(struct store *db, const char *today, struct store_error *err)
{
    const char *p[] = {today};
    return store_query_rows(db, "SELECT DISTINCT w.competency_code, (SELECT MAX(ta.attended_on)"
        " FROM training_attendance ta JOIN training_courses tc ON tc.id = ta.course_id"
        " WHERE tc.competency_code = w.competency_code AND ta.completed = 1 AND ta.worker_org_id = w.worker_org_id"
        " AND ((w.worker_user_id IS NOT NULL AND ta.worker_user_id = w.worker_user_id)"
        " OR (w.worker_user_id IS NULL AND ta.worker_user_id IS NULL AND ta.worker_name = w.worker_name)))"
        " AS last_trained_on, w.worker_key FROM (SELECT DISTINCT tt.competency_code, a.worker_user_id, a.worker_name,"
        " a.worker_org_id, COALESCE(a.worker_user_id, a.worker_org_id || '/' || a.worker_name) AS worker_key"
        " FROM care_task_assignments a JOIN care_plan_tasks pt ON pt.person_id = a.person_id AND pt.id = a.plan_task_id"
        " JOIN care_task_types tt ON tt.code = pt.task_code"
        " JOIN care_plans cp ON cp.person_id = a.person_id AND cp.id = a.plan_id"
        " WHERE tt.competency_code IS NOT NULL AND cp.status <> 'ended' AND a.from_on <= $1 AND a.to_on >= $1) w"
        " ORDER BY w.competency_code, w.worker_key", 1, p, err);
}
