#include "svc/person_input.h"
#include "svc/input.h"
#include "svc/svc.h"
#include "store/accounts.h"
#include "domain/dates.h"
#include "domain/nhs_number.h"
#include "domain/postcode.h"
#include "domain/text.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *key;
    size_t max;
    enum text_lines lines;
} TEXTS[] = {
    {"preferred_name", 100, TEXT_ONE_LINE}, {"address_line1", 200, TEXT_ONE_LINE},
    {"address_line2", 200, TEXT_ONE_LINE}, {"town", 100, TEXT_ONE_LINE}, {"main_language", 60, TEXT_ONE_LINE},
    {"communication_needs", 1000, TEXT_LINES}, {"alert_note", 500, TEXT_LINES},
};
static const char *const BOOLS[] = {"interpreter_needed", "objects_to_sharing",
                                    "alert_safeguarding", "alert_risk_to_staff"};

const char *const PERSON_INPUT_FIELDS[] = {
    "nhs_number", "nhs_number_status", "family_name", "given_name", "preferred_name", "date_of_birth",
    "date_of_death", "sex", "postcode", "address_line1", "address_line2", "town", "phone", "email",
    "gp_practice_id", "main_language", "interpreter_needed", "communication_needs", "objects_to_sharing",
    "alert_safeguarding", "alert_risk_to_staff", "alert_note", "contacts", "local_identifier", NULL,
};

int person_input_field_known(const char *name)
{
    for (size_t i = 0; name && PERSON_INPUT_FIELDS[i]; i++)
        if (strcmp(name, PERSON_INPUT_FIELDS[i]) == 0)
            return 1;
    return 0;
}

void person_input_unknown(json_t *body, const char *const *also, json_t *errors)
{
    const char *key;
    json_t *v;
    json_object_foreach(body, key, v) {
        int known = person_input_field_known(key);
        for (size_t i = 0; also && also[i] && !known; i++)
            known = strcmp(key, also[i]) == 0;
        if (!known)
            svc_error_add(errors, key, "is not a field of a person's record");
    }
}

/* Text field: trimmed copy into row (NULL when empty/absent, unless
 * required). Text that is not of its kind (domain/text.h) is refused; a
 * value kept from the stored record (lines < 0) is not checked again, so a
 * record stored before that rule can still be edited in its other fields. */
static void text_field(json_t *row, json_t *errors, const char *key, json_t *v, size_t max, int required, int lines)
{
    if (v && !json_is_null(v) && !json_is_string(v)) {
        svc_error_add(errors, key, "must be text");
        return;
    }
    const char *s = v ? json_string_value(v) : NULL;
    while (s && isspace((unsigned char)*s))
        s++;
    size_t n = s ? strlen(s) : 0;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    if (n == 0) {
        if (required)
            svc_error_add(errors, key, "is required");
        json_object_set_new(row, key, json_null());
        return;
    }
    if (n > max) {
        char msg[64];
        snprintf(msg, sizeof msg, "must be at most %zu characters", max);
        svc_error_add(errors, key, msg);
        return;
    }
    const char *fault = lines < 0 ? NULL : text_fault(s, n, (enum text_lines)lines);
    if (fault) {
        svc_error_add(errors, key, fault);
        return;
    }
    json_object_set_new(row, key, json_stringn(s, n));
}

/* The value body gives for key, else the current record's. */
static json_t *pick(json_t *body, json_t *current, const char *key)
{
    json_t *v = json_object_get(body, key);
    if (v || !current)
        return v;
    return json_object_get(current, key);
}

/* A text member picked as pick() does, checked as text of its kind when the
 * body gave it (text_field). */
static void picked_text(json_t *row, json_t *errors, json_t *body, json_t *current, const char *key, size_t max,
                        int required, enum text_lines lines)
{
    text_field(row, errors, key, pick(body, current, key), max, required,
               json_object_get(body, key) ? (int)lines : -1);
}

static void upper_key(json_t *row, const char *from, const char *to)
{
    const char *s = json_string_value(json_object_get(row, from));
    char key[128];
    size_t i = 0;
    for (; s && s[i] && i < sizeof key - 1; i++)
        key[i] = (char)toupper((unsigned char)s[i]);
    key[i] = '\0';
    json_object_set_new(row, to, json_string(key));
}

