/* UK Core Patient -> a person body, and the FHIRPaths of its fields
 * (patient.h); the way to FHIR is patient_write.c. */
#include "fhir/patient.h"
#include <stdio.h>
#include <string.h>

#define FHIR_NHS_STATUS_PATH \
    "Patient.identifier.where(system='" FHIR_NHS_NUMBER "').extension('" FHIR_NHS_VERIFICATION_EXT "')"

const struct fhir_path fhir_patient_paths[] = {
    {"nhs_number", "Patient.identifier.where(system='" FHIR_NHS_NUMBER "').value"},
    {"nhs_number_status", FHIR_NHS_STATUS_PATH},
    {"family_name", "Patient.name[0].family"},
    {"given_name", "Patient.name[0].given[0]"},
    {"preferred_name", "Patient.name.where(use='usual').given[0]"},
    {"date_of_birth", "Patient.birthDate"},
    {"date_of_death", "Patient.deceasedDateTime"},
    {"sex", "Patient.gender"},
    {"postcode", "Patient.address[0].postalCode"},
    {"address_line1", "Patient.address[0].line[0]"},
    {"address_line2", "Patient.address[0].line[1]"},
    {"town", "Patient.address[0].city"},
    {"gp_practice_id", "Patient.generalPractitioner[0]"},
    {"phone", "Patient.telecom.where(system='phone').value"},
    {"email", "Patient.telecom.where(system='email').value"},
    {"main_language", "Patient.communication[0].language"},
    {"interpreter_needed", "Patient.extension('" FHIR_INTERPRETER_EXT "')"},
    {"contacts", "Patient.contact"},
    {"name", "Patient.contact.name"},
    {"relationship", "Patient.contact.relationship"},
    {"next_of_kin", "Patient.contact.relationship"},
    {"team_id", "Patient"},
    {"version", "Patient.meta.versionId"},
    {NULL, NULL},
};

