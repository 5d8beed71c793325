/* The HTTP face of the access choke point (svc/access.h). */
#include "api/person_access.h"
#include <string.h>
#include "domain/dates.h"
#include "domain/nhs_number.h"
#include "api/api.h"
#include "svc/access.h"

int person_check(struct request *req, struct response *res, const char *person_id,
                 enum access_decision *decision, const char **basis)
{
    int rc = svc_person_access(api_ctx(req), person_id, decision, basis);
    if (rc == SVC_OK)
        return 0;
    api_result(req, res, rc);
    return -1;
}

json_t *person_record_check(struct request *req, struct response *res, json_t *row, const struct store_error *err,
                            const char *what)
{
    struct svc_ctx *c = api_ctx(req);
    if (!row)
        c->err = *err;
    int rc = svc_record_access(c, row, err->code, what);
    if (rc == SVC_OK)
        return row;
    api_result(req, res, rc);    /* before freeing row: the refusal may name the person from it */
    json_decref(row);
    return NULL;
}

json_t *person_read(struct request *req, struct response *res, const char *person_id)
{
    json_t *p;
    int rc = svc_person_read(api_ctx(req), person_id, &p);
    if (rc == SVC_OK)
        return json_incref(p);
    api_result(req, res, rc);
    return NULL;
}

void person_banner(struct request *req, json_t *data, const char *person_id)
{
    json_t *p = NULL;
    if (!person_id || svc_person_read(api_ctx(req), person_id, &p) != SVC_OK || !p)
        return;
    json_t *b = json_object();
    const char *keys[] = {"id", "given_name", "family_name", "date_of_birth", "date_of_death", "alert_safeguarding",
                          "alert_risk_to_staff"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        json_object_set(b, keys[i], json_object_get(p, keys[i]));
    const char *nhs = json_string_value(json_object_get(p, "nhs_number"));
    if (nhs && strlen(nhs) == 10) {
        char f[NHS_NUMBER_FORMATTED];
        nhs_number_format(nhs, f);
        json_object_set_new(b, "nhs_number_formatted", json_string(f));
    }
    struct date dob, today = svc_today(api_ctx(req));
    if (date_parse(json_string_value(json_object_get(p, "date_of_birth")), "dob", &dob, NULL) == 0) {
        json_object_set_new(b, "age", json_integer(date_age_years(dob, today)));
    }
    json_object_set_new(b, "has_alerts", json_boolean(json_is_true(json_object_get(p, "alert_safeguarding")) ||
                                                      json_is_true(json_object_get(p, "alert_risk_to_staff"))));
    json_object_set_new(data, "banner", b);   /* p is owned by the request's context */
}
