/* AuditEvent over FHIR: read and search (audit_event.h). */
#include "fhir/audit_event.h"
#include "fhir/fhir.h"
#include "fhir/query.h"
#include "svc/audit_view.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AUDIT_EVENT_PROFILE "http://hl7.org/fhir/StructureDefinition/AuditEvent"

static const char *str(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static int is(const char *a, const char *b)
{
    return a && strcmp(a, b) == 0;
}

static const char *action_code(const char *a)
{
    if (!a)
        return "E";
    if (is(a, "create"))
        return "C";
    if (is(a, "read") || is(a, "read_denied") || is(a, "search") || is(a, "export"))
        return "R";
    if (is(a, "delete"))
        return "D";
    if (is(a, "update") || is(a, "triaged") || is(a, "rerouted") || is(a, "accepted") || is(a, "declined") ||
        is(a, "closed") || is(a, "merge"))
        return "U";
    return "E";
}

/* The FHIR type a Seamless record is served as, or NULL. */
static const char *served_as(const char *rtype)
{
    static const char *const map[][2] = {{"person", "Patient"},          {"referral", "ServiceRequest"},
                                         {"hospital_stay", "Encounter"}, {"care_plan", "CarePlan"},
                                         {"team", "CareTeam"},           {"user", "Practitioner"},
                                         {"organisation", "Organization"}};
    for (size_t i = 0; rtype && i < sizeof map / sizeof map[0]; i++)
        if (strcmp(rtype, map[i][0]) == 0)
            return map[i][1];
    return NULL;
}

static json_t *purpose(const char *basis)
{
    if (is(basis, "relationship"))
        return json_pack("[{s:[{s:s, s:s, s:s}]}]", "coding", "system",
                         "http://terminology.hl7.org/CodeSystem/v3-ActReason", "code", "TREAT", "display",
                         "treatment");
    if (is(basis, "break_glass"))
        return json_pack("[{s:[{s:s, s:s, s:s}]}]", "coding", "system",
                         "http://terminology.hl7.org/CodeSystem/v3-ActReason", "code", "ETREAT", "display",
                         "Emergency Treatment");
    return basis ? json_pack("[{s:s}]", "text", basis) : NULL;
}

static json_t *agent(json_t *e)
{
    const char *uid = str(e, "user_id");
    if (!uid)
        return json_pack("[{s:{s:s}, s:b}]", "who", "display", "Seamless (the system)", "requestor", 0);
    char who[80];
    snprintf(who, sizeof who, "Practitioner/%s", uid);
    json_t *a = json_pack("{s:{s:s, s:s?}, s:b}", "who", "reference", who, "display", str(e, "user_name"),
                          "requestor", 1);
    if (str(e, "role"))
        json_object_set_new(a, "role", json_pack("[{s:s}]", "text", str(e, "role")));
    if (str(e, "org_id"))
        json_object_set_new(a, "location", json_pack("{s:s+}", "reference", "Organization/", str(e, "org_id")));
    return json_pack("[o]", a);
}

static json_t *entities(json_t *e)
{
    json_t *list = json_array();
    const char *rtype = str(e, "resource_type"), *rid = str(e, "resource_id"), *fhir = served_as(rtype);
    const char *pid = str(e, "person_id");
    long long people = json_integer_value(json_object_get(e, "people"));
    json_t *what = NULL;
    if (fhir && rid && !(is(fhir, "Patient") && pid))
        what = json_pack("{s:{s:s++}}", "what", "reference", fhir, "/", rid);
    else if (rtype && !(is(rtype, "person") && pid))
        what = json_pack("{s:{s:s++}}", "what", "display", rtype, rid ? " " : "", rid ? rid : "");
    if (what) {
        json_object_set_new(what, "type", json_pack("{s:s, s:s, s:s}", "system",
                                                    "http://terminology.hl7.org/CodeSystem/audit-entity-type",
                                                    "code", "2", "display", "System Object"));
        if (people > 1) {
            char n[40];
            snprintf(n, sizeof n, "%lld people", people);
            json_object_set_new(what, "description", json_string(n));
        }
        json_array_append_new(list, what);
    }
    if (pid) {
        char display[256];   /* two names of at most 100 bytes each (svc/person_input.c) */
        snprintf(display, sizeof display, "%s %s", str(e, "given_name") ? str(e, "given_name") : "",
                 str(e, "family_name") ? str(e, "family_name") : "");
        json_array_append_new(list, json_pack("{s:{s:s+, s:s}, s:{s:s, s:s, s:s}, s:{s:s, s:s, s:s}}", "what",
                                              "reference", "Patient/", pid, "display", display, "type", "system",
                                              "http://terminology.hl7.org/CodeSystem/audit-entity-type", "code",
                                              "1", "display", "Person", "role", "system",
                                              "http://terminology.hl7.org/CodeSystem/object-role", "code", "1",
                                              "display", "Patient"));
    }
    return list;
}

json_t *fhir_audit_event_from_entry(json_t *e, const char *base)
{
    char id[24];
    snprintf(id, sizeof id, "%lld", json_integer_value(json_object_get(e, "seq")));
    const char *act = str(e, "action");
    json_t *ev = json_pack("{s:s, s:s, s:{s:s, s:s?, s:[s]}, s:{s:s, s:s, s:s}, s:[{s:s, s:s}], s:s, s:s?, s:s,"
                           " s:o, s:{s:{s:s}, s:[{s:s, s:s, s:s}]}}",
                           "resourceType", "AuditEvent", "id", id, "meta", "versionId", "1", "lastUpdated",
                           str(e, "at"), "profile", AUDIT_EVENT_PROFILE, "type", "system",
                           "http://terminology.hl7.org/CodeSystem/audit-event-type", "code", "rest", "display",
                           "RESTful Operation", "subtype", "system", "", "code", act ? act : "unknown", "action",
                           action_code(act), "recorded", str(e, "at"),
                           "outcome", is(act, "read_denied") ? "4" : "0", "agent", agent(e), "source",
                           "observer", "display", "Seamless", "type", "system",
                           "http://terminology.hl7.org/CodeSystem/security-source-type", "code", "4", "display",
                           "Application Server");
    json_object_set_new(json_array_get(json_object_get(ev, "subtype"), 0), "system",
                        json_pack("s+", base, FHIR_AUDIT_ACTION_CS));
    json_t *why = purpose(str(e, "basis"));
    if (why)
        json_object_set_new(ev, "purposeOfEvent", why);
    json_t *ents = entities(e);
    if (json_array_size(ents))
        json_object_set_new(ev, "entity", ents);
    else
        json_decref(ents);
    return ev;
}

/* AuditEvent/{seq}: the viewer's page of that one entry. */
void fhir_audit_event_read(struct request *req, struct response *res)
{
    if (fhir_accepts(req, res) < 0)
        return;
    char *end;
    long long seq = strtoll(req->params[0], &end, 10);
    struct svc_ctx *c = fhir_ctx(req);
    json_t *page;
    int rc = SVC_NOTFOUND;
    if (!*end && seq > 0 && seq < INT64_MAX) {
        struct svc_audit_query q = {.seq = seq, .limit = 1};
        rc = svc_audit_view(c, &q, &page);
    }
    json_t *e = rc == SVC_OK ? json_array_get(json_object_get(page, "items"), 0) : NULL;
    if (rc == SVC_OK && json_integer_value(json_object_get(e, "seq")) != seq)
        rc = SVC_NOTFOUND;
    if (rc == SVC_NOTFOUND)
        svc_refuse(c, rc, NULL, "No such audit event.");
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, NULL, "AuditEvent");
        return;
    }
    fhir_send(req, res, 200, fhir_audit_event_from_entry(e, fhir_base(req)), NULL);
}

