/* svc/discharge_stays: a person's hospital stays read through the access
 * choke point, for FHIR Encounter (svc/discharge.h). */
#include "svc/access.h"
#include "svc/discharge.h"
#include "svc/discharge_int.h"
#include "store/discharge.h"

int svc_discharge_stays_of_person(struct svc_ctx *c, const char *person_id, json_t **out)
{
    *out = NULL;
    enum access_decision d;
    const char *basis;
    int rc = svc_person_access(c, person_id, &d, &basis);
    if (rc != SVC_OK)
        return rc;
    json_t *stays = svc_own(c, discharge_stays_of_person(c->db, person_id, &c->err));
    if (!stays)
        return svc_failed(c, "stays of a person");
    rc = svc_audit_read_items(c, "hospital_stay", stays, "person_id", basis);
    if (rc == SVC_OK)
        *out = stays;
    return rc;
}

int svc_discharge_stay_brief(struct svc_ctx *c, const char *id, json_t **out)
{
    *out = NULL;
    json_t *stay;
    int rc = discharge_load_stay(c, id, &stay);
    if (rc != SVC_OK)
        return rc;
    rc = svc_audit_read(c, "hospital_stay", id, json_string_value(json_object_get(stay, "person_id")),
                        json_string_value(json_object_get(stay, "basis")));
    if (rc == SVC_OK)
        *out = stay;
    return rc;
}
