/* FHIR $export jobs (fhir_exports.h). */
#include "store/fhir_exports.h"
#include "store/backend.h"
#include <stdio.h>

int fhir_export_insert(struct store *db, const struct export_job_row *r, char id[STORE_ID_LEN],
                       struct store_error *err)
{
    store_new_id(id);
    const char *p[] = {id, r->user_id, r->org_id, r->role, r->kind, r->group_id, r->types, r->since, r->request,
                       r->created_at};
    return store_run(db, "INSERT INTO fhir_export_jobs (id, user_id, org_id, role, kind, group_id, types, since,"
                         " request, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'queued', $10)",
                     10, p, err);
}

json_t *fhir_export_get(struct store *db, const char *id, struct store_error *err)
{
    const char *p[] = {id};
    return store_query_one(db, "SELECT * FROM fhir_export_jobs WHERE id = $1", 1, p, err);
}

json_t *fhir_export_claim(struct store *db, struct store_error *err)
{
    if (store_tx_begin(db, STORE_TX_WRITE, err) != 0)
        return NULL;
    json_t *job = store_query_one(db, "SELECT * FROM fhir_export_jobs WHERE status = 'queued'"
                                      " ORDER BY created_at, id LIMIT 1", 0, NULL, err);
    const char *p[] = {job ? json_string_value(json_object_get(job, "id")) : ""};
    if (!job || store_run(db, "UPDATE fhir_export_jobs SET status = 'running', progress = '' WHERE id = $1", 1, p,
                          err) != 0 || store_tx_commit(db, err) != 0) {
        store_tx_rollback(db);
        json_decref(job);
        return NULL;
    }
    json_object_set_new(job, "status", json_string("running"));
    return job;
}

int fhir_export_requeue_running(struct store *db, struct store_error *err)
{
    int rc = store_run(db, "UPDATE fhir_export_jobs SET status = 'queued', progress = 'restarted'"
                           " WHERE status = 'running'", 0, NULL, err);
    return rc == 0 ? (int)store_changes(db) : rc;   /* a handful of jobs */
}

int fhir_export_progress(struct store *db, const char *id, const char *progress, struct store_error *err)
{
    const char *p[] = {id, progress};
    return store_run(db, "UPDATE fhir_export_jobs SET progress = $2 WHERE id = $1 AND status = 'running'", 2, p, err);
}

int fhir_export_finish(struct store *db, const char *id, const char *status, const char *files, const char *error,
                       const char *now, const char *expires_at, struct store_error *err)
{
    const char *p[] = {id, status, files, error, now, expires_at};
    int rc = store_run(db, "UPDATE fhir_export_jobs SET status = $2, files = $3, error = $4, finished_at = $5,"
                           " expires_at = $6 WHERE id = $1 AND status IN ('queued', 'running')", 6, p, err);
    if (rc == 0 && store_changes(db) == 0)
        return store_notfound(err);
    return rc;
}

int fhir_export_job_cancel(struct store *db, const char *id, const char *now, struct store_error *err)
{
    const char *p[] = {id, now};
    return store_run(db, "UPDATE fhir_export_jobs SET status = 'cancelled', expires_at = $2,"
                         " finished_at = COALESCE(finished_at, $2) WHERE id = $1", 2, p, err);
}

json_t *fhir_export_expired(struct store *db, const char *now, struct store_error *err)
{
    const char *p[] = {now};
    return store_query_rows(db, "SELECT id FROM fhir_export_jobs WHERE expires_at IS NOT NULL AND expires_at < $1"
                                " ORDER BY id", 1, p, err);
}

int fhir_export_forget(struct store *db, const char *id, struct store_error *err)
{
    const char *p[] = {id};
    return store_run(db, "DELETE FROM fhir_export_jobs WHERE id = $1", 1, p, err);
}

int fhir_export_person_ids(struct store *db, const char *team, const char *since, const char *after_id, int limit,
                           fhir_export_id_fn fn, void *arg, struct store_error *err)
{
    struct store_stmt *s = store_prepare(db, team
        ? "SELECT DISTINCT p.id FROM caseloads c JOIN persons p ON p.id = c.person_id"
          " WHERE c.team_id = $4 AND c.closed_on IS NULL AND p.merged_into IS NULL"
          " AND p.id > $1 AND ($2 = '' OR p.updated_at > $2) ORDER BY p.id LIMIT $3"
        : "SELECT id FROM persons WHERE merged_into IS NULL AND id > $1"
          " AND ($2 = '' OR updated_at > $2) AND $4 = $4 ORDER BY id LIMIT $3", err);
    if (!s)
        return err->code;
    store_bind_text(s, 1, after_id ? after_id : "");
    store_bind_text(s, 2, since ? since : "");
    store_bind_int(s, 3, limit);
    store_bind_text(s, 4, team ? team : "");
    int rc;
    while ((rc = store_step(s, err)) == STORE_ROW)
        if (fn(arg, store_col_text(s, 0)) != 0) {
            rc = store_fail(err, STORE_EGENERIC, "export ids: the caller stopped");
            break;
        }
    store_reset(s);
    return rc < 0 ? rc : STORE_OK;
}
