/* JSON API for hospital discharge: the IDT board (JSON and CSV), wards,
 * the delay reasons, one stay and its changes. Thin: decode → service
 * (svc/discharge.h) → encode. */
#include "api/api.h"
#include "api/handlers.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "api/discharge_xlsx.h"
#include "svc/discharge.h"
#include "svc/reablement.h"
#include "svc/input.h"

static const char *q(struct request *req, const char *name)
{
    const char *v = http_query(req, name);
    return v ? v : "";
}

static int board_filter(struct request *req, struct response *res, struct board_filter *f, int csv)
{
    *f = (struct board_filter){q(req, "hospital"), q(req, "ward"), q(req, "pathway"), q(req, "sector"),
                               q(req, "cursor"), 50, strcmp(q(req, "show"), "all") == 0};
    if (csv) {
        f->limit = 5000;
        return 0;
    }
    f->limit = api_limit(req, res);
    return f->limit < 0 ? -1 : 0;
}

void h_discharge_board(struct request *req, struct response *res)
{
    struct board_filter f;
    if (board_filter(req, res, &f, 0) != 0)
        return;
    json_t *out;
    int rc = svc_discharge_board(api_ctx(req), &f, &out);
    api_reply(req, res, rc, 200, &out);
}

void h_discharge_board_csv(struct request *req, struct response *res)
{
    struct board_filter f;
    board_filter(req, res, &f, 1);
    json_t *out;
    int rc = svc_discharge_board(api_ctx(req), &f, &out);
    if (rc != SVC_OK)
        return api_result(req, res, rc);
    struct buf b;
    buf_init(&b, 64u << 20);
    buf_puts(&b, "NHS number,Name,Date of birth,Ward,Bed,Admitted,Discharge ready date,Days delayed,Pathway,"
                 "Delay reason,Attributed to,Next action,Owner\r\n");
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(out, "items"), i, r) {
        static const char *const cols[] = {"nhs_number_formatted", "person_name", "date_of_birth", "ward_name",
                                           "bed", "admitted_on", "ready_on", NULL, "pathway_label",
                                           "delay_reason_label", "delay_sector_label", "next_action",
                                           "next_action_owner"};
        for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++) {
            if (k)
                buf_putc(&b, ',');
            if (cols[k])
                api_csv_field(&b, json_string_value(json_object_get(r, cols[k])));
            else
                buf_printf(&b, "%lld", (long long)json_integer_value(json_object_get(r, "days_delayed")));
        }
        buf_puts(&b, "\r\n");
    }
    http_header_add(res, req, "Content-Disposition", "attachment; filename=\"discharge-board.csv\"");
    http_text(res, 200, "text/csv; charset=utf-8", buf_str(&b), b.len);
    buf_free(&b);
}

void h_discharge_board_xlsx(struct request *req, struct response *res)
{
    struct board_filter f;
    board_filter(req, res, &f, 1);
    json_t *out;
    int rc = svc_discharge_board(api_ctx(req), &f, &out);
    if (rc != SVC_OK)
        return api_result(req, res, rc);
    discharge_board_xlsx(req, res, out);
}

void h_discharge_reasons(struct request *req, struct response *res)
{
    json_t *out;
    int rc = svc_discharge_reasons(api_ctx(req), &out);
    if (rc != SVC_OK)
        return api_result(req, res, rc);
    http_json(res, 200, json_pack("{s:O}", "items", out));
}

void h_hospital_wards(struct request *req, struct response *res)
{
    json_t *out;
    int rc = svc_discharge_wards(api_ctx(req), q(req, "hospital"), &out);
    if (rc != SVC_OK)
        return api_result(req, res, rc);
    http_json(res, 200, json_pack("{s:O}", "items", out));
}

void h_hospital_ward_create(struct request *req, struct response *res)
{
    static const char *const f[] = {"code", "name", "site", "kind", "team_code", "idt_team_code", NULL};
    const char *v[6];
    if (!api_body_strings(req, res, f, v) || api_invalid(req, res))
        return;
    struct ward_input in = {v[0], v[1], v[2], v[3], v[4], v[5]};
    char id[STORE_ID_LEN];
    int rc = svc_discharge_ward_add(api_ctx(req), &in, id);
    if (rc != SVC_OK)
        return api_result(req, res, rc);
    http_json(res, 201, json_pack("{s:s, s:s, s:s}", "id", id, "code", in.code, "name", in.name));
}

void h_hospital_stay_get(struct request *req, struct response *res)
{
    json_t *out;
    int rc = svc_discharge_stay(api_ctx(req), req->params[0], &out);
    api_reply_record(req, res, rc, 200, &out);
}

