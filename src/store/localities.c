#include "store/localities.h"
#include "store/cohort_members.h"
#include "util/num.h"
#include <stdlib.h>

int localities_add(struct store *db, const struct actor *by, const char *code, const char *name,
                   char id_out[STORE_ID_LEN], struct store_error *err)
{
    store_new_id(id_out);
    const char *p[] = {id_out, code, name, by->now};
    return store_run(db, "INSERT INTO localities (id, code, name, created_at) VALUES ($1, $2, $3, $4)", 4, p, err);
}

int localities_id_by_code(struct store *db, const char *code, char id_out[STORE_ID_LEN], struct store_error *err)
{
    const char *p[] = {code};
    return store_query_text(db, "SELECT id FROM localities WHERE code = $1", 1, p, id_out, STORE_ID_LEN, err);
}

json_t *localities_list(struct store *db, struct store_error *err)
{
    return store_query_rows(db, "SELECT l.id, l.code, l.name,"
        " (SELECT COUNT(*) FROM organisations o WHERE o.locality_id = l.id AND o.type = 'gp_practice') AS practices,"
        " (SELECT COUNT(*) FROM teams t WHERE t.locality_id = l.id) AS teams"
        " FROM localities l ORDER BY l.name", 0, NULL, err);
}

static int set_one(struct store *db, const char *sql, const char *id, const char *locality_id,
                   struct store_error *err)
{
    const char *p[] = {locality_id, id};
    int rc = store_run(db, sql, 2, p, err);
    return store_changed_one(db, rc, err);
}

/* A practice's patients move between the locality lists with it
 * (store/cohort_members.h): each is brought up to date from the snapshot
 * it has now (their population share does not change). */
int localities_set_org(struct store *db, const char *org_id, const char *locality_id, struct store_error *err)
{
    int rc = set_one(db, "UPDATE organisations SET locality_id = $1 WHERE id = $2", org_id, locality_id, err);
    const char *p[] = {org_id};
    json_t *ids = rc == STORE_OK ? store_query_rows(db, "SELECT id FROM persons WHERE gp_practice_id = $1", 1, p, err)
                                 : NULL;
    if (rc != STORE_OK || !ids)
        return rc != STORE_OK ? rc : err->code;
    size_t i;
    json_t *id;
    json_array_foreach(ids, i, id) {
        struct cohort_snapshot now;
        const char *pid = json_string_value(json_object_get(id, "id"));
        if ((rc = cohorts_person_load(db, pid, &now, err)) != STORE_OK ||
            (rc = cohorts_person_sync(db, pid, &now, err)) != STORE_OK)
            break;
    }
    json_decref(ids);
    return rc;
}

int localities_set_team(struct store *db, const char *team_id, const char *locality_id, struct store_error *err)
{
    return set_one(db, "UPDATE teams SET locality_id = $1 WHERE id = $2", team_id, locality_id, err);
}

int localities_person_count(struct store *db, long long *out, struct store_error *err)
{
    char buf[32];
    int rc = store_query_text(db, "SELECT COUNT(*) FROM persons", 0, NULL, buf, sizeof buf, err);
    if (rc == STORE_OK)
        *out = num_i64_or(buf, 0);
    return rc;
}

json_t *localities_for_user(struct store *db, const char *user_id, struct store_error *err)
{
    const char *p[] = {user_id};
    return store_query_rows(db, "SELECT DISTINCT l.code, l.name FROM user_teams ut JOIN teams t ON t.id = ut.team_id"
                                " JOIN localities l ON l.id = t.locality_id WHERE ut.user_id = $1 ORDER BY l.name",
                            1, p, err);
}
