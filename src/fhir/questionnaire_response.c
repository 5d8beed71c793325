/* QuestionnaireResponse ↔ the API's record (questionnaire_response.h). */
#include "fhir/questionnaire_response.h"
#include "fhir/fhir.h"
#include <stdio.h>
#include <string.h>

static const char *str(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* The value of field "a" or "a.b" in obj; NULL when absent. */
static json_t *field_of(json_t *obj, const char *link)
{
    const char *dot = strchr(link, '.');
    if (!dot)
        return json_object_get(obj, link);
    char head[80];
    snprintf(head, sizeof head, "%.*s", (int)(dot - link), link);
    return json_object_get(json_object_get(obj, head), dot + 1);
}

static json_t *option_for(json_t *qitem, const char *code)
{
    size_t i;
    json_t *o;
    json_array_foreach(json_object_get(qitem, "answerOption"), i, o) {
        const char *have = str(json_object_get(o, "valueCoding"), "code");
        if (have && strcmp(have, code) == 0)
            return json_object_get(o, "valueCoding");
    }
    return NULL;
}

/* One answer for value v of a leaf item of type type; NULL when v does not fit. */
static json_t *answer(json_t *qitem, json_t *v)
{
    const char *type = str(qitem, "type");
    if (strcmp(type, "boolean") == 0)   /* stored as 0/1 by some records */
        return json_is_boolean(v) || json_is_integer(v) ? json_pack("{s:b}", "valueBoolean", json_is_true(v) ||
                                                                    json_integer_value(v) != 0) : NULL;
    if (!json_is_string(v))
        return NULL;
    if (strcmp(type, "date") == 0)
        return json_pack("{s:O}", "valueDate", v);
    if (strcmp(type, "choice") == 0) {
        json_t *c = option_for(qitem, json_string_value(v));
        return c ? json_pack("{s:O}", "valueCoding", c) : json_pack("{s:{s:O}}", "valueCoding", "code", v);
    }
    return json_string_length(v) ? json_pack("{s:O}", "valueString", v) : NULL;
}

/* The item answering leaf qitem with value v, or NULL (not answered). */
static json_t *leaf(json_t *qitem, json_t *v)
{
    if (!v || json_is_null(v))
        return NULL;
    json_t *it = json_pack("{s:O}", "linkId", json_object_get(qitem, "linkId")), *answers = json_array();
    if (json_is_true(json_object_get(qitem, "repeats")) && json_is_array(v)) {
        size_t i;
        json_t *x, *a;
        json_array_foreach(v, i, x)
            if ((a = answer(qitem, x)))
                json_array_append_new(answers, a);
    } else {
        json_t *a = answer(qitem, v);
        if (!a) {
            json_decref(answers);
            json_decref(it);
            return NULL;
        }
        json_array_append_new(answers, a);
    }
    if (json_array_size(answers))
        json_object_set_new(it, "answer", answers);
    else
        json_decref(answers);
    return it;
}

static void answer_items(json_t *qitems, json_t *rec, json_t *out);

/* A repeating group "g": one item per member of rec.g. */
static void repeating_group(json_t *g, json_t *rec, json_t *out)
{
    const char *link = str(g, "linkId");
    size_t i, k;
    json_t *m, *sub;
    json_array_foreach(json_object_get(rec, link), i, m) {
        json_t *items = json_array();
        json_array_foreach(json_object_get(g, "item"), k, sub) {
            const char *sl = str(sub, "linkId"), *dot = strchr(sl, '.');
            json_t *it = leaf(sub, json_object_get(m, dot ? dot + 1 : sl));
            if (it)
                json_array_append_new(items, it);
        }
        json_array_append_new(out, json_pack("{s:s, s:o}", "linkId", link, "item", items));
    }
}

static void answer_items(json_t *qitems, json_t *rec, json_t *out)
{
    size_t i;
    json_t *qi;
    json_array_foreach(qitems, i, qi) {
        if (strcmp(str(qi, "type"), "group") != 0) {
            json_t *it = leaf(qi, field_of(rec, str(qi, "linkId")));
            if (it)
                json_array_append_new(out, it);
        } else if (json_is_true(json_object_get(qi, "repeats"))) {
            repeating_group(qi, rec, out);
        } else {
            json_t *items = json_array();
            answer_items(json_object_get(qi, "item"), rec, items);
            if (json_array_size(items))
                json_array_append_new(out, json_pack("{s:O, s:o}", "linkId", json_object_get(qi, "linkId"), "item",
                                                     items));
            else
                json_decref(items);
        }
    }
}

json_t *fhir_qr_from_record(json_t *q, json_t *rec, const char *authored)
{
    char subject[80];
    snprintf(subject, sizeof subject, "Patient/%s", str(rec, "person_id") ? str(rec, "person_id") : "");
    const char *status = str(rec, "status") && strcmp(str(rec, "status"), "draft") == 0 ? "in-progress" : "completed";
    json_t *qr = json_pack("{s:s, s:s?, s:o, s:O, s:s, s:{s:s}, s:s?, s:[]}", "resourceType",
                           "QuestionnaireResponse", "id", str(rec, "id"), "meta",
                           fhir_meta(rec, "http://hl7.org/fhir/StructureDefinition/QuestionnaireResponse"),
                           "questionnaire", json_object_get(q, "url"), "status", status, "subject", "reference",
                           subject, "authored", authored ? authored : str(rec, "updated_at"), "item");
    answer_items(json_object_get(q, "item"), rec, json_object_get(qr, "item"));
    if (!json_array_size(json_object_get(qr, "item")))
        json_object_del(qr, "item");
    return qr;
}

/* ---- back to the API's body ---- */

/* The service's fields whose item is not named by the field itself: the
 * completion's confirmation, answered in the determination group. */
static const char *const MOVED[][2] = {{"assessor_agrees", "determination.assessor_agrees"},
                                       {"assessor_reason", "determination.assessor_reason"}};

void fhir_qr_expression(const char *field, char *out, size_t n)
{
    for (size_t i = 0; i < sizeof MOVED / sizeof MOVED[0]; i++)
        if (strcmp(field, MOVED[i][0]) == 0)
            field = MOVED[i][1];
    const char *open = strchr(field, '['), *close = open ? strchr(open, ']') : NULL;
    int head = open ? (int)(open - field) : 0, digits = close ? (int)(close - open - 1) : 0;
    if (!close || head == 0 || digits == 0 || (int)strspn(open + 1, "0123456789") != digits)
        snprintf(out, n, "QuestionnaireResponse.item.where(linkId='%s')", field);
    else if (!close[1])   /* "wellbeing[2]": the third answer of the repeating item */
        snprintf(out, n, "QuestionnaireResponse.item.where(linkId='%.*s').answer[%.*s]", head, field, digits, open + 1);
    else if (close[1] == '.' && close[2])   /* "mdt[1].name": in the second of the repeating group */
        snprintf(out, n, "QuestionnaireResponse.item.where(linkId='%.*s')[%.*s].item.where(linkId='%.*s.%s')", head,
                 field, digits, open + 1, head, field, close + 2);
    else
        snprintf(out, n, "QuestionnaireResponse.item.where(linkId='%s')", field);
}

static void bad(json_t *errors, const char *link, const char *message)
{
    char where[200];
    fhir_qr_expression(link, where, sizeof where);
    json_array_append_new(errors, json_pack("{s:s, s:s}", "field", where, "message", message));
}

/* The question of form items with this linkId, searching groups. */
static json_t *question(json_t *qitems, const char *link)
{
    size_t i;
    json_t *qi, *found;
    json_array_foreach(qitems, i, qi) {
        if (str(qi, "linkId") && strcmp(str(qi, "linkId"), link) == 0)
            return qi;
        if ((found = question(json_object_get(qi, "item"), link)))
            return found;
    }
    return NULL;
}

/* The value of one answer to leaf qi, or NULL (wrong type). */
static json_t *value_of(json_t *qi, json_t *a)
{
    const char *type = str(qi, "type");
    json_t *v = strcmp(type, "boolean") == 0 ? json_object_get(a, "valueBoolean")
              : strcmp(type, "date") == 0    ? json_object_get(a, "valueDate")
              : strcmp(type, "choice") == 0  ? json_object_get(json_object_get(a, "valueCoding"), "code")
                                             : json_object_get(a, "valueString");
    return v ? json_incref(v) : NULL;
}

/* Sets target[key] from the answers of item it to leaf qi. */
static void put_leaf(json_t *qi, json_t *it, json_t *target, const char *key, json_t *errors)
{
    json_t *answers = json_object_get(it, "answer"), *a, *v;
    size_t i;
    if (json_is_true(json_object_get(qi, "repeats"))) {
        json_t *list = json_array();
        json_array_foreach(answers, i, a) {
            if ((v = value_of(qi, a)))
                json_array_append_new(list, v);
            else
                bad(errors, str(qi, "linkId"), "has an answer of another type than the question's");
        }
        json_object_set_new(target, key, list);
        return;
    }
    if (json_array_size(answers) > 1)
        bad(errors, str(qi, "linkId"), "takes one answer");
    if (!(v = value_of(qi, json_array_get(answers, 0)))) {
        if (json_array_size(answers))
            bad(errors, str(qi, "linkId"), "has an answer of another type than the question's");
        return;
    }
    json_object_set_new(target, key, v);
}

static json_t *object_at(json_t *body, const char *head)
{
    json_t *o = json_object_get(body, head);
    if (!json_is_object(o)) {
        o = json_object();
        json_object_set_new(body, head, o);
    }
    return o;
}

static void put_items(json_t *q, json_t *items, json_t *body, json_t *errors)
{
    size_t i, k;
    json_t *it, *sub;
    json_array_foreach(items, i, it) {
        const char *link = str(it, "linkId");
        json_t *qi = link ? question(json_object_get(q, "item"), link) : NULL;
        if (!qi) {
            bad(errors, link ? link : "", "is not a question of this form");
            continue;
        }
        if (json_is_true(json_object_get(qi, "readOnly")))   /* the server's answer, not taken back */
            continue;
        if (strcmp(str(qi, "type"), "group") != 0) {
            const char *dot = strchr(link, '.');
            char head[80];
            snprintf(head, sizeof head, "%.*s", dot ? (int)(dot - link) : (int)strlen(link), link);
            put_leaf(qi, it, dot ? object_at(body, head) : body, dot ? dot + 1 : link, errors);
        } else if (json_is_true(json_object_get(qi, "repeats"))) {
            json_t *list = json_object_get(body, link), *m = json_object();
            if (!json_is_array(list))
                json_object_set_new(body, link, list = json_array());
            json_array_foreach(json_object_get(it, "item"), k, sub) {
                const char *sl = str(sub, "linkId");
                json_t *sq = sl ? question(json_object_get(qi, "item"), sl) : NULL;
                if (!sq)
                    bad(errors, sl ? sl : "", "is not a question of this group");
                else
                    put_leaf(sq, sub, m, strchr(sl, '.') ? strchr(sl, '.') + 1 : sl, errors);
            }
            json_array_append_new(list, m);
        } else {
            put_items(q, json_object_get(it, "item"), body, errors);
        }
    }
}

json_t *fhir_qr_to_body(json_t *q, json_t *qr, json_t *errors)
{
    json_t *body = json_object();
    put_items(q, json_object_get(qr, "item"), body, errors);
    return body;
}
