/* Merging two records of the same person (org admins): everything of the
 * merged record moves to the survivor, which keeps the NHS number if it had
 * none; the merged record stays, marked merged_into, so its history and
 * audit trail remain reachable from the survivor. */
#include "api/api.h"
#include "api/handlers.h"
#include "store/persons.h"
#include <stdio.h>
#include <string.h>

static json_t *load(struct request *req, struct response *res, const char *id, const char *field, json_t *errors)
{
    struct store_error err = {0};
    json_t *p = persons_get(req->db, id, &err);
    if (!p && err.code != STORE_ENOTFOUND) {
        http_internal(res, req, 503, err.message);
        return NULL;
    }
    if (!p)
        svc_error_add(errors, field, "is not a person on the record");
    else if (!json_is_null(json_object_get(p, "merged_into")))
        svc_error_add(errors, field, "was already merged into another record");
    return p;
}

static int merge_tx(struct request *req, const char *survivor, const char *merged, const char *nhs_to_move,
                    struct store_error *err_out)
{
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {req->who.user_id, now};
    struct svc_ctx c = api_svc_ctx(req);
    struct store_error err = {0};
    int rc = store_tx_begin(req->db, STORE_TX_WRITE, &err);
    if (rc == 0) rc = persons_merge(req->db, &by, survivor, merged, &err);
    if (rc == 0 && nhs_to_move)
        rc = persons_set_nhs_number(req->db, survivor, nhs_to_move, &err);
    if (rc == 0) rc = persons_event_add(req->db, survivor, req->who.org_id, req->who.user_id, "merged",
                                        "Duplicate record merged into this one", now, &err);
    if (rc == 0) rc = svc_audit(&c, "merge", "person", survivor, survivor, "admin", &err);
    if (rc == 0) rc = svc_audit(&c, "merged_into", "person", merged, merged, "admin", &err);
    if (rc == 0 && store_tx_commit(req->db, &err) == 0)
        return 0;
    store_tx_rollback(req->db);
    *err_out = err;
    return -1;
}

void h_person_merge(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    json_t *errors = json_array();
    const char *merged_id = api_str(body, "merge_id", errors);
    if (!merged_id)
        svc_error_add(errors, "merge_id", "is required: the duplicate record to merge into this one");
    else if (strcmp(merged_id, req->params[0]) == 0)
        svc_error_add(errors, "merge_id", "must be a different record");
    json_t *s = NULL, *m = NULL;
    if (!json_array_size(errors)) {
        s = load(req, res, req->params[0], "id", errors);
        m = res->status ? NULL : load(req, res, merged_id, "merge_id", errors);
    }
    if (res->status) {
        /* a 503 from load */
    } else if (json_array_size(errors)) {
        http_validation(res, req, json_incref(errors));
    } else {
        const char *nhs = json_is_null(json_object_get(s, "nhs_number"))
                              ? json_string_value(json_object_get(m, "nhs_number")) : NULL;
        struct store_error err = {0};
        if (merge_tx(req, req->params[0], merged_id, nhs, &err) == 0)
            http_json(res, 200, json_pack("{s:s, s:s}", "id", req->params[0], "merged", merged_id));
        else
            http_internal(res, req, 503, err.message);
    }
    json_decref(s);
    json_decref(m);
    json_decref(errors);
    json_decref(body);
}
