/* Merging two records of the same person (persons.h: svc_person_merge). */
#include "svc/persons.h"
#include <string.h>

/* The record, or NULL with a field error (or SVC_FAILED in *rc). */
static json_t *load(struct svc_ctx *c, const char *id, const char *field, int *rc)
{
    json_t *p = svc_own(c, persons_get(c->db, id, &c->err));
    if (!p && c->err.code != STORE_ENOTFOUND) {
        *rc = svc_failed(c, "person merge: load");
        return NULL;
    }
    if (!p)
        svc_field_error(c, field, "is not a person on the record");
    else if (!json_is_null(json_object_get(p, "merged_into")))
        svc_field_error(c, field, "was already merged into another record");
    return p;
}

int svc_person_merge(struct svc_ctx *c, const char *person_id, const char *merge_id)
{
    if (!merge_id)
        svc_field_error(c, "merge_id", "is required: the duplicate record to merge into this one");
    else if (strcmp(merge_id, person_id) == 0)
        svc_field_error(c, "merge_id", "must be a different record");
    if (svc_has_errors(c))
        return SVC_INVALID;
    int rc = SVC_OK;
    json_t *s = load(c, person_id, "id", &rc), *m = rc == SVC_OK ? load(c, merge_id, "merge_id", &rc) : NULL;
    if (rc != SVC_OK)
        return rc;
    if (svc_has_errors(c))
        return SVC_INVALID;
    const char *nhs = json_is_null(json_object_get(s, "nhs_number"))
                          ? json_string_value(json_object_get(m, "nhs_number")) : NULL;
    struct actor by = svc_actor(c);
    rc = svc_tx_begin(c);
    if (rc == 0) rc = persons_merge(c->db, &by, person_id, merge_id, &c->err);
    if (rc == 0 && nhs) rc = persons_set_nhs_number(c->db, person_id, nhs, &c->err);
    if (rc == 0) rc = persons_event_add(c->db, person_id, c->org_id, c->user_id, "merged",
                                        "Duplicate record merged into this one", svc_now(c), &c->err);
    if (rc == 0) rc = svc_tx_audit(c, "merge", "person", person_id, person_id, "admin");
    if (rc == 0) rc = svc_tx_audit(c, "merged_into", "person", merge_id, merge_id, "admin");
    if (rc < 0)
        rc = svc_failed(c, "person merge");   /* as before: any store failure is a 503 */
    return svc_tx_end(c, rc);
}
