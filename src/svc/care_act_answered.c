/* svc/care_act_answered: a Care Act assessment created with its first
 * answers in one transaction (svc/care_act.h), for a way in that sends both
 * at once (FHIR QuestionnaireResponse create): svc_care_act_create then
 * svc_care_act_update, joined — a refused answer leaves no draft behind. */
#include "svc/care_act.h"

int svc_care_act_create_answered(struct svc_ctx *c, const char *person_id, json_t *in, json_t *answers,
                                 char id[STORE_ID_LEN])
{
    int rc = svc_tx_begin(c);
    if (rc != 0)
        return rc;
    rc = svc_care_act_create(c, person_id, in, id);
    if (rc == SVC_OK && json_object_size(answers)) {
        json_t *v1 = svc_own(c, json_integer(1));
        struct svc_expect e = {NULL, v1};
        rc = svc_care_act_update(c, id, answers, &e);
    }
    return svc_tx_end(c, rc);
}