static void nhs_field(json_t *row, json_t *errors, json_t *v)
{
    const char *s = json_string_value(v);
    if (v && !json_is_null(v) && !s) {
        svc_error_add(errors, "nhs_number", "must be text");
        return;
    }
    if (!s || !*s) {
        json_object_set_new(row, "nhs_number", json_null());
        return;
    }
    char digits[11];
    struct domain_error e;
    if (nhs_number_parse(s, digits, &e) != 0)
        svc_error_add(errors, "nhs_number", e.message);
    else
        json_object_set_new(row, "nhs_number", json_string(digits));
}

static void date_field(json_t *row, json_t *errors, const char *key, json_t *v, int required, const char *today,
                       const char *not_before)
{
    const char *s = json_string_value(v);
    struct date d;
    struct domain_error e;
    if (!s || !*s) {
        if (required || (v && !json_is_null(v) && !json_is_string(v)))
            svc_error_add(errors, key, required ? "is required" : "must be a date YYYY-MM-DD");
        json_object_set_new(row, key, json_null());
        return;
    }
    if (date_parse(s, key, &d, &e) != 0) {
        svc_error_add(errors, key, "must be a real date written YYYY-MM-DD");
        return;
    }
    if (strcmp(s, today) > 0)
        svc_error_add(errors, key, "must not be in the future");
    else if (not_before && strcmp(s, not_before) < 0)
        svc_error_add(errors, key, strcmp(key, "date_of_death") == 0 ? "must not be before the date of birth"
                                                                      : "must be after 1900-01-01");
    else
        json_object_set_new(row, key, json_string(s));
}

static void contact_fields(json_t *row, json_t *errors, json_t *v)
{
    if (!v)
        return;
    if (!json_is_array(v) || json_array_size(v) > 20) {
        svc_error_add(errors, "contacts", "must be a list of at most 20 contacts");
        return;
    }
    json_t *out = json_array();
    size_t i;
    json_t *c;
    json_array_foreach(v, i, c) {
        json_t *one = json_object(), *errs = json_array();
        text_field(one, errs, "name", json_object_get(c, "name"), 200, 1, TEXT_ONE_LINE);
        text_field(one, errs, "relationship", json_object_get(c, "relationship"), 60, 0, TEXT_ONE_LINE);
        text_field(one, errs, "phone", json_object_get(c, "phone"), 40, 0, TEXT_ONE_LINE);
        text_field(one, errs, "email", json_object_get(c, "email"), 200, 0, TEXT_ONE_LINE);
        int nok = 0;
        if (json_object_get(c, "next_of_kin") && input_bool_value(json_object_get(c, "next_of_kin"), &nok) < 0)
            svc_error_add(errs, "next_of_kin", "must be true or false");
        json_object_set_new(one, "next_of_kin", json_boolean(nok));
        size_t j;
        json_t *e;
        json_array_foreach(errs, j, e) {
            char field[64];
            snprintf(field, sizeof field, "contacts[%zu].%s", i, json_string_value(json_object_get(e, "field")));
            svc_error_add(errors, field, json_string_value(json_object_get(e, "message")));
        }
        json_decref(errs);
        json_array_append_new(out, one);
    }
    json_object_set_new(row, "contacts", out);
}

static void practice_field(struct store *db, json_t *row, json_t *errors, json_t *v)
{
    const char *id = json_string_value(v);
    if (!id || !*id) {
        json_object_set_new(row, "gp_practice_id", json_null());
        return;
    }
    char type[32];
    struct store_error err = {0};
    if (accounts_org_type(db, id, type, &err) != 0 ||
        strcmp(type, "gp_practice") != 0)
        svc_error_add(errors, "gp_practice_id", "is not a known GP practice");
    else
        json_object_set_new(row, "gp_practice_id", json_string(id));
}

static void contact_details(json_t *row, json_t *errors, json_t *body, json_t *current)
{
    picked_text(row, errors, body, current, "phone", 40, 0, TEXT_ONE_LINE);
    const char *ph = json_string_value(json_object_get(row, "phone"));
    for (; ph && *ph; ph++)
        if (!isdigit((unsigned char)*ph) && !strchr(" +()-", *ph)) {
            svc_error_add(errors, "phone", "may hold only digits, spaces and + ( ) -");
            break;
        }
    picked_text(row, errors, body, current, "email", 200, 0, TEXT_ONE_LINE);
    const char *em = json_string_value(json_object_get(row, "email"));
    if (em && (!strchr(em, '@') || strchr(em, ' ')))
        svc_error_add(errors, "email", "is not an email address");
}

