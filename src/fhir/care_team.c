/* CareTeam over FHIR: read and search (care_team.h). */
#include "fhir/care_team.h"
#include "fhir/by_patient.h"
#include "fhir/fhir.h"
#include "fhir/query.h"
#include "fhir/service_request.h"
#include "domain/words.h"
#include "svc/access.h"
#include "svc/accounts.h"
#include <stdio.h>
#include <string.h>

#define CARE_TEAM_PROFILE "http://hl7.org/fhir/StructureDefinition/CareTeam"

static const char *str(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static int in_team(json_t *user, const char *team_id)
{
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(user, "teams"), i, t)
        if (str(t, "id") && strcmp(str(t, "id"), team_id) == 0)
            return 1;
    return 0;
}

json_t *fhir_care_team_from_team(json_t *team, json_t *staff)
{
    char org[80];
    const char *id = str(team, "id") ? str(team, "id") : "";
    snprintf(org, sizeof org, "Organization/%s", str(team, "org_id") ? str(team, "org_id") : "");
    json_t *ct = json_pack("{s:s, s:s, s:o, s:[{s:s, s:s}], s:s, s:[{s:s}], s:s?, s:[{s:s}]}", "resourceType",
                           "CareTeam", "id", id, "meta", fhir_meta(team, CARE_TEAM_PROFILE), "identifier", "system",
                           FHIR_TEAM_ID, "value", id, "status", "active", "category", "text", "team", "name",
                           str(team, "name"), "managingOrganization", "reference", org);
    json_t *members = json_array();
    size_t i;
    json_t *u;
    json_array_foreach(staff, i, u) {
        if (!in_team(u, id) || !json_is_true(json_object_get(u, "active")))
            continue;
        char who[80];
        snprintf(who, sizeof who, "Practitioner/%s", str(u, "id") ? str(u, "id") : "");
        json_t *m = json_pack("{s:{s:s, s:s?}}", "member", "reference", who, "display", str(u, "display_name"));
        const char *role = words_role(str(u, "role")), *prof = words_profession(str(u, "profession"));
        if (role || prof)
            json_object_set_new(m, "role", json_pack("[{s:s?}]", "text", prof ? prof : role));
        json_array_append_new(members, m);
    }
    if (json_array_size(members))
        json_object_set_new(ct, "participant", members);
    else
        json_decref(members);
    return ct;
}

json_t *fhir_care_team_from_caseload(json_t *p, json_t *c)
{
    char subject[80], team[80];
    snprintf(subject, sizeof subject, "Patient/%s", str(p, "id") ? str(p, "id") : "");
    snprintf(team, sizeof team, "CareTeam/%s", str(c, "team_id") ? str(c, "team_id") : "");
    const char *closed = str(c, "closed_on");
    json_t *ct = json_pack("{s:s, s:s?, s:o, s:s, s:[{s:s}], s:s?, s:{s:s}, s:{s:s?}, s:[{s:{s:s, s:s?}}]}",
                           "resourceType", "CareTeam", "id", str(c, "id"), "meta", fhir_meta(p, CARE_TEAM_PROFILE),
                           "status", closed ? "inactive" : "active", "category", "text", "caseload", "name",
                           str(c, "team_name"), "subject", "reference", subject, "period", "start",
                           str(c, "opened_on"), "participant", "member", "reference", team, "display",
                           str(c, "team_name"));
    if (closed)
        json_object_set_new(json_object_get(ct, "period"), "end", json_string(closed));
    if (str(c, "org_name"))
        json_object_set_new(ct, "managingOrganization", json_pack("[{s:s}]", "display", str(c, "org_name")));
    if (str(c, "reason") && *str(c, "reason"))
        json_object_set_new(ct, "reasonCode", json_pack("[{s:s}]", "text", str(c, "reason")));
    return ct;
}