static const struct fhir_param_spec PARAMS[] = {
    {"patient", FHIR_REFERENCE}, {"agent", FHIR_REFERENCE}, {"date", FHIR_DATE}, {NULL, 0}};
static const struct fhir_search_spec SPEC = {"AuditEvent", PARAMS, NULL};

/* patient, agent and date as the viewer's filters; 0, or -1 with a 400. */
static int filters(struct response *res, const struct fhir_search *s, struct svc_audit_query *q)
{
    const struct fhir_term *p = fhir_search_term(s, "patient"), *a = fhir_search_term(s, "agent"),
                           *d = fhir_search_term(s, "date");
    const char *bad = NULL, *why = NULL;
    if (p && p->system[0] && strcmp(p->system, "Patient") != 0)
        bad = "patient", why = "patient: Patient/<id>";
    else if (a && a->system[0] && strcmp(a->system, "Practitioner") != 0)
        bad = "agent", why = "agent: Practitioner/<id>";
    else if (d && (strlen(d->value) != 10 || (d->prefix[0] && strcmp(d->prefix, "ge") &&
                                              strcmp(d->prefix, "le") && strcmp(d->prefix, "eq"))))
        bad = "date", why = "date: a day (YYYY-MM-DD) with eq, ge or le";
    if (bad) {
        fhir_outcome(res, 400, "invalid", why, bad);
        return -1;
    }
    q->person_id = p ? p->value : NULL;
    q->user_id = a ? a->value : NULL;
    if (d && strcmp(d->prefix, "le") != 0)
        q->from = d->value;
    if (d && strcmp(d->prefix, "ge") != 0)
        q->to = d->value;
    q->cursor = s->cursor[0] ? s->cursor : NULL;
    q->limit = s->count;
    return 0;
}

void fhir_audit_event_search(struct request *req, struct response *res)
{
    if (fhir_accepts(req, res) < 0)
        return;
    struct fhir_search s;
    struct svc_audit_query q = {0};
    if (fhir_query_parse(req, res, &SPEC, &s) < 0 || filters(res, &s, &q) < 0)
        return;
    json_t *page, *e;
    int rc = svc_audit_view(fhir_ctx(req), &q, &page);
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, (const struct fhir_path[]){{"cursor", "_cursor"}, {"from", "date"}, {"to", "date"},
                                                             {NULL, NULL}}, "AuditEvent");
        return;
    }
    json_t *b = fhir_bundle("searchset", -1);
    fhir_bundle_link(req, b, "self", fhir_query_url(req, "AuditEvent", NULL));
    const char *next = json_string_value(json_object_get(page, "next_cursor"));
    if (next)
        fhir_bundle_link(req, b, "next", fhir_query_url(req, "AuditEvent", next));
    size_t i;
    const char *base = fhir_base(req);
    json_array_foreach(json_object_get(page, "items"), i, e)
        fhir_bundle_add(req, b, fhir_audit_event_from_entry(e, base), "match");
    fhir_send(req, res, 200, b, NULL);
}
