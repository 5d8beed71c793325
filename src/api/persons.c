/* The shared person record over the API: register, read, change, search. */
#include "api/api.h"
#include "api/handlers.h"
#include "api/person_access.h"
#include "api/persons_api.h"
#include "domain/nhs_number.h"
#include "domain/words.h"
#include "svc/person_input.h"
#include "svc/persons.h"
#include <stdio.h>
#include <string.h>

void person_present(json_t *p)
{
    const char *nhs = json_string_value(json_object_get(p, "nhs_number"));
    if (nhs && strlen(nhs) == 10) {
        char f[13];
        nhs_number_format(nhs, f);
        json_object_set_new(p, "nhs_number_formatted", json_string(f));
    }
    const char *st = words_nhs_number_status(json_string_value(json_object_get(p, "nhs_number_status")));
    if (st) {
        json_object_set_new(p, "nhs_number_status_text", json_string(st));
        json_object_set_new(p, "nhs_number_traced",
                            json_boolean(!strcmp(json_string_value(json_object_get(p, "nhs_number_status")), "01")));
    }
    json_object_del(p, "nhs_number_verified");
    if (json_object_get(p, "alert_safeguarding"))
        json_object_set_new(p, "has_alerts", json_boolean(json_is_true(json_object_get(p, "alert_safeguarding")) ||
                                                          json_is_true(json_object_get(p, "alert_risk_to_staff"))));
}

/* Fills res with a refused write's outcome: a duplicate NHS number also
 * links the existing record. */
static int refused(struct request *req, struct response *res, int rc)
{
    api_result(req, res, rc);
    const char *other = json_string_value(json_object_get(api_ctx(req)->extra, "existing_id"));
    if (rc == SVC_DUPLICATE_NHS && other && res->json)
        json_object_set_new(res->json, "existing", json_string(arena_printf(&req->arena, "/api/v1/persons/%s",
                                                                            other)));
    return -1;
}

/* Shared by the API and the registration page: 0 and id on success, else
 * res holds the problem (422 errors, 409 duplicate). */
int person_create(struct request *req, struct response *res, json_t *body, char id[STORE_ID_LEN])
{
    struct svc_ctx *c = api_ctx(req);
    int confirmed = 0;
    if (json_object_get(body, "confirm_not_duplicate") &&
        input_bool_value(json_object_get(body, "confirm_not_duplicate"), &confirmed) < 0)
        svc_field_error(c, "confirm_not_duplicate", "must be true or false");
    /* The callers read the record through person_read (audited), so the
     * service does not read it back as well. */
    int rc = svc_person_register(c, body, json_string_value(json_object_get(body, "team_id")), !confirmed, id, NULL);
    return rc == SVC_OK ? 0 : refused(req, res, rc);
}

/* What an API body may hold besides the record's fields: on a create the
 * registration's two choices; on a PATCH also what a GET answered, so a
 * client may send back the record it read (those members are not
 * changed by it). nhs_number_verified, the member clients sent before the
 * status indicator (#14 item 5), is accepted and has no effect: a status
 * comes from a trace. Anything else is refused by name (422), not dropped. */
static const char *const CREATE_ALSO[] = {"confirm_not_duplicate", "team_id", "nhs_number_verified", NULL};
static const char *const UPDATE_ALSO[] = {
    "nhs_number_verified", "version", "id", "access", "caseloads", "local_identifiers", "created_at", "created_by", "updated_at",
    "updated_by", "merged_into", "registered_org_id", "registered_org_code", "gp_practice_code", "gp_practice_name",
    "nhs_number_formatted", "nhs_number_status_text", "nhs_number_traced", "has_alerts", "ltc_count", "efi_count",
    "efi_deficits", "frailty_flag", "predicted_cost_pence", NULL,
};

void h_person_create(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    person_input_unknown(body, CREATE_ALSO, svc_errors(api_ctx(req)));
    char id[STORE_ID_LEN];
    if (person_create(req, res, body, id) == 0) {
        json_t *p = person_read(req, res, id);
        if (p) {
            person_present(p);
            http_header_add(res, req, "Location", arena_printf(&req->arena, "/api/v1/persons/%s", id));
            http_etag(res, req, json_integer_value(json_object_get(p, "version")));
            http_json(res, 201, p);
        }
    }
    json_decref(body);
}

void h_person_get(struct request *req, struct response *res)
{
    json_t *p = person_read(req, res, req->params[0]);
    if (!p)
        return;
    person_present(p);
    http_etag(res, req, json_integer_value(json_object_get(p, "version")));
    http_json(res, 200, p);
}

/* Shared by PATCH and the edit page: 0 on success, else res is set. */
int person_update(struct request *req, struct response *res, const char *id, json_t *body)
{
    struct svc_ctx *c = api_ctx(req);
    struct svc_expect e = api_expect(req, body);
    json_t *p;
    int rc = svc_person_update(c, id, &e, body, &p);
    return rc == SVC_OK ? 0 : refused(req, res, rc);
}

void h_person_update(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    person_input_unknown(body, UPDATE_ALSO, svc_errors(api_ctx(req)));
    if (person_update(req, res, req->params[0], body) == 0) {
        svc_reset(api_ctx(req));
        h_person_get(req, res);
    }
    json_decref(body);
}
