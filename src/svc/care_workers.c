#include "svc/care_workers.h"
#include "svc/input.h"
#include "store/care_plans.h"
#include <string.h>

int svc_known_competency(struct svc_ctx *c, const char *code)
{
    struct store_error err = {0};
    json_t *types = svc_own(c, care_task_types_list(c->db, &err)), *t;
    size_t i;
    json_array_foreach(types, i, t) {
        const char *k = json_string_value(json_object_get(t, "competency_code"));
        if (k && code && strcmp(k, code) == 0)
            return 1;
    }
    return 0;
}

int svc_worker_decode(struct svc_ctx *c, json_t *body, const char **user_id, const char **name, const char **org_id,
                      json_t **user, json_t *errors)
{
    struct store_error err = {0};
    *user_id = input_str(body, "worker_user_id", errors);
    *name = NULL;
    *user = NULL;
    if (*user_id && **user_id) {
        *user = svc_own(c, care_plans_user(c->db, *user_id, &err));
        if (!*user)
            svc_error_add(errors, "worker_user_id", "is not a member of staff");
        else
            *org_id = json_string_value(json_object_get(*user, "org_id"));
        return *user ? 0 : -1;
    }
    *user_id = NULL;
    *name = input_line(body, "worker_name", 0, 200, errors);
    *org_id = input_str(body, "worker_org_id", errors);
    json_t *o = *org_id && **org_id ? svc_own(c, care_plans_org(c->db, *org_id, &err)) : NULL;
    if (!*name)
        svc_error_add(errors, "worker_name", "give a member of staff (worker_user_id) or a worker's name");
    if (!o)
        svc_error_add(errors, "worker_org_id", "must be the worker's organisation");
    return *name && o ? 0 : -1;
}
