/* Person record -> UK Core Patient as JSON text (patient.h). The one
 * mapping to FHIR: fhir_patient_write prints a person_view straight into a
 * buffer (the $export streams it from the store's columns), and
 * fhir_patient_from_person reads that text back as a tree for a single
 * resource or a search Bundle. Members are written in a fixed order, so the
 * text is the same whichever way it is used. */
#include "fhir/patient.h"
#include "domain/nhs_number.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ,"key": */
static void key(struct buf *b, int *first, const char *k)
{
    if (!*first)
        buf_putc(b, ',');
    *first = 0;
    buf_put_json(b, k);
    buf_putc(b, ':');
}

static void member(struct buf *b, int *first, const char *k, const char *v)
{
    key(b, first, k);
    buf_put_json(b, v);
}

static int has(const char *v)
{
    return v && *v;
}

static void meta(struct buf *b, const struct person_view *p)
{
    char ver[24];
    snprintf(ver, sizeof ver, "%lld", p->version);
    buf_puts(b, "{\"versionId\":\"");
    buf_puts(b, ver);
    buf_putc(b, '"');
    if (p->updated_at) {
        buf_puts(b, ",\"lastUpdated\":");
        buf_put_json(b, p->updated_at);
    }
    buf_puts(b, ",\"profile\":[\"" FHIR_PATIENT_PROFILE "\"]}");
}

/* UK Core CodeSystem UKCore-NHSNumberVerificationStatusEngland: the NHS
 * Data Dictionary's "NHS Number Status Indicator Code" with its displays
 * (the words on our pages are domain/words.c's shorter ones). */
static const char *const NHS_STATUS_DISPLAY[] = {
    "Number present and verified",
    "Number present but not traced",
    "Trace required",
    "Trace attempted - No match or multiple match found",
    "Trace needs to be resolved - (NHS Number or patient detail conflict)",
    "Trace in progress",
    "Number not present and trace not required",
    "Trace postponed (baby under six weeks old)",
};

const char *fhir_nhs_status_display(const char *code)
{
    return nhs_number_status_is_valid(code) ? NHS_STATUS_DISPLAY[code[1] - '1'] : NULL;
}

/* The NHS number with its verification status extension (none when the
 * stored status is not a code of the value set). */
static void nhs_identifier(struct buf *b, const struct person_view *p)
{
    const char *display = fhir_nhs_status_display(p->nhs_number_status);
    buf_putc(b, '{');
    if (display) {
        buf_puts(b, "\"extension\":[{\"url\":\"" FHIR_NHS_VERIFICATION_EXT "\",\"valueCodeableConcept\":"
                    "{\"coding\":[{\"system\":\"" FHIR_NHS_VERIFICATION_CS "\",\"code\":");
        buf_put_json(b, p->nhs_number_status);
        buf_puts(b, ",\"display\":");
        buf_put_json(b, display);
        buf_puts(b, "}]}}],");
    }
    buf_puts(b, "\"system\":\"" FHIR_NHS_NUMBER "\",\"value\":");
    buf_put_json(b, p->nhs_number);
    buf_putc(b, '}');
}

static void identifiers(struct buf *b, int *first, const struct person_view *p)
{
    if (!p->nhs_number && p->n_identifiers == 0)
        return;
    key(b, first, "identifier");
    buf_putc(b, '[');
    if (p->nhs_number)
        nhs_identifier(b, p);
    for (int i = 0; i < p->n_identifiers; i++) {
        const struct person_view_identifier *l = &p->identifiers[i];
        char sys[200];
        snprintf(sys, sizeof sys, FHIR_LOCAL_ID "%s", l->org_code ? l->org_code : "");
        buf_puts(b, i || p->nhs_number ? ",{\"system\":" : "{\"system\":");
        buf_put_json(b, sys);
        buf_puts(b, ",\"value\":");
        buf_put_json(b, l->identifier ? l->identifier : "");
        buf_puts(b, ",\"assigner\":{\"display\":");
        buf_put_json(b, l->org_name ? l->org_name : "");
        buf_puts(b, "}}");
    }
    buf_putc(b, ']');
}

