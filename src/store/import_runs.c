/* import_runs: see import_runs.h. */
#include "store/import_runs.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int import_runs_find(struct store *db, const char *kind, const char *sha256, struct import_run *run,
                     struct store_error *err)
{
    const char *p[] = {kind, sha256};
    json_t *r = store_query_one(db, "SELECT id, last_line, imported, rejected, finished_at FROM import_runs"
                                    " WHERE kind = $1 AND source_sha256 = $2", 2, p, err);
    if (!r)
        return err->code;
    snprintf(run->id, sizeof run->id, "%s", json_string_value(json_object_get(r, "id")));
    run->last_line = json_integer_value(json_object_get(r, "last_line"));
    run->imported = json_integer_value(json_object_get(r, "imported"));
    run->rejected = json_integer_value(json_object_get(r, "rejected"));
    run->finished = json_is_string(json_object_get(r, "finished_at"));
    json_decref(r);
    return 0;
}

int import_runs_insert(struct store *db, const char *kind, const char *sha256, const char *name,
                       const char *org_id, const char *now, char id[STORE_ID_LEN], struct store_error *err)
{
    store_new_id(id);
    const char *p[] = {id, kind, sha256, name, org_id, now};
    return store_run(db, "INSERT INTO import_runs (id, kind, source_sha256, source_name, org_id, started_at)"
                         " VALUES ($1, $2, $3, $4, $5, $6)", 6, p, err);
}

int import_runs_advance(struct store *db, const char *id, long long last_line, long long imported,
                        long long rejected, struct store_error *err)
{
    char l[24], i[24], r[24];
    snprintf(l, sizeof l, "%lld", last_line);
    snprintf(i, sizeof i, "%lld", imported);
    snprintf(r, sizeof r, "%lld", rejected);
    const char *p[] = {id, l, i, r};
    return store_run(db, "UPDATE import_runs SET last_line = CAST($2 AS INTEGER),"
                         " imported = imported + CAST($3 AS INTEGER), rejected = rejected + CAST($4 AS INTEGER)"
                         " WHERE id = $1", 4, p, err);
}

int import_runs_finish(struct store *db, const char *id, const char *now, struct store_error *err)
{
    const char *p[] = {id, now};
    return store_run(db, "UPDATE import_runs SET finished_at = $2 WHERE id = $1", 2, p, err);
}