/* After a change: the stay as it is now (itself an audited read). */
static void send_stay(struct request *req, struct response *res, int rc)
{
    if (rc != SVC_OK)
        return api_result(req, res, rc);
    h_hospital_stay_get(req, res);
}

void h_hospital_stay_review(struct request *req, struct response *res)
{
    static const char *const f[] = {"reviewed_on", "note", NULL};
    const char *v[2];
    json_t *body = api_body_strings(req, res, f, v);
    if (!body)
        return;
    struct svc_ctx *c = api_ctx(req);
    int meets = json_object_get(body, "meets_criteria") ? input_bool(body, "meets_criteria", svc_errors(c)) : -1;
    if (meets < 0 && !svc_has_errors(c))
        svc_field_error(c, "meets_criteria", "say whether the person meets the criteria to reside");
    if (!api_invalid(req, res))
        send_stay(req, res, svc_discharge_review(c, req->params[0], v[0], meets, v[1]));
}

void h_hospital_stay_drd(struct request *req, struct response *res)
{
    static const char *const f[] = {"discharge_ready_date", "reason", NULL};
    const char *v[2];
    if (api_body_strings(req, res, f, v) && !api_invalid(req, res))
        send_stay(req, res, svc_discharge_correct_drd(api_ctx(req), req->params[0], v[0], v[1]));
}

void h_hospital_stay_pathway(struct request *req, struct response *res)
{
    static const char *const f[] = {"planned_destination", "reason", NULL};
    const char *v[2];
    json_t *body = api_body_strings(req, res, f, v);
    if (!body)
        return;
    json_t *pw = json_object_get(body, "pathway");
    int pathway = -1;
    if (json_is_integer(pw))
        pathway = (int)json_integer_value(pw);
    else if (json_is_string(pw) && strlen(json_string_value(pw)) == 1)
        pathway = json_string_value(pw)[0] - '0';
    if (pathway < 0 || pathway > 3)
        svc_field_error(api_ctx(req), "pathway", "must be 0, 1, 2 or 3");
    if (!api_invalid(req, res))
        send_stay(req, res, svc_discharge_pathway(api_ctx(req), req->params[0], pathway, v[0], v[1]));
}

void h_hospital_stay_delay_reason(struct request *req, struct response *res)
{
    static const char *const f[] = {"delay_reason", "from_on", "sector", "override_reason", NULL};
    const char *v[4];
    if (api_body_strings(req, res, f, v) && !api_invalid(req, res))
        send_stay(req, res, svc_discharge_delay_reason(api_ctx(req), req->params[0], v[0], v[1], v[2], v[3]));
}

void h_hospital_stay_action(struct request *req, struct response *res)
{
    static const char *const f[] = {"next_action", "next_action_owner", NULL};
    const char *v[2];
    if (api_body_strings(req, res, f, v) && !api_invalid(req, res))
        send_stay(req, res, svc_discharge_next_action(api_ctx(req), req->params[0], v[0], v[1]));
}

/* A transfer of care from the stay: 201 {id, stay} (the stay as it is now,
 * with its transfers). */
void h_hospital_stay_transfer(struct request *req, struct response *res)
{
    static const char *const f[] = {"kind", "reason", "urgency", "consent", "assessment", "assessed_on",
                                    "assessed_by", NULL};
    const char *v[7];
    if (!api_body_strings(req, res, f, v) || api_invalid(req, res))
        return;
    struct svc_ctx *c = api_ctx(req);
    struct transfer_input in = {v[0], v[1], v[2], v[3], v[4], v[5], v[6]};
    char id[STORE_ID_LEN];
    int rc = svc_discharge_transfer(c, req->params[0], &in, id);
    json_t *stay;
    if (rc == SVC_OK)
        rc = svc_discharge_stay(c, req->params[0], &stay);
    if (rc != SVC_OK)
        return api_result(req, res, rc);
    http_json(res, 201, json_pack("{s:s, s:O}", "id", id, "stay", stay));
}