static void names(struct buf *b, int *first, const struct person_view *p)
{
    if (!p->family_name || !p->given_name)
        return;
    key(b, first, "name");
    buf_puts(b, "[{\"use\":\"official\",\"family\":");
    buf_put_json(b, p->family_name);
    buf_puts(b, ",\"given\":[");
    buf_put_json(b, p->given_name);
    buf_puts(b, "]}");
    if (p->preferred_name) {
        buf_puts(b, ",{\"use\":\"usual\",\"given\":[");
        buf_put_json(b, p->preferred_name);
        buf_puts(b, "]}");
    }
    buf_putc(b, ']');
}

static void telecom(struct buf *b, int *first, const char *phone, const char *email)
{
    if (!phone && !email)
        return;
    key(b, first, "telecom");
    buf_putc(b, '[');
    if (phone) {
        buf_puts(b, "{\"system\":\"phone\",\"value\":");
        buf_put_json(b, phone);
        buf_puts(b, ",\"use\":\"home\"}");
    }
    if (email) {
        buf_puts(b, phone ? ",{\"system\":\"email\",\"value\":" : "{\"system\":\"email\",\"value\":");
        buf_put_json(b, email);
        buf_puts(b, ",\"use\":\"home\"}");
    }
    buf_putc(b, ']');
}

static void address(struct buf *b, int *first, const struct person_view *p)
{
    const char *l1 = p->address_line1, *l2 = p->address_line2;
    if (!l1 && !l2 && !has(p->town) && !has(p->postcode))
        return;
    key(b, first, "address");
    buf_puts(b, "[{\"use\":\"home\"");
    if (l1 || l2) {
        buf_puts(b, ",\"line\":[");
        if (l1)
            buf_put_json(b, l1);
        if (l2) {
            if (l1)
                buf_putc(b, ',');
            buf_put_json(b, l2);
        }
        buf_putc(b, ']');
    }
    int inner = 0;
    if (has(p->town))
        member(b, &inner, "city", p->town);
    if (has(p->postcode))
        member(b, &inner, "postalCode", p->postcode);
    buf_puts(b, "}]");
}

