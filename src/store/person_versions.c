/* Earlier versions of a person's record (person_versions.h). */
#include "store/person_versions.h"
#include <stdio.h>
#include <stdlib.h>

int person_versions_add(struct store *db, const char *person_id, json_t *record, struct store_error *err)
{
    char ver[24];
    snprintf(ver, sizeof ver, "%lld", json_integer_value(json_object_get(record, "version")));
    char *text = json_dumps(record, JSON_COMPACT | JSON_SORT_KEYS);
    if (!text)
        return store_notfound(err);
    const char *p[] = {person_id, ver, json_string_value(json_object_get(record, "updated_at")), text};
    int rc = store_run(db, "INSERT INTO person_versions (person_id, version, updated_at, record)"
                           " VALUES ($1, CAST($2 AS INTEGER), $3, $4)", 4, p, err);
    free(text);
    return rc;
}

static json_t *parse(json_t *rows)
{
    json_t *out = json_array();
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) {
        json_t *rec = json_loads(json_string_value(json_object_get(r, "record")), 0, NULL);
        if (rec)
            json_array_append_new(out, rec);
    }
    json_decref(rows);
    return out;
}

json_t *person_versions_get(struct store *db, const char *person_id, long long version, struct store_error *err)
{
    char ver[24];
    snprintf(ver, sizeof ver, "%lld", version);
    const char *p[] = {person_id, ver};
    json_t *rows = store_query_rows(db, "SELECT record FROM person_versions WHERE person_id = $1"
                                        " AND version = CAST($2 AS INTEGER)", 2, p, err);
    if (!rows)
        return NULL;
    json_t *recs = parse(rows);
    json_t *one = json_incref(json_array_get(recs, 0));
    json_decref(recs);
    if (!one)
        store_notfound(err);
    return one;
}

json_t *person_versions_list(struct store *db, const char *person_id, int limit, struct store_error *err)
{
    char lim[16];
    snprintf(lim, sizeof lim, "%d", limit);
    const char *p[] = {person_id, lim};
    json_t *rows = store_query_rows(db, "SELECT record FROM person_versions WHERE person_id = $1"
                                        " ORDER BY version DESC LIMIT CAST($2 AS INTEGER)", 2, p, err);
    return rows ? parse(rows) : NULL;
}