/* The daily situation: JSON, or CSV with ?format=csv, XLSX with ?format=xlsx. */
void h_discharge_situation(struct request *req, struct response *res)
{
    json_t *out;
    int rc = svc_discharge_situation(api_ctx(req), q(req, "hospital"), q(req, "on"), &out);
    if (rc != SVC_OK)
        return api_result(req, res, rc);
    if (strcmp(q(req, "format"), "xlsx") == 0)
        return discharge_situation_xlsx(req, res, out);
    if (strcmp(q(req, "format"), "csv") != 0)
        return http_json(res, 200, json_incref(out));
    struct buf b;
    buf_init(&b, 1u << 20);
    buf_printf(&b, "Measure,Group,Count\r\nPeople not meeting the criteria to reside,,%lld\r\n",
               (long long)json_integer_value(json_object_get(out, "not_meeting_criteria")));
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(json_object_get(out, "discharges"), "by_pathway"), i, r) {
        buf_puts(&b, "Discharges by pathway,");
        api_csv_field(&b, json_string_value(json_object_get(r, "label")));
        buf_printf(&b, ",%lld\r\n", (long long)json_integer_value(json_object_get(r, "count")));
    }
    json_array_foreach(json_object_get(out, "delayed_by_reason"), i, r) {
        buf_puts(&b, "People delayed by reason,");
        api_csv_field(&b, json_string_value(json_object_get(r, "label")));
        buf_printf(&b, ",%lld\r\n", (long long)json_integer_value(json_object_get(r, "count")));
    }
    json_array_foreach(json_object_get(out, "delayed_by_length"), i, r) {
        buf_puts(&b, "People by length of delay,");
        api_csv_field(&b, json_string_value(json_object_get(r, "band")));
        buf_printf(&b, ",%lld\r\n", (long long)json_integer_value(json_object_get(r, "count")));
    }
    http_header_add(res, req, "Content-Disposition", "attachment; filename=\"discharge-situation.csv\"");
    http_text(res, 200, "text/csv; charset=utf-8", buf_str(&b), b.len);
    buf_free(&b);
}

/* Home First reablement (svc/reablement.h). */
void h_reablement_start(struct request *req, struct response *res)
{
    static const char *const f[] = {"person_id", "stay_id", "start_on", "planned_end_on", NULL};
    const char *v[4];
    if (!api_body_strings(req, res, f, v) || api_invalid(req, res))
        return;
    struct reablement_input in = {v[0], v[1], v[2], v[3]};
    char id[STORE_ID_LEN];
    int rc = svc_reablement_start(api_ctx(req), &in, id);
    if (rc != SVC_OK)
        return api_result(req, res, rc);
    http_json(res, 201, json_pack("{s:s}", "id", id));
}

void h_reablement_end(struct request *req, struct response *res)
{
    static const char *const f[] = {"ended_on", "outcome", "care_home_on", NULL};
    const char *v[3];
    if (!api_body_strings(req, res, f, v) || api_invalid(req, res))
        return;
    int rc = svc_reablement_end(api_ctx(req), req->params[0], v[0], v[1], v[2]);
    if (rc != SVC_OK)
        return api_result(req, res, rc);
    http_no_content(res);
}

void h_reablement_measures(struct request *req, struct response *res)
{
    json_t *out;
    int rc = svc_reablement_measures(api_ctx(req), q(req, "month"), &out);
    api_reply(req, res, rc, 200, &out);
}

/* A hospital's event from its integration account: an HL7 v2 ER7 message
 * (text/plain or x-application/hl7-v2+er7) answered with its ACK, or a JSON
 * event answered in JSON (svc/discharge.h). */
void h_hospital_event(struct request *req, struct response *res)
{
    const char *ct = http_header(req, "Content-Type");
    struct svc_ctx *c = api_ctx(req);
    if (ct && (strncasecmp(ct, "text/plain", 10) == 0 || strncasecmp(ct, "x-application/hl7-v2+er7", 24) == 0)) {
        char ack[DISCHARGE_ACK_MAX];
        size_t ack_len = 0;
        int rc = svc_discharge_event_er7(c, buf_str(&req->body), req->body.len, ack, &ack_len);
        if (rc != SVC_OK && rc != SVC_FAILED)
            return api_result(req, res, rc);
        /* SVC_FAILED: nothing stored; the AE says so and the sender retries. */
        return http_text(res, rc == SVC_OK ? 200 : 503, "text/plain; charset=utf-8", ack, ack_len);
    }
    json_t *body = arena_json(&req->arena, http_body_json(req, res));
    if (!body)
        return;
    json_t *out;
    int replay = 0;
    int rc = svc_discharge_event_json(c, body, buf_str(&req->body), req->body.len, &out, &replay);
    if (rc != SVC_OK)
        return api_result(req, res, rc);
    int held = strcmp(json_string_value(json_object_get(out, "outcome")), "held") == 0;
    json_object_set_new(out, "replayed", json_boolean(replay));
    http_json(res, replay ? 200 : held ? 202 : 201, json_incref(out));
}
