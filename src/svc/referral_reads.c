/* Referrals read through the access choke point (referral_reads.h). */
#include "svc/referral_reads.h"
#include "store/referrals.h"
#include "svc/access.h"

int svc_referral_read(struct svc_ctx *c, const char *id, json_t **out)
{
    *out = NULL;
    json_t *r = svc_own(c, referrals_get(c->db, id, &c->err));
    int rc = svc_record_access(c, r, c->err.code, "referral");
    if (rc != SVC_OK)
        return rc;
    rc = svc_audit_read(c, "referral", id, json_string_value(json_object_get(r, "person_id")),
                        json_string_value(json_object_get(r, "basis")));
    if (rc == SVC_OK)
        *out = r;
    return rc;
}

int svc_referrals_of_person(struct svc_ctx *c, const char *person_id, json_t **out)
{
    *out = NULL;
    enum access_decision d;
    const char *basis;
    int rc = svc_person_access(c, person_id, &d, &basis);
    if (rc != SVC_OK)
        return rc;
    json_t *list = svc_own(c, referrals_for_person(c->db, person_id, &c->err));
    if (!list)
        return svc_failed(c, "referrals of a person");
    json_t *full = svc_own(c, json_array());
    size_t i;
    json_t *r;
    json_array_foreach(list, i, r) {
        json_t *one = referrals_get(c->db, json_string_value(json_object_get(r, "id")), &c->err);
        if (!one)
            return svc_failed(c, "referral");
        json_array_append_new(full, one);
    }
    rc = svc_audit_read_items(c, "referral", full, "person_id", basis);
    if (rc == SVC_OK)
        *out = full;
    return rc;
}
