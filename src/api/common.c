/* Helpers shared by handlers: service context, audit, errors, paging. */
#include "api/api.h"
#include "svc/input.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int api_limit(struct request *req, struct response *res)
{
    const char *l = http_query(req, "limit");
    if (!l)
        return 50;
    char *end;
    long v = strtol(l, &end, 10);
    if (*end || end == l || v < 1 || v > 200) {
        json_t *errors = json_array();
        svc_error_add(errors, "limit", "must be a whole number from 1 to 200");
        http_validation(res, req, errors);
        return -1;
    }
    return (int)v;
}

/* An error message for people (NHS.UK error messages; issue #14 item 12):
 * a message that is already a sentence ("Enter a reason of at least 10
 * characters") as it is; a fragment ("is required") after the field's name
 * in words ("Reason is required"), a form prefix ("plan-") dropped. */
static json_t *error_text(const char *field, const char *message)
{
    if (!message)
        message = "";
    if (!field || !*field || (message[0] >= 'A' && message[0] <= 'Z'))
        return json_string(message);
    const char *name = field;
    for (const char *p = field; *p; p++)
        if (*p == '-' || *p == '.')
            name = p + 1;
    char label[96];
    size_t n = 0;
    for (; name[n] && n < sizeof label - 1; n++)
        label[n] = name[n] == '_' ? ' ' : name[n];
    label[n] = '\0';
    if (n >= 3 && strcmp(label + n - 3, " id") == 0)
        label[n - 3] = '\0';   /* "worker_org_id" -> "worker org" */
    if (label[0] >= 'a' && label[0] <= 'z')
        label[0] = (char)(label[0] - 'a' + 'A');
    if (strncmp(label, "Nhs ", 4) == 0)
        memcpy(label, "NHS", 3);
    if (strncmp(label, "Gp ", 3) == 0)
        memcpy(label, "GP", 2);
    return json_pack("s++", label, " ", message);
}

json_t *api_field_errors(json_t *errors)
{
    json_t *m = json_object();
    size_t i;
    json_t *e;
    json_array_foreach(errors, i, e) {
        const char *f = json_string_value(json_object_get(e, "field"));
        json_t *text = error_text(f, json_string_value(json_object_get(e, "message")));
        json_object_set(e, "text", text);
        if (f && !json_object_get(m, f))
            json_object_set(m, f, text);
        json_decref(text);
    }
    return m;
}

json_t *api_take_errors(struct response *res, const char *prefix)
{
    if (res->status != 422)
        return NULL;
    json_t *errors = json_incref(json_object_get(res->json, "errors"));
    json_decref(res->json);
    res->json = NULL;
    size_t i;
    json_t *e;
    char field[160];
    json_array_foreach(errors, i, e) {
        const char *f = json_string_value(json_object_get(e, "field"));
        if (prefix && f) {
            snprintf(field, sizeof field, "%s-%s", prefix, f);
            json_object_set_new(e, "field", json_string(field));
        }
    }
    return errors;
}

json_t *api_error_data(json_t *errors)
{
    return json_pack("{s:o, s:b, s:o}", "field_errors", api_field_errors(errors), "has_errors",
                     json_array_size(errors) > 0, "errors", errors ? json_incref(errors) : json_array());
}

void api_csv_field(struct buf *b, const char *s)
{
    buf_putc(b, '"');
    /* a leading = + - @ could run as a formula in a spreadsheet; so could
     * one after a leading tab or carriage return (OWASP, "CSV injection") */
    if (s && *s && strchr("=+-@\t\r", *s))
        buf_putc(b, '\'');
    for (; s && *s; s++) {
        if (*s == '"')
            buf_putc(b, '"');
        buf_putc(b, *s);
    }
    buf_putc(b, '"');
}
