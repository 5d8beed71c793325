/* JSON API of Care Act needs assessments (care_act_api.h). */
#include "api/api.h"
#include "api/care_act_api.h"
#include "api/handlers.h"
#include "store/care_act_assessments.h"

/* After a write: the assessment without the person's identifying details
 * (the write itself is audited; the record is read with GET). */
static void respond(struct request *req, struct response *res, const char *id, int status)
{
    struct store_error err = {0};
    json_t *a = care_act_get(req->db, id, &err);
    if (!a) {
        http_internal(res, req, 503, err.message);
        return;
    }
    const char *drop[] = {"family_name", "given_name", "date_of_birth", "nhs_number"};
    for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
        json_object_del(a, drop[i]);
    care_act_present(a);
    http_etag(res, req, json_integer_value(json_object_get(a, "version")));
    http_json(res, status, a);
}

void h_care_act_create(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    char id[STORE_ID_LEN];
    if (care_act_create(req, res, req->params[0], body, id) == 0) {
        http_header_add(res, req, "Location", arena_printf(&req->arena, "/api/v1/care-act/assessments/%s", id));
        respond(req, res, id, 201);
    }
    json_decref(body);
}

void h_care_act_list(struct request *req, struct response *res)
{
    json_t *items = care_act_list(req, res, req->params[0]);
    if (items)
        http_json(res, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}

void h_care_act_get(struct request *req, struct response *res)
{
    json_t *a = care_act_read(req, res, req->params[0]);
    if (a) {
        http_etag(res, req, json_integer_value(json_object_get(a, "version")));
        http_json(res, 200, a);
    }
}

typedef int (*write_fn)(struct request *req, struct response *res, const char *id, json_t *body);

static void write_with(struct request *req, struct response *res, write_fn fn)
{
    json_t *body = req->body.len ? http_body_json(req, res) : json_object();
    if (!body)
        return;
    if (fn(req, res, req->params[0], body) == 0)
        respond(req, res, req->params[0], 200);
    json_decref(body);
}

void h_care_act_update(struct request *req, struct response *res) { write_with(req, res, care_act_update); }
void h_care_act_complete(struct request *req, struct response *res) { write_with(req, res, care_act_complete_assessment); }
void h_care_act_authorise(struct request *req, struct response *res) { write_with(req, res, care_act_authorise_assessment); }
