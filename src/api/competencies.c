/* The task catalogue, the competency register, designated assessors and
 * delegated tasks' oversight reviews (svc/competencies.h), in the shape the
 * care-plan handlers and pages call them (api/care_plans_api.h): values
 * handed back are the caller's references; on failure res is set. */
#include "api/api.h"
#include "api/care_plans_api.h"
#include "svc/care_workers.h"
#include "svc/competencies.h"

/* v (owned by the context) as the caller's reference, or NULL with res set. */
static json_t *give(struct request *req, struct response *res, int rc, json_t *v)
{
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return NULL;
    }
    return json_incref(v);
}

static int done(struct request *req, struct response *res, int rc)
{
    if (rc == SVC_OK)
        return 0;
    api_result(req, res, rc);
    return -1;
}

json_t *care_task_catalogue(struct request *req, struct response *res)
{
    json_t *v = NULL;
    int rc = svc_care_task_catalogue(api_ctx(req), &v);
    return give(req, res, rc, v);
}

int care_known_competency(struct request *req, const char *code)
{
    return svc_known_competency(api_ctx(req), code);
}

int care_worker_decode(struct request *req, json_t *body, const char **user_id, const char **name,
                       const char **org_id, json_t **user, json_t *errors)
{
    int rc = svc_worker_decode(api_ctx(req), body, user_id, name, org_id, user, errors);
    json_incref(*user);   /* this interface hands the caller a reference */
    return rc;
}

int competency_record(struct request *req, struct response *res, json_t *body, char id[STORE_ID_LEN])
{
    return done(req, res, svc_competency_record(api_ctx(req), body, id));
}

json_t *competency_read(struct request *req, struct response *res, const char *id)
{
    json_t *v = NULL;
    int rc = svc_competency_get(api_ctx(req), id, &v);
    return give(req, res, rc, v);
}

int competency_assessor_name(struct request *req, struct response *res, json_t *body)
{
    return done(req, res, svc_competency_assessor_name(api_ctx(req), body));
}

json_t *competency_assessors_read(struct request *req, struct response *res)
{
    json_t *v = NULL;
    int rc = svc_competency_assessors(api_ctx(req), &v);
    return give(req, res, rc, v);
}

json_t *competency_register(struct request *req, struct response *res, const char *state)
{
    json_t *v = NULL;
    int rc = svc_competency_register(api_ctx(req), state, &v);
    return give(req, res, rc, v);
}

json_t *care_oversight_reviews(struct request *req, struct response *res, const char *state)
{
    json_t *v = NULL;
    int rc = svc_care_oversight_reviews(api_ctx(req), state, &v);
    return give(req, res, rc, v);
}
