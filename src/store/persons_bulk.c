/* persons_bulk: registering many people in one transaction (persons.h,
 * "Registering many people"). A row at a time into persons costs every
 * index of the table a descent from its root; one INSERT … SELECT from a
 * stage keeps each index's cursor where the last row left it, which for
 * ids, NHS numbers and times that grow is the end (docs/performance.md,
 * session 18). */
#include "store/backend.h"
#include "store/cohort_members.h"
#include "store/persons.h"
#include "store/persons_int.h"
#include <stdlib.h>

int persons_stage_open(struct store *db, struct store_error *err)
{
    /* The stage has the columns of persons (types too, on PostgreSQL).
     * Temporary: this connection's own, gone when it closes;
     * rolled back with the transaction that filled it. */
    int rc = store_exec(db, "CREATE TEMP TABLE IF NOT EXISTS persons_stage AS SELECT " PERSONS_INSERT_COLUMNS
                        " FROM persons WHERE 1 = 0", err);
    return rc == STORE_OK ? store_run(db, "DELETE FROM persons_stage", 0, NULL, err) : rc;
}

int persons_stage_add(struct store *db, const struct actor *by, json_t *row, char id[STORE_ID_LEN],
                      struct store_error *err)
{
    struct store_stmt *s = store_prepare(db, "INSERT INTO persons_stage (" PERSONS_INSERT_COLUMNS ")"
                                             " VALUES (" PERSONS_INSERT_PARAMS ")", err);
    if (!s)
        return err->code;
    persons_bind_new(s, row, by, id);
    return store_step_done(s, err);
}

/* Each person's own values for store_insert_rows: their id, preceded by a
 * new record id of theirs when records is given. */
static const char **own_values(const char (*ids)[STORE_ID_LEN], int n, char (*records)[STORE_ID_LEN])
{
    int per = records ? 2 : 1;
    const char **v = calloc((size_t)(n ? n : 1) * (size_t)per, sizeof *v);
    for (int i = 0; v && i < n; i++) {
        if (records) {
            store_new_record_id(ids[i], records[i]);
            v[i * 2] = records[i];
        }
        v[i * per + per - 1] = ids[i];
    }
    return v;
}

/* The organisation holding their data, the event and the caseload. */
static int registered(struct store *db, const struct actor *by, const char (*ids)[STORE_ID_LEN], int n,
                      const char *org_id, const char *team_id, const char *opened_on, const char *summary,
                      struct store_error *err)
{
    char (*records)[STORE_ID_LEN] = calloc((size_t)(n ? n : 1), STORE_ID_LEN);
    const char **own = records ? own_values(ids, n, NULL) : NULL;
    const char **with_record = records ? own_values(ids, n, records) : NULL;
    int rc = own && with_record ? STORE_OK : store_fail(err, STORE_EGENERIC, "out of memory");
    if (rc == STORE_OK) {
        const char *shared[] = {org_id, by->now};
        rc = store_insert_rows(db, "INSERT INTO person_orgs (person_id, org_id, since) VALUES ", "(#1, $1, $2)", 2,
                               shared, 1, own, n, err);
    }
    if (rc == STORE_OK) {
        const char *shared[] = {by->now, org_id, by->user_id, "registered", summary};
        rc = store_insert_rows(db, "INSERT INTO person_events (id, person_id, at, org_id, user_id, kind, summary)"
                               " VALUES ", "(#1, #2, $1, $2, $3, $4, $5)", 5, shared, 2, with_record, n, err);
    }
    if (rc == STORE_OK && team_id) {
        free(with_record);   /* new record ids for the caseload entries */
        with_record = own_values(ids, n, records);
        const char *shared[] = {team_id, opened_on, "registered", by->now, by->user_id};
        rc = with_record ? store_insert_rows(db, "INSERT INTO caseloads (id, person_id, team_id, opened_on, reason,"
                                             " created_at, created_by) VALUES ", "(#1, #2, $1, $2, $3, $4, $5)", 5,
                                             shared, 2, with_record, n, err)
                         : store_fail(err, STORE_EGENERIC, "out of memory");
    }
    free(own);
    free(with_record);
    free(records);
    return rc;
}

int persons_stage_write(struct store *db, const struct actor *by, const char (*ids)[STORE_ID_LEN], int n,
                        const char *org_id, const char *team_id, const char *opened_on, const char *summary,
                        struct store_error *err)
{
    /* No ORDER BY (a sort of the whole stage): SQLite reads the stage in
     * the order it was filled, ids growing; the order is not otherwise
     * needed. */
    int rc = store_run(db, "INSERT INTO persons (" PERSONS_INSERT_COLUMNS ") SELECT " PERSONS_INSERT_COLUMNS
                           " FROM persons_stage", 0, NULL, err);
    if (rc == STORE_OK)
        rc = store_run(db, "DELETE FROM persons_stage", 0, NULL, err);
    if (rc == STORE_OK)
        rc = cohorts_persons_added(db, ids, n, err);
    return rc == STORE_OK ? registered(db, by, ids, n, org_id, team_id, opened_on, summary, err) : rc;
}
