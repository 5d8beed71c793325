/* svc/care_act_answered: a Care Act assessment's answers and its completion
 * in one transaction (svc/care_act.h), for a way in that sends them at once
 * (a FHIR QuestionnaireResponse: create, or update with status completed):
 * svc_care_act_create, svc_care_act_update and svc_care_act_complete,
 * joined — the same rules and audit entries as those calls one by one, and
 * a refusal at any step (an answer, a missing answer, the assessor's
 * confirmation, the version) leaves nothing behind. */
#include "svc/care_act.h"

/* The answers (if any) against e, then (confirm non-NULL) the completion
 * against the version the update just wrote; inside the caller's
 * transaction. */
static int answer_then_complete(struct svc_ctx *c, const char *id, json_t *answers, json_t *confirm,
                                const struct svc_expect *e)
{
    static const struct svc_expect just_written = {"*", NULL};   /* checked by the update, same transaction */
    int rc = SVC_OK, answered = json_object_size(answers) > 0;
    if (answered)
        rc = svc_care_act_update(c, id, answers, e);
    if (rc == SVC_OK && confirm)
        rc = svc_care_act_complete(c, id, confirm, answered ? &just_written : e);
    return rc;
}

int svc_care_act_create_answered(struct svc_ctx *c, const char *person_id, json_t *in, json_t *answers,
                                 json_t *confirm, char id[STORE_ID_LEN])
{
    int rc = svc_tx_begin(c);
    if (rc != 0)
        return rc;
    rc = svc_care_act_create(c, person_id, in, id);
    if (rc == SVC_OK) {
        json_t *v1 = svc_own(c, json_integer(1));
        struct svc_expect e = {NULL, v1};
        rc = answer_then_complete(c, id, answers, confirm, &e);
    }
    return svc_tx_end(c, rc);
}

int svc_care_act_complete_answered(struct svc_ctx *c, const char *id, json_t *answers, json_t *confirm,
                                   const struct svc_expect *e)
{
    int rc = svc_tx_begin(c);
    if (rc != 0)
        return rc;
    return svc_tx_end(c, answer_then_complete(c, id, answers, confirm, e));
}