json_t *person_input_decode(struct store *db, json_t *body, json_t *current, const char *today, json_t *errors)
{
    json_t *row = json_object();
    nhs_field(row, errors, pick(body, current, "nhs_number"));
    /* The status is never typed: a number typed in is not traced (domain/nhs_number.h). */
    const char *status = nhs_number_status_after_edit(json_string_value(json_object_get(current, "nhs_number")),
                                                      json_string_value(json_object_get(current, "nhs_number_status")),
                                                      json_string_value(json_object_get(row, "nhs_number")));
    json_object_set_new(row, "nhs_number_status", json_string(status));
    /* A status sent back as read stands; any other is refused, not ignored. */
    json_t *claimed = json_object_get(body, "nhs_number_status");
    if (claimed && !json_is_null(claimed) && !json_equal(claimed, json_object_get(row, "nhs_number_status"))) {
        char msg[160];
        snprintf(msg, sizeof msg, "is set by a trace against the NHS Spine, not by a client: saved with this"
                                  " number it is %s", status);
        svc_error_add(errors, "nhs_number_status", msg);
    }
    picked_text(row, errors, body, current, "family_name", 100, 1, TEXT_ONE_LINE);
    picked_text(row, errors, body, current, "given_name", 100, 1, TEXT_ONE_LINE);
    for (size_t i = 0; i < sizeof TEXTS / sizeof TEXTS[0]; i++)
        picked_text(row, errors, body, current, TEXTS[i].key, TEXTS[i].max, 0, TEXTS[i].lines);
    date_field(row, errors, "date_of_birth", pick(body, current, "date_of_birth"), 1, today, "1900-01-01");
    const char *dob = json_string_value(json_object_get(row, "date_of_birth"));
    date_field(row, errors, "date_of_death", pick(body, current, "date_of_death"), 0, today, dob);
    const char *sex = json_string_value(pick(body, current, "sex"));
    if (!sex || (strcmp(sex, "female") && strcmp(sex, "male") && strcmp(sex, "other") && strcmp(sex, "unknown")))
        svc_error_add(errors, "sex", "must be female, male, other or unknown");
    else
        json_object_set_new(row, "sex", json_string(sex));
    const char *pc = json_string_value(pick(body, current, "postcode"));
    char norm[POSTCODE_MAX];
    struct domain_error e;
    int pc_ok = 0;
    if (pc && *pc && !(pc_ok = postcode_normalise(pc, "postcode", norm, &e) == 0))
        svc_error_add(errors, "postcode", e.message);   /* norm is unset then: never read it */
    json_object_set_new(row, "postcode", pc_ok ? json_string(norm) : json_null());
    practice_field(db, row, errors, pick(body, current, "gp_practice_id"));
    contact_details(row, errors, body, current);
    for (size_t i = 0; i < sizeof BOOLS / sizeof BOOLS[0]; i++) {
        json_t *v = pick(body, current, BOOLS[i]);
        int b = 0;
        if (v && !json_is_null(v) && input_bool_value(v, &b) < 0)
            svc_error_add(errors, BOOLS[i], "must be true or false");
        json_object_set_new(row, BOOLS[i], json_boolean(b));
    }
    /* Case-finding data is maintained by feeds, not edited here. */
    json_object_set_new(row, "ltc_count", json_integer(current ? json_integer_value(json_object_get(current, "ltc_count")) : 0));
    json_t *efi = current ? json_object_get(current, "efi_deficits") : NULL;
    json_object_set_new(row, "efi_deficits", efi ? json_incref(efi) : json_string(""));
    json_object_set_new(row, "predicted_cost_pence",
                        json_integer(current ? json_integer_value(json_object_get(current, "predicted_cost_pence")) : 0));
    json_object_set_new(row, "efi_count", json_integer(current ? json_integer_value(json_object_get(current, "efi_count")) : 0));
    json_object_set_new(row, "frailty_flag", json_boolean(current && json_is_true(json_object_get(current, "frailty_flag"))));
    upper_key(row, "family_name", "family_name_key");
    upper_key(row, "given_name", "given_name_key");
    contact_fields(row, errors, json_object_get(body, "contacts"));
    text_field(row, errors, "local_identifier", json_object_get(body, "local_identifier"), 64, 0, TEXT_ONE_LINE);
    return row;
}