void fhir_care_team_read(struct request *req, struct response *res)
{
    if (fhir_accepts(req, res) < 0)
        return;
    struct svc_ctx *c = fhir_ctx(req);
    json_t *team, *staff, *p, *entry;
    int rc = svc_team_get(c, req->params[0], &team);
    if (rc == SVC_OK && (rc = svc_staff_directory(c, &staff)) == SVC_OK) {
        fhir_send(req, res, 200, fhir_care_team_from_team(team, staff), NULL);
        return;
    }
    if (rc == SVC_NOTFOUND) {   /* not a team: a caseload entry, through the person's access check */
        svc_reset(c);
        rc = svc_caseload_read(c, req->params[0], &p, &entry);
        if (rc == SVC_OK) {
            fhir_send(req, res, 200, fhir_care_team_from_caseload(p, entry), NULL);
            return;
        }
        if (rc == SVC_NOTFOUND)
            svc_refuse(c, rc, NULL, "No such care team.");
    }
    fhir_result(req, res, rc, NULL, "CareTeam");
}

static const struct fhir_param_spec PARAMS[] = {
    {"patient", FHIR_REFERENCE}, {"participant", FHIR_REFERENCE}, {"status", FHIR_TOKEN}, {NULL, 0}};
static const struct fhir_search_spec SPEC = {"CareTeam", PARAMS, NULL};

/* The person's caseloads. */
static void search_caseloads(struct request *req, struct response *res, struct fhir_search *s,
                             const struct fhir_term *patient)
{
    json_t *p, *e;
    int rc = svc_person_read(fhir_ctx(req), patient->value, &p);
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, NULL, "CareTeam");
        return;
    }
    struct fhir_pager pg;
    fhir_pager_init(&pg, req, "CareTeam", s);
    size_t i;
    json_array_foreach(json_object_get(p, "caseloads"), i, e) fhir_pager_offer(&pg, fhir_care_team_from_caseload(p, e));
    fhir_send(req, res, 200, fhir_pager_bundle(&pg), NULL);
}

/* The teams (a member's, with participant). */
static void search_teams(struct request *req, struct response *res, struct fhir_search *s)
{
    const struct fhir_term *who = fhir_search_term(s, "participant");
    if (who && who->system[0] && strcmp(who->system, "Practitioner") != 0) {
        fhir_outcome(res, 400, "invalid", "participant: Practitioner/<id>", "participant");
        return;
    }
    struct svc_ctx *c = fhir_ctx(req);
    json_t *teams, *staff = NULL, *t, *u;
    int rc = svc_team_list(c, NULL, &teams);
    if (rc == SVC_OK)
        rc = svc_staff_directory(c, &staff);
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, NULL, "CareTeam");
        return;
    }
    json_t *member = NULL;
    size_t i;
    json_array_foreach(staff, i, u)
        if (who && str(u, "id") && strcmp(str(u, "id"), who->value) == 0)
            member = u;
    struct fhir_pager pg;
    fhir_pager_init(&pg, req, "CareTeam", s);
    json_array_foreach(json_object_get(teams, "items"), i, t)
        if (!who || (member && in_team(member, str(t, "id"))))
            fhir_pager_offer(&pg, fhir_care_team_from_team(t, staff));
    fhir_send(req, res, 200, fhir_pager_bundle(&pg), NULL);
}

void fhir_care_team_search(struct request *req, struct response *res)
{
    if (fhir_accepts(req, res) < 0)
        return;
    struct fhir_search s;
    if (fhir_query_parse(req, res, &SPEC, &s) < 0)
        return;
    const struct fhir_term *patient = fhir_search_term(&s, "patient");
    if (patient && fhir_search_term(&s, "participant")) {
        fhir_outcome(res, 400, "invalid", "Search CareTeam by patient (caseloads) or by participant (teams), not both.",
                     "participant");
        return;
    }
    if (patient && patient->has_system && strcmp(patient->system, "Patient") != 0) {
        fhir_outcome(res, 400, "invalid", "patient: Patient/<id>", "patient");
        return;
    }
    if (patient)
        search_caseloads(req, res, &s, patient);
    else
        search_teams(req, res, &s);
}