static const char *str(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* ---- from FHIR ---- */

static void shape(json_t *errors, const char *expression, const char *message)
{
    json_array_append_new(errors, json_pack("{s:s, s:s}", "field", expression, "message", message));
}

/* The element at key when it is an array (absent: NULL; another type: an error). */
static json_t *array_at(json_t *o, const char *key, const char *expression, json_t *errors)
{
    json_t *v = json_object_get(o, key);
    if (v && !json_is_array(v)) {
        shape(errors, expression, "must be a list");
        return NULL;
    }
    return v;
}

static json_t *text_or_null(json_t *v)
{
    return json_is_string(v) ? json_incref(v) : json_null();
}

/* The NHS number's verification status extension: its code into body
 * (the service checks it), or a shape error when it is not one of the
 * value set's codes. */
static void from_nhs_status(json_t *id, json_t *body, json_t *errors)
{
    size_t j;
    json_t *ext;
    json_array_foreach(json_object_get(id, "extension"), j, ext) {
        if (!str(ext, "url") || strcmp(str(ext, "url"), FHIR_NHS_VERIFICATION_EXT) != 0)
            continue;
        json_t *coding = json_array_get(json_object_get(json_object_get(ext, "valueCodeableConcept"), "coding"), 0);
        const char *sys = str(coding, "system"), *code = str(coding, "code");
        if (!sys || strcmp(sys, FHIR_NHS_VERIFICATION_CS) != 0 || !fhir_nhs_status_display(code))
            shape(errors, FHIR_NHS_STATUS_PATH, "must be a code 01..08 of " FHIR_NHS_VERIFICATION_CS);
        else
            json_object_set_new(body, "nhs_number_status", json_string(code));
    }
}

static void from_identifiers(json_t *pt, json_t *body, json_t *errors)
{
    json_t *nhs = json_null();
    size_t i;
    json_t *id;
    json_array_foreach(array_at(pt, "identifier", "Patient.identifier", errors), i, id) {
        if (!str(id, "system") || strcmp(str(id, "system"), FHIR_NHS_NUMBER) != 0)
            continue;   /* local identifiers are the holding organisation's: not written back */
        nhs = text_or_null(json_object_get(id, "value"));
        from_nhs_status(id, body, errors);
    }
    json_object_set_new(body, "nhs_number", nhs);
}

/* Given names joined with spaces (a middle name stays part of the given name). */
static json_t *given(json_t *name)
{
    json_t *g = json_object_get(name, "given");
    char out[256] = "";
    size_t i;
    json_t *v;
    json_array_foreach(g, i, v) {
        if (!json_is_string(v))
            continue;
        size_t n = strlen(out);
        snprintf(out + n, sizeof out - n, "%s%s", n ? " " : "", json_string_value(v));
    }
    return out[0] ? json_string(out) : json_null();
}

static void from_names(json_t *pt, json_t *body, json_t *errors)
{
    json_t *names_ = array_at(pt, "name", "Patient.name", errors);
    json_t *official = NULL, *usual = NULL;
    size_t i;
    json_t *n;
    json_array_foreach(names_, i, n) {
        const char *use = str(n, "use");
        if (use && strcmp(use, "usual") == 0)
            usual = usual ? usual : n;
        else if (!use || strcmp(use, "official") == 0)
            official = official ? official : n;
    }
    json_object_set_new(body, "family_name", text_or_null(json_object_get(official, "family")));
    json_object_set_new(body, "given_name", given(official));
    json_object_set_new(body, "preferred_name", given(usual));
}

static void from_address(json_t *pt, json_t *body, json_t *errors)
{
    json_t *a = json_array_get(array_at(pt, "address", "Patient.address", errors), 0);
    json_t *lines = json_object_get(a, "line");
    json_object_set_new(body, "address_line1", text_or_null(json_array_get(lines, 0)));
    json_object_set_new(body, "address_line2", text_or_null(json_array_get(lines, 1)));
    if (json_array_size(lines) > 2)
        shape(errors, "Patient.address[0].line", "may have at most 2 lines");
    json_object_set_new(body, "town", text_or_null(json_object_get(a, "city")));
    json_object_set_new(body, "postcode", text_or_null(json_object_get(a, "postalCode")));
}

static void from_telecom(json_t *o, json_t *body, const char *expression, json_t *errors)
{
    json_t *phone = json_null(), *email = json_null();
    size_t i;
    json_t *t;
    json_array_foreach(array_at(o, "telecom", expression, errors), i, t) {
        const char *sys = str(t, "system");
        if (sys && strcmp(sys, "phone") == 0 && json_is_null(phone))
            phone = text_or_null(json_object_get(t, "value"));
        else if (sys && strcmp(sys, "email") == 0 && json_is_null(email))
            email = text_or_null(json_object_get(t, "value"));
    }
    json_object_set_new(body, "phone", phone);
    json_object_set_new(body, "email", email);
}

static void from_contacts(json_t *pt, json_t *body, json_t *errors)
{
    json_t *out = json_array();
    size_t i;
    json_t *c;
    json_array_foreach(array_at(pt, "contact", "Patient.contact", errors), i, c) {
        json_t *name = json_object_get(c, "name");
        json_t *one = json_pack("{s:o, s:s, s:b}", "name", text_or_null(json_object_get(name, "text")),
                                "relationship", "", "next_of_kin", 0);
        if (json_is_null(json_object_get(one, "name")) && json_is_string(json_object_get(name, "family")))
            json_object_set(one, "name", json_object_get(name, "family"));
        size_t j;
        json_t *r;
        json_array_foreach(json_object_get(c, "relationship"), j, r) {
            json_t *coding = json_array_get(json_object_get(r, "coding"), 0);
            if (str(coding, "code") && strcmp(str(coding, "code"), "N") == 0)
                json_object_set_new(one, "next_of_kin", json_true());
            if (str(r, "text"))
                json_object_set_new(one, "relationship", json_string(str(r, "text")));
        }
        from_telecom(c, one, "Patient.contact.telecom", errors);
        json_array_append_new(out, one);
    }
    json_object_set_new(body, "contacts", out);
}

static void from_extensions(json_t *pt, json_t *body, json_t *errors)
{
    int interpreter = 0;
    size_t i;
    json_t *e;
    json_array_foreach(array_at(pt, "extension", "Patient.extension", errors), i, e)
        if (str(e, "url") && strcmp(str(e, "url"), FHIR_INTERPRETER_EXT) == 0)
            interpreter = json_is_true(json_object_get(e, "valueBoolean"));
    json_object_set_new(body, "interpreter_needed", json_boolean(interpreter));
    json_t *lang = json_object_get(json_array_get(array_at(pt, "communication", "Patient.communication", errors), 0),
                                   "language");
    json_t *text = json_object_get(lang, "text");
    if (!json_is_string(text))
        text = json_object_get(json_array_get(json_object_get(lang, "coding"), 0), "display");
    json_object_set_new(body, "main_language", text_or_null(text));
}

static void from_gp(json_t *pt, json_t *body, json_t *errors)
{
    json_t *gp = json_array_get(array_at(pt, "generalPractitioner", "Patient.generalPractitioner", errors), 0);
    const char *ref = str(gp, "reference");
    if (gp && (!ref || strncmp(ref, "Organization/", 13) != 0 || !ref[13])) {
        shape(errors, "Patient.generalPractitioner[0].reference", "must be Organization/<id> of a GP practice");
        return;
    }
    json_object_set_new(body, "gp_practice_id", ref ? json_string(ref + 13) : json_null());
}

json_t *fhir_patient_to_body(json_t *pt, json_t *errors)
{
    json_t *body = json_object();
    from_identifiers(pt, body, errors);
    from_names(pt, body, errors);
    json_object_set_new(body, "sex", text_or_null(json_object_get(pt, "gender")));
    json_object_set_new(body, "date_of_birth", text_or_null(json_object_get(pt, "birthDate")));
    json_t *dead = json_object_get(pt, "deceasedDateTime");
    if (json_is_true(json_object_get(pt, "deceasedBoolean")) && !dead)
        shape(errors, "Patient.deceasedBoolean", "give the date as deceasedDateTime");
    char d[11] = "";   /* a dateTime's date: the record holds the day */
    if (json_is_string(dead))
        snprintf(d, sizeof d, "%s", json_string_value(dead));
    else if (dead)
        shape(errors, "Patient.deceasedDateTime", "must be a date");
    json_object_set_new(body, "date_of_death", d[0] ? json_string(d) : json_null());
    from_address(pt, body, errors);
    from_telecom(pt, body, "Patient.telecom", errors);
    from_contacts(pt, body, errors);
    from_extensions(pt, body, errors);
    from_gp(pt, body, errors);
    return body;
}
