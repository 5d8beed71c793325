/* The split in force on a day (plan_splits.h). */
#include "svc/plan_splits.h"
#include "store/joint_funding.h"
#include <string.h>

static const char *jstr(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static int64_t jint(json_t *o, const char *k)
{
    return (int64_t)json_integer_value(json_object_get(o, k));
}

size_t plan_splits_of_task(json_t *rows, const char *task_id, struct jf_dated_split *out, size_t cap)
{
    size_t i, n = 0;
    json_t *s;
    json_array_foreach(rows, i, s) {
        if (n == cap || strcmp(jstr(s, "plan_task_id"), task_id) != 0 ||
            date_parse(jstr(s, "effective_from"), "effective_from", &out[n].effective_from, NULL) != 0)
            continue;
        out[n++].split = (struct jf_split){jint(s, "split_nhs"), jint(s, "split_council"), jint(s, "split_person")};
    }
    return n;
}

int plan_splits_overlay(struct store *db, const char *plan_id, json_t *tasks, struct date on,
                        struct store_error *err)
{
    json_t *rows = jf_task_splits_for_plan(db, plan_id, err);
    if (!rows)
        return err->code < 0 ? err->code : STORE_EGENERIC;
    size_t i;
    json_t *t;
    struct jf_dated_split ds[PLAN_SPLITS_MAX];
    json_array_foreach(tasks, i, t) {
        size_t n = plan_splits_of_task(rows, jstr(t, "id"), ds, PLAN_SPLITS_MAX);
        long k = jf_split_in_force(ds, n, on);
        if (k < 0)
            continue;
        char from[DATE_STR_SIZE];
        date_format(ds[k].effective_from, from);
        size_t j;
        json_t *s, *src = NULL;
        json_array_foreach(rows, j, s) if (strcmp(jstr(s, "plan_task_id"), jstr(t, "id")) == 0 &&
                                           strcmp(jstr(s, "effective_from"), from) == 0) src = s;
        json_object_set(t, "split_unit", json_object_get(src, "split_unit"));
        json_object_set_new(t, "split_nhs", json_integer(ds[k].split.nhs));
        json_object_set_new(t, "split_council", json_integer(ds[k].split.council));
        json_object_set_new(t, "split_person", json_integer(ds[k].split.person));
        json_object_set_new(t, "split_source", json_string("panel"));
        json_object_set_new(t, "split_effective_from", json_string(from));
    }
    json_decref(rows);
    return 0;
}