static void contacts(struct buf *b, int *first, const struct person_view *p)
{
    if (p->n_contacts == 0)
        return;
    key(b, first, "contact");
    buf_putc(b, '[');
    for (int i = 0; i < p->n_contacts; i++) {
        const struct person_view_contact *c = &p->contacts[i];
        buf_puts(b, i ? ",{\"name\":{\"text\":" : "{\"name\":{\"text\":");
        buf_put_json(b, c->name ? c->name : "");
        buf_putc(b, '}');
        if (c->next_of_kin || has(c->relationship)) {
            buf_puts(b, ",\"relationship\":[");
            if (c->next_of_kin)
                buf_puts(b, "{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/v2-0131\","
                            "\"code\":\"N\",\"display\":\"Next-of-Kin\"}]}");
            if (has(c->relationship)) {
                buf_puts(b, c->next_of_kin ? ",{\"text\":" : "{\"text\":");
                buf_put_json(b, c->relationship);
                buf_putc(b, '}');
            }
            buf_putc(b, ']');
        }
        int inner = 0;
        telecom(b, &inner, c->phone, c->email);
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
}

static void general_practitioner(struct buf *b, int *first, const struct person_view *p)
{
    if (!p->gp_practice_id)
        return;
    key(b, first, "generalPractitioner");
    buf_puts(b, "[{\"reference\":");
    char ref[STORE_ID_LEN + 16] = "Organization/";   /* built without printf: once per person exported */
    size_t n = strlen(p->gp_practice_id);
    if (n > STORE_ID_LEN)
        n = STORE_ID_LEN;
    memcpy(ref + 13, p->gp_practice_id, n);
    ref[13 + n] = '\0';
    buf_put_json(b, ref);
    buf_puts(b, ",\"identifier\":{\"system\":\"" FHIR_ODS_CODE "\"");
    if (p->gp_practice_code) {
        buf_puts(b, ",\"value\":");
        buf_put_json(b, p->gp_practice_code);
    }
    buf_putc(b, '}');
    if (p->gp_practice_name) {
        buf_puts(b, ",\"display\":");
        buf_put_json(b, p->gp_practice_name);
    }
    buf_puts(b, "}]");
}

int fhir_patient_write(struct buf *b, const struct person_view *p)
{
    int first = 1;
    buf_putc(b, '{');
    member(b, &first, "resourceType", "Patient");
    if (p->id)
        member(b, &first, "id", p->id);
    key(b, &first, "meta");
    meta(b, p);
    buf_puts(b, ",\"extension\":[{\"url\":\"" FHIR_INTERPRETER_EXT "\",\"valueBoolean\":");
    buf_puts(b, p->interpreter_needed ? "true}]" : "false}]");
    identifiers(b, &first, p);
    buf_puts(b, p->merged_into ? ",\"active\":false" : ",\"active\":true");
    names(b, &first, p);
    telecom(b, &first, p->phone, p->email);
    if (has(p->sex))
        member(b, &first, "gender", p->sex);
    if (has(p->date_of_birth))
        member(b, &first, "birthDate", p->date_of_birth);
    if (has(p->date_of_death))
        member(b, &first, "deceasedDateTime", p->date_of_death);
    address(b, &first, p);
    contacts(b, &first, p);
    if (p->main_language) {
        buf_puts(b, ",\"communication\":[{\"language\":{\"text\":");
        buf_put_json(b, p->main_language);
        buf_puts(b, "},\"preferred\":true}]");
    }
    general_practitioner(b, &first, p);
    buf_putc(b, '}');
    return b->failed ? -1 : 0;
}

/* ---- from a persons_get record ---- */

static const char *str(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

json_t *fhir_patient_from_person(json_t *r)
{
    size_t nc = json_array_size(json_object_get(r, "contacts"));
    size_t ni = json_array_size(json_object_get(r, "local_identifiers"));
    struct person_view_contact *c = calloc(nc + 1, sizeof *c);
    struct person_view_identifier *l = calloc(ni + 1, sizeof *l);
    if (!c || !l) {
        free(c);
        free(l);
        return NULL;
    }
    for (size_t i = 0; i < nc; i++) {
        json_t *o = json_array_get(json_object_get(r, "contacts"), i);
        c[i] = (struct person_view_contact){str(o, "name"), str(o, "relationship"), str(o, "phone"), str(o, "email"),
                                            json_is_true(json_object_get(o, "next_of_kin"))};
    }
    for (size_t i = 0; i < ni; i++) {
        json_t *o = json_array_get(json_object_get(r, "local_identifiers"), i);
        l[i] = (struct person_view_identifier){str(o, "org_code"), str(o, "org_name"), str(o, "identifier")};
    }
    struct person_view p = {
        str(r, "id"), str(r, "updated_at"), str(r, "merged_into"), json_integer_value(json_object_get(r, "version")),
        str(r, "nhs_number"), str(r, "nhs_number_status"), str(r, "family_name"),
        str(r, "given_name"), str(r, "preferred_name"), str(r, "sex"), str(r, "date_of_birth"),
        str(r, "date_of_death"), str(r, "address_line1"), str(r, "address_line2"), str(r, "town"),
        str(r, "postcode"), str(r, "phone"), str(r, "email"), str(r, "main_language"),
        json_is_true(json_object_get(r, "interpreter_needed")), str(r, "gp_practice_id"),
        str(r, "gp_practice_code"), str(r, "gp_practice_name"), c, (int)nc, l, (int)ni,
    };
    struct buf b;
    buf_init(&b, 1 << 24);
    json_t *pt = fhir_patient_write(&b, &p) == 0 ? json_loadb(b.data, b.len, 0, NULL) : NULL;
    buf_free(&b);
    free(c);
    free(l);
    return pt;
}
