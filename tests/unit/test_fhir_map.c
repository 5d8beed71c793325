/* Golden files for the FHIR mappings (src/fhir/patient_map.c,
 * organization.c): a person record with every element set, and one with
 * only what is required, mapped to a Patient and back to the services'
 * input, and an organisation of each type to an Organization — compared
 * with tests/unit/golden/fhir_*.json. A change to a mapping shows up as a
 * diff of those files (SEAMLESS_UPDATE_GOLDEN=1 rewrites them: review the
 * diff before committing). */
#include "test_helpers.h"
#include <jansson.h>
#include "fhir/fhir.h"
#include "fhir/care_plan.h"
#include "fhir/flag_consent.h"
#include "fhir/organization.h"
#include "fhir/patient.h"
#include "fhir/practitioner.h"
#include "fhir/service_request.h"
#include "fhir/encounter.h"
#include "fhir/care_team.h"
#include "fhir/audit_event.h"
#include "fhir/questionnaire.h"
#include "fhir/questionnaire_response.h"
#include "fhir/task.h"

static void golden(const char *name, json_t *actual)
{
    char path[128];
    snprintf(path, sizeof path, "tests/unit/golden/%s.json", name);
    if (getenv("SEAMLESS_UPDATE_GOLDEN"))
        assert_int_equal(json_dump_file(actual, path, JSON_INDENT(2) | JSON_SORT_KEYS), 0);
    json_error_t e;
    json_t *want = json_load_file(path, 0, &e);
    if (!want)
        fail_msg("%s: %s", path, e.text);
    if (!json_equal(want, actual)) {
        char *s = json_dumps(actual, JSON_INDENT(2) | JSON_SORT_KEYS);
        fail_msg("%s differs; the mapping now gives:\n%s", path, s);
    }
    json_decref(want);
}

static json_t *full_person(void)
{
    return json_pack(
        "{s:s, s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s,"
        " s:b, s:s, s:b, s:b, s:b, s:n, s:[{s:s, s:s, s:s, s:s, s:s, s:b}, {s:s, s:s, s:n, s:n, s:s, s:b}],"
        " s:[{s:s, s:s, s:s, s:s}]}",
        "id", "p1", "version", 3, "updated_at", "2026-12-02T10:00:00.000Z", "created_at", "2026-11-01T09:00:00.000Z",
        "nhs_number", "9434765919", "nhs_number_status", "01", "family_name", "Smith", "given_name", "Ann Marie",
        "preferred_name", "Annie", "date_of_birth", "1940-02-29", "date_of_death", "2026-11-30", "sex", "female",
        "postcode", "LE1 7RH", "address_line1", "Flat 2", "address_line2", "1 High Street", "town", "Leicester",
        "gp_practice_id", "gp1", "gp_practice_code", "RSG", "gp_practice_name", "Riverside Surgery",
        "phone", "0116 496 0000", "interpreter_needed", 1, "main_language", "Polish", "objects_to_sharing", 1,
        "alert_safeguarding", 1, "alert_risk_to_staff", 0, "merged_into",
        "contacts", "id", "c1", "name", "Bob Smith", "relationship", "son", "phone", "07700 900000", "email",
        "bob@example.org", "next_of_kin", 1, "id", "c2", "name", "Jo Smith", "phone", "email", "relationship", "",
        "next_of_kin", 0,
        "local_identifiers", "org_id", "o1", "org_code", "SCC", "org_name", "Shire County Council", "identifier",
        "ASC-123");
}

static json_t *bare_person(void)
{
    return json_pack("{s:s, s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:[], s:[]}", "id", "p2", "version", 1,
                     "updated_at", "2026-12-02T10:00:00.000Z", "family_name", "Jones", "given_name", "Kim",
                     "date_of_birth", "1950-01-01", "sex", "unknown", "nhs_number_status", "03",
                     "interpreter_needed", 0, "contacts", "local_identifiers");
}

static void patient_mapping(void **state)
{
    (void)state;
    const struct {
        const char *name;
        json_t *(*make)(void);
    } cases[] = {{"fhir_patient_full", full_person}, {"fhir_patient_bare", bare_person}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *person = cases[i].make();
        json_t *pt = fhir_patient_from_person(person);
        golden(cases[i].name, pt);
        json_t *errors = json_array();
        json_t *body = fhir_patient_to_body(pt, errors);
        assert_int_equal(json_array_size(errors), 0);
        char back[64];
        snprintf(back, sizeof back, "%s_body", cases[i].name);
        golden(back, body);
        json_decref(body);
        json_decref(errors);
        json_decref(pt);
        json_decref(person);
    }
}

static void patient_shape_errors_name_the_element(void **state)
{
    (void)state;
    static const struct {
        const char *json, *expression;
    } bad[] = {
        {"{\"name\": {}}", "Patient.name"},
        {"{\"identifier\": \"9434765919\"}", "Patient.identifier"},
        {"{\"address\": [{\"line\": [\"a\", \"b\", \"c\"]}]}", "Patient.address[0].line"},
        {"{\"deceasedBoolean\": true}", "Patient.deceasedBoolean"},
        {"{\"deceasedDateTime\": 2026}", "Patient.deceasedDateTime"},
        {"{\"generalPractitioner\": [{\"reference\": \"Practitioner/1\"}]}", "Patient.generalPractitioner[0].reference"},
        {"{\"telecom\": {}}", "Patient.telecom"},
        {"{\"contact\": [{\"telecom\": 1}]}", "Patient.contact.telecom"},
        {"{\"identifier\": [{\"system\": \"" FHIR_NHS_NUMBER "\", \"value\": \"9434765919\", \"extension\": [{\"url\":"
         " \"" FHIR_NHS_VERIFICATION_EXT "\", \"valueCodeableConcept\": {\"coding\": [{\"system\": \""
         FHIR_NHS_VERIFICATION_CS "\", \"code\": \"09\"}]}}]}]}",
         "Patient.identifier.where(system='" FHIR_NHS_NUMBER "').extension('" FHIR_NHS_VERIFICATION_EXT "')"},
        {"{\"identifier\": [{\"system\": \"" FHIR_NHS_NUMBER "\", \"value\": \"9434765919\", \"extension\": [{\"url\":"
         " \"" FHIR_NHS_VERIFICATION_EXT "\", \"valueCodeableConcept\": {\"coding\": [{\"system\": \"urn:x\","
         " \"code\": \"01\"}]}}]}]}",
         "Patient.identifier.where(system='" FHIR_NHS_NUMBER "').extension('" FHIR_NHS_VERIFICATION_EXT "')"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        json_t *pt = json_loads(bad[i].json, 0, NULL), *errors = json_array();
        json_decref(fhir_patient_to_body(pt, errors));
        if (json_array_size(errors) != 1)
            fail_msg("%s: %zu errors", bad[i].json, json_array_size(errors));
        assert_string_equal(json_string_value(json_object_get(json_array_get(errors, 0), "field")), bad[i].expression);
        json_decref(errors);
        json_decref(pt);
    }
}

/* The NHS number's verification status extension for every status code
 * (UK Core NHSNumberVerificationStatusEngland: code and display), and
 * back into the body; no NHS number (whatever the status) or a stored
 * status outside 01..08 → no extension. */
static void patient_nhs_number_status(void **state)
{
    (void)state;
    static const struct {
        const char *number, *status, *display;
    } cases[] = {
        {"9434765919", "01", "Number present and verified"},
        {"9434765919", "02", "Number present but not traced"},
        {"9434765919", "03", "Trace required"},
        {"9434765919", "04", "Trace attempted - No match or multiple match found"},
        {"9434765919", "05", "Trace needs to be resolved - (NHS Number or patient detail conflict)"},
        {"9434765919", "06", "Trace in progress"},
        {"9434765919", "07", "Number not present and trace not required"},
        {"9434765919", "08", "Trace postponed (baby under six weeks old)"},
        {"9434765919", "09", NULL},
        {"9434765919", "", NULL},
        {NULL, "03", NULL},
        {NULL, "07", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *person = bare_person();
        json_object_set_new(person, "nhs_number", cases[i].number ? json_string(cases[i].number) : json_null());
        json_object_set_new(person, "nhs_number_status", json_string(cases[i].status));
        json_t *pt = fhir_patient_from_person(person);
        json_t *id = json_array_get(json_object_get(pt, "identifier"), 0);
        json_t *ext = json_array_get(json_object_get(id, "extension"), 0);
        json_t *coding = json_array_get(json_object_get(json_object_get(ext, "valueCodeableConcept"), "coding"), 0);
        if (!cases[i].number)
            assert_null(json_object_get(pt, "identifier"));
        else
            assert_string_equal(json_string_value(json_object_get(id, "value")), cases[i].number);
        if (!cases[i].display) {
            assert_null(ext);
        } else {
            assert_string_equal(json_string_value(json_object_get(ext, "url")), FHIR_NHS_VERIFICATION_EXT);
            assert_string_equal(json_string_value(json_object_get(coding, "system")), FHIR_NHS_VERIFICATION_CS);
            assert_string_equal(json_string_value(json_object_get(coding, "code")), cases[i].status);
            assert_string_equal(json_string_value(json_object_get(coding, "display")), cases[i].display);
        }
        json_t *errors = json_array();
        json_t *body = fhir_patient_to_body(pt, errors);
        assert_int_equal(json_array_size(errors), 0);
        if (cases[i].display)
            assert_string_equal(json_string_value(json_object_get(body, "nhs_number_status")), cases[i].status);
        else
            assert_null(json_object_get(body, "nhs_number_status"));
        json_decref(body);
        json_decref(errors);
        json_decref(pt);
        json_decref(person);
    }
}

static void organization_mapping(void **state)
{
    (void)state;
    json_t *all = json_array();
    const char *types[] = {"council", "icb", "acute_trust", "community_trust", "gp_practice", "provider", "voluntary"};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        json_t *o = json_pack("{s:s+, s:s+, s:s, s:s, s:i}", "id", "o", types[i], "code", "X", types[i], "name",
                              "Somewhere", "type", types[i], "version", 2);
        json_array_append_new(all, fhir_organization_from_org(o));
        json_decref(o);
    }
    golden("fhir_organizations", all);
    json_decref(all);
}

/* An active social worker in two teams; an inactive user of an unknown
 * profession in no team (no code for it, no specialty). */
static void practitioner_mapping(void **state)
{
    (void)state;
    json_t *users = json_pack(
        "[{s:s, s:s, s:s, s:s, s:s, s:b, s:s, s:s, s:i, s:s, s:[{s:s}, {s:s}]},"
        " {s:s, s:s, s:s, s:s, s:s, s:b, s:s, s:s, s:i, s:s, s:[]}]",
        "id", "u1", "username", "sw.jones", "display_name", "Sam Jones", "role", "practitioner", "profession",
        "social_worker", "active", 1, "org_id", "o1", "org_name", "Shire County Council", "version", 3, "updated_at",
        "2026-12-02T09:00:00Z", "teams", "name", "Integrated locality team north", "name", "Front door", "id", "u2",
        "username", "old.hand", "display_name", "Old Hand", "role", "team_manager", "profession", "astrologer",
        "active", 0, "org_id", "o2", "org_name", "Riverside GP", "version", 1, "updated_at", "2026-01-05T10:00:00Z",
        "teams");
    json_t *all = json_array(), *u;
    size_t i;
    json_array_foreach(users, i, u) {
        json_array_append_new(all, fhir_practitioner_from_user(u));
        json_array_append_new(all, fhir_practitioner_role_from_user(u));
    }
    golden("fhir_practitioners", all);
    json_decref(all);
    json_decref(users);
}

static void service_request_mapping(void **state)
{
    (void)state;
    const char *status[] = {"received", "triaged", "accepted", "closed"};
    const char *urgency[] = {"crisis", "urgent", "routine", "routine"};
    json_t *all = json_array();
    for (int i = 0; i < 4; i++) {
        json_t *r = json_pack("{s:s+, s:s, s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", "r", status[i],
                              "person_id", "p1", "version", i + 1, "updated_at", "2026-12-02T10:00:00.000Z",
                              "status", status[i], "urgency", urgency[i], "received_at", "2026-12-01T09:30:00Z",
                              "reason", "Falls at home", "team_name", "Integrated Locality Team North",
                              "referred_by_name", "Sam Jones");
        if (i < 3) {
            json_object_set_new(r, "team_id", json_string("team-ilt-north"));
            json_object_set_new(r, "source", json_string(i == 0 ? "gp" : i == 1 ? "111" : "self"));
            json_object_set_new(r, "consent", json_string(i == 2 ? "best_interests" : "given"));
        }
        if (i == 0) {
            json_object_set_new(r, "referrer_name", json_string("Dr Ren Rivers"));
            json_object_set_new(r, "referrer_org", json_string("Riverside Surgery"));
        }
        if (i >= 2)
            json_object_set_new(r, "route", json_string("reablement"));
        json_array_append_new(all, fhir_service_request_from_referral(r, "http://localhost/fhir/R4"));
        json_decref(r);
    }
    golden("fhir_service_requests", all);
    json_decref(all);
}

static void flag_and_consent_mapping(void **state)
{
    (void)state;
    json_t *p = full_person(), *all = fhir_flags_from_person(p);
    json_object_set_new(p, "alert_risk_to_staff", json_true());
    json_object_set_new(p, "alert_note", json_string("Dog in the house"));
    json_t *both = fhir_flags_from_person(p);
    json_array_extend(all, both);
    json_array_append_new(all, fhir_consent_from_person(p));
    json_object_set_new(p, "objects_to_sharing", json_false());
    assert_null(fhir_consent_from_person(p));
    golden("fhir_flags_consent", all);
    json_decref(both);
    json_decref(all);
    json_decref(p);
}

static void episode_of_care_mapping(void **state)
{
    (void)state;
    json_t *p = full_person();
    json_t *c = json_pack("[{s:s, s:s, s:s, s:s, s:n, s:s}, {s:s, s:s, s:s, s:s, s:s, s:s}]", "id", "c1", "team_name",
                          "Integrated Locality Team North", "org_name", "Shire County Council", "opened_on",
                          "2026-01-05", "closed_on", "reason", "registered", "id", "c2", "team_name", "Reablement",
                          "org_name", "Shire Community Health NHS Trust", "opened_on", "2025-06-01", "closed_on",
                          "2025-08-31", "reason", "");
    json_t *all = json_array();
    size_t i;
    json_t *one;
    json_array_foreach(c, i, one)
        json_array_append_new(all, fhir_episode_from_caseload(p, one));
    golden("fhir_episodes_of_care", all);
    json_decref(all);
    json_decref(c);
    json_decref(p);
}

/* A plan at each status: draft, agreed, active (one task ended, one running,
 * one without a provider) and ended. */
static void care_plan_mapping(void **state)
{
    (void)state;
    const char *status[] = {"draft", "agreed", "active", "ended"};
    json_t *all = json_array();
    for (int i = 0; i < 4; i++) {
        json_t *p = json_pack("{s:s+, s:s, s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:[]}", "id", "plan-", status[i],
                              "person_id", "p1", "version", i + 1, "updated_at", "2026-12-02T10:00:00.000Z",
                              "status", status[i], "needs", "Help washing and with meals", "outcomes",
                              "Stay at home safely", "start_on", "2026-11-01", "team_name",
                              "Social Work Team North", "tasks");
        if (i == 3)
            json_object_set_new(p, "ended_on", json_string("2026-11-30"));
        json_t *tasks = json_object_get(p, "tasks");
        json_array_append_new(tasks, json_pack("{s:s, s:s, s:s, s:i, s:s, s:i, s:s, s:s}", "id", "t1", "task_name",
                                               "Personal care", "kind", "social_care", "calls", 2, "per", "day",
                                               "minutes_per_call", 30, "provider_name", "Homecare Partners Ltd",
                                               "accountable_name", "Shire County Council"));
        if (i == 2) {
            json_array_append_new(tasks, json_pack("{s:s, s:s, s:s, s:i, s:s, s:i, s:s, s:s}", "id", "t2",
                                                   "task_name", "Stoma care", "kind", "health", "calls", 1, "per",
                                                   "week", "minutes_per_call", 20, "accountable_name",
                                                   "Shire ICB", "ended_on", "2026-11-20"));
        }
        json_array_append_new(all, fhir_care_plan_from_plan(p));
        json_decref(p);
    }
    golden("fhir_care_plans", all);
    json_decref(all);
}

/* Assignments before, during (a delegated health task) and after today. */
static void task_mapping(void **state)
{
    (void)state;
    json_t *plan = json_pack("{s:s, s:[{s:s, s:s, s:s}, {s:s, s:s, s:s}]}", "id", "plan-1", "tasks", "id", "t1",
                             "task_name", "Personal care", "accountable_name", "Shire County Council", "id", "t2",
                             "task_name", "Stoma care", "accountable_name", "Shire ICB");
    const char *from[] = {"2026-12-03", "2026-11-01", "2026-10-01"}, *to[] = {"2027-01-01", "2026-12-02", "2026-12-01"};
    json_t *all = json_array();
    for (int i = 0; i < 3; i++) {
        json_t *a = json_pack("{s:s+, s:s, s:s, s:s, s:i, s:s, s:s, s:s, s:s, s:s, s:b}", "id", "a", from[i],
                              "plan_task_id", i == 1 ? "t2" : "t1", "plan_id", "plan-1", "person_id", "p1",
                              "version", 1, "updated_at", "2026-12-02T10:00:00.000Z", "worker", "Kim Carer",
                              "worker_org_name", "Homecare Partners Ltd", "from_on", from[i], "to_on", to[i],
                              "delegated", i == 1);
        if (i == 1) {
            json_object_set_new(a, "practitioner", json_string("Rosa Patel"));
            json_object_set_new(a, "oversight_review_on", json_string("2026-12-15"));
        }
        json_array_append_new(all, fhir_task_from_assignment(plan, a, "2026-12-02"));
        json_decref(a);
    }
    golden("fhir_tasks", all);
    json_decref(all);
    json_decref(plan);
}

/* A stay on the ward, one discharged home (with bed, specialty and a
 * destination), one cancelled admission typed in without a visit number. */
static void encounter_mapping(void **state)
{
    (void)state;
    const char *status[] = {"admitted", "discharged", "cancelled"};
    json_t *all = json_array();
    for (int i = 0; i < 3; i++) {
        json_t *s = json_pack("{s:s+, s:s, s:s, s:s, s:s, s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", "s",
                              status[i], "person_id", "p1", "org_id", "o-sht", "org_code", "RX1", "org_name",
                              "Shire Hospitals NHS Trust", "version", i + 1, "updated_at", "2026-12-02T10:00:00.000Z",
                              "status", status[i], "admitted_at", "2026-11-20T14:05:00Z", "ward_name", "Ward 7",
                              "bed", i == 1 ? "12" : "", "specialty", i == 1 ? "Geriatric medicine" : "",
                              "discharge_destination", i == 1 ? "Home with reablement" : "", "visit_number",
                              i == 2 ? "" : "SPELL-42");
        if (i == 1)
            json_object_set_new(s, "discharged_at", json_string("2026-12-01T11:30:00Z"));
        json_array_append_new(all, fhir_encounter_from_stay(s));
        json_decref(s);
    }
    golden("fhir_encounters", all);
    json_decref(all);
}

/* A team with an active member, an inactive one and someone of another
 * team; an open and a closed caseload entry of a person. */
static void care_team_mapping(void **state)
{
    (void)state;
    json_t *team = json_pack("{s:s, s:s, s:s, s:s, s:i, s:s}", "id", "t1", "org_id", "o1", "code", "ILT-NORTH",
                             "name", "Integrated Locality Team North", "version", 3, "updated_at",
                             "2026-11-30T09:00:00.000Z");
    json_t *staff = json_pack("[{s:s, s:s, s:s, s:s, s:b, s:[{s:s}]}, {s:s, s:s, s:s, s:s, s:b, s:[{s:s}]},"
                              " {s:s, s:s, s:s, s:s, s:b, s:[{s:s}]}]",
                              "id", "u1", "display_name", "Sam Jones", "role", "practitioner", "profession",
                              "social_worker", "active", 1, "teams", "id", "t1",
                              "id", "u2", "display_name", "Gone Away", "role", "practitioner", "profession",
                              "social_worker", "active", 0, "teams", "id", "t1",
                              "id", "u3", "display_name", "Ravi Patel", "role", "practitioner", "profession",
                              "registered_nurse", "active", 1, "teams", "id", "t2");
    json_t *p = full_person();
    json_t *c = json_pack("[{s:s, s:s, s:s, s:s, s:s, s:n, s:s}, {s:s, s:s, s:s, s:s, s:s, s:s, s:s}]", "id", "c1",
                          "team_id", "t1", "team_name", "Integrated Locality Team North", "org_name",
                          "Shire County Council", "opened_on", "2026-01-05", "closed_on", "reason", "registered",
                          "id", "c2", "team_id", "t9", "team_name", "Reablement", "org_name",
                          "Shire Community Health NHS Trust", "opened_on", "2025-06-01", "closed_on", "2025-08-31",
                          "reason", "");
    json_t *all = json_array();
    json_array_append_new(all, fhir_care_team_from_team(team, staff));
    size_t i;
    json_t *one;
    json_array_foreach(c, i, one)
        json_array_append_new(all, fhir_care_team_from_caseload(p, one));
    golden("fhir_care_teams", all);
    json_decref(all);
    json_decref(c);
    json_decref(p);
    json_decref(staff);
    json_decref(team);
}

/* A read of a referral with a relationship, a refused read of a person, a
 * break-glass read, a system write, and one entry of a list read that
 * released three people. */
static void audit_event_mapping(void **state)
{
    (void)state;
    json_t *entries = json_pack(
        "[{s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i},"
        " {s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:n, s:i},"
        " {s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i},"
        " {s:i, s:s, s:n, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i},"
        " {s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:n, s:n, s:n, s:n, s:s, s:i}]",
        "seq", 41, "at", "2026-12-02T09:00:00.000Z", "user_id", "u1", "user_name", "Sam Jones", "org_id", "o1",
        "role", "practitioner", "action", "read", "resource_type", "referral", "resource_id", "r1", "person_id", "p1",
        "given_name", "Ann", "family_name", "Smith", "basis", "relationship", "people", 1,
        "seq", 42, "at", "2026-12-02T09:01:00.000Z", "user_id", "u2", "user_name", "Ravi Patel", "org_id", "o2",
        "role", "practitioner", "action", "read_denied", "resource_type", "person", "resource_id", "p1",
        "person_id", "p1", "given_name", "Ann", "family_name", "Smith", "basis", "people", 1,
        "seq", 43, "at", "2026-12-02T09:02:00.000Z", "user_id", "u2", "user_name", "Ravi Patel", "org_id", "o2",
        "role", "practitioner", "action", "read", "resource_type", "hospital_stay", "resource_id", "s1",
        "person_id", "p1", "given_name", "Ann", "family_name", "Smith", "basis", "break_glass", "people", 1,
        "seq", 44, "at", "2026-12-02T09:03:00.000Z", "user_id", "user_name", "", "org_id", "o1", "role", "system",
        "action", "create", "resource_type", "person", "resource_id", "p2", "person_id", "p2", "given_name", "Bea",
        "family_name", "Barker", "basis", "system", "people", 1,
        "seq", 45, "at", "2026-12-02T09:04:00.000Z", "user_id", "u1", "user_name", "Sam Jones", "org_id", "o1",
        "role", "practitioner", "action", "search", "resource_type", "persons", "resource_id", "person_id",
        "given_name", "family_name", "basis", "relationship", "people", 3);
    json_t *all = json_array();
    size_t i;
    json_t *e;
    json_array_foreach(entries, i, e)
        json_array_append_new(all, fhir_audit_event_from_entry(e, "http://localhost/fhir/R4"));
    golden("fhir_audit_events", all);
    json_decref(all);
    json_decref(entries);
}

/* The four forms, built from the domain rules' tables. */
static void questionnaire_mapping(void **state)
{
    (void)state;
    json_t *all = json_array();
    for (int i = 0; i < FHIR_QUESTIONNAIRE_COUNT; i++)
        json_array_append_new(all, fhir_questionnaire(fhir_questionnaire_ids[i], "http://localhost/fhir/R4"));
    assert_null(fhir_questionnaire("nope", "http://localhost/fhir/R4"));
    golden("fhir_questionnaires", all);
    json_decref(all);
}

/* A Checklist, a draft adult Care Act assessment, a completed carer's
 * assessment (the assessor disagreeing) and a DST with its MDT as
 * QuestionnaireResponses (golden), and each back to the API's fields — the
 * determination's readOnly items (eligible, reasons) not taken back. */
static void questionnaire_response_mapping(void **state)
{
    (void)state;
    const char *base = "http://localhost/fhir/R4";
    json_t *checklist = json_pack(
        "{s:s, s:s, s:s, s:i, s:s, s:s, s:s, s:{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}}", "id", "k1",
        "person_id", "p1", "status", "sent", "version", 2, "updated_at", "2026-12-01T10:00:00.000Z", "completed_on",
        "2026-12-01", "setting", "acute", "domains", "breathing", "A", "nutrition", "B", "continence", "C", "skin", "C",
        "mobility", "B", "communication", "C", "psychological", "C", "cognition", "B", "behaviour", "C",
        "drug_therapies", "C", "altered_states", "C");
    json_t *adult = json_pack("{s:s, s:s, s:s, s:i, s:s, s:b, s:{s:[s, s], s:[]}, s:n, s:[s], s:s}", "id", "a1",
                              "person_id", "p1", "status", "draft", "version", 3, "updated_at",
                              "2026-12-02T09:00:00.000Z", "impairment_or_illness", 1, "outcomes", "nutrition",
                              "without_assistance", "pain_distress_anxiety", "hygiene", "significant_impact",
                              "wellbeing", "health", "person_views", "I want to stay at home");
    json_t *dst = json_pack("{s:s, s:s, s:s, s:i, s:s, s:s, s:s, s:{s:s, s:s}, s:[{s:s, s:s}, {s:s, s:s, s:b}]}",
                            "id", "d1", "person_id", "p1", "status", "completed", "version", 5, "updated_at",
                            "2026-12-02T09:30:00.000Z", "completed_on", "2026-12-02", "setting", "community",
                            "domains", "breathing", "severe", "cognition", "high", "mdt", "name", "Dr Ren Rivers",
                            "profession", "doctor", "name", "Sam Jones", "profession", "social_worker",
                            "care_act_assessor", 1);
    json_t *carer = json_pack("{s:s, s:s, s:s, s:s, s:i, s:s, s:b, s:b, s:{s:[s], s:[]}, s:b, s:[s, s],"
                              " s:{s:b, s:i, s:s, s:b, s:s, s:b}}", "id", "a2", "person_id", "p1", "kind", "carer",
                              "status", "completed", "version", 6, "updated_at", "2026-12-02T11:00:00.000Z",
                              "needs_arise_from_caring", 1, "health_deteriorating_or_at_risk", 0, "outcomes",
                              "caring_child", "pain_distress_anxiety", "habitable_home", "significant_impact", 1,
                              "wellbeing", "health", "control", "determination", "computed_eligible", 1,
                              "outcomes_unable", 1, "reasons", "Eligible (reg 3): ...", "assessor_agrees", 0,
                              "assessor_reason", "Her sister now shares the caring", "eligible", 0);
    struct { const char *form; json_t *rec; const char *authored; } cases[] = {
        {"chc-checklist", checklist, "2026-12-01"}, {"care-act-adult", adult, NULL},
        {"care-act-carer", carer, NULL}, {"chc-dst", dst, "2026-12-02"}};
    json_t *all = json_array();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *q = fhir_questionnaire(cases[i].form, base);
        json_t *qr = fhir_qr_from_record(q, cases[i].rec, cases[i].authored);
        json_t *errors = json_array();
        json_t *body = fhir_qr_to_body(q, qr, errors);
        assert_int_equal(json_array_size(errors), 0);
        const char *key;
        json_t *v;
        json_object_foreach(body, key, v) {
            json_t *was = json_object_get(cases[i].rec, key);
            if (strcmp(key, "determination") == 0) {   /* the confirmation only */
                assert_int_equal(json_object_size(v), 2);
                assert_true(json_equal(json_object_get(v, "assessor_agrees"), json_object_get(was, "assessor_agrees")));
                assert_true(json_equal(json_object_get(v, "assessor_reason"), json_object_get(was, "assessor_reason")));
            } else if (!json_equal(v, was)) {
                fail_msg("%s: %s does not come back as it went", cases[i].form, key);
            }
        }
        json_array_append_new(all, qr);
        json_decref(body);
        json_decref(errors);
        json_decref(q);
    }
    /* An item the form does not have, and an answer of the wrong type. */
    json_t *q = fhir_questionnaire("chc-checklist", base), *errors = json_array();
    json_t *qr = json_pack("{s:[{s:s, s:[{s:b}]}, {s:s, s:[{s:i}]}]}", "item", "linkId", "domains.breathing",
                           "answer", "valueBoolean", 1, "linkId", "shoe_size", "answer", "valueInteger", 9);
    json_decref(fhir_qr_to_body(q, qr, errors));
    assert_int_equal(json_array_size(errors), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(errors, 1), "field")),
                        "QuestionnaireResponse.item.where(linkId='shoe_size')");
    json_decref(qr);
    json_decref(errors);
    json_decref(q);
    golden("fhir_questionnaire_responses", all);
    json_decref(all);
    json_decref(checklist);
    json_decref(adult);
    json_decref(carer);
    json_decref(dst);
}

/* The FHIRPath naming the item of a service's field: plain, an answer of a
 * repeating item, a member of a repeating group, the confirmation moved
 * into the determination group, and what only looks like those. */
static void questionnaire_response_expressions(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"domains.skin", "QuestionnaireResponse.item.where(linkId='domains.skin')"},
        {"wellbeing", "QuestionnaireResponse.item.where(linkId='wellbeing')"},
        {"wellbeing[0]", "QuestionnaireResponse.item.where(linkId='wellbeing').answer[0]"},
        {"wellbeing[12]", "QuestionnaireResponse.item.where(linkId='wellbeing').answer[12]"},
        {"mdt[1].name", "QuestionnaireResponse.item.where(linkId='mdt')[1].item.where(linkId='mdt.name')"},
        {"assessor_agrees", "QuestionnaireResponse.item.where(linkId='determination.assessor_agrees')"},
        {"assessor_reason", "QuestionnaireResponse.item.where(linkId='determination.assessor_reason')"},
        {"assessor", "QuestionnaireResponse.item.where(linkId='assessor')"},
        {"assessor_agrees_x", "QuestionnaireResponse.item.where(linkId='assessor_agrees_x')"},
        {"wellbeing[]", "QuestionnaireResponse.item.where(linkId='wellbeing[]')"},
        {"wellbeing[x]", "QuestionnaireResponse.item.where(linkId='wellbeing[x]')"},
        {"wellbeing[1x]", "QuestionnaireResponse.item.where(linkId='wellbeing[1x]')"},
        {"[1]", "QuestionnaireResponse.item.where(linkId='[1]')"},
        {"mdt[1].", "QuestionnaireResponse.item.where(linkId='mdt[1].')"},
        {"mdt[1]x", "QuestionnaireResponse.item.where(linkId='mdt[1]x')"},
        {"", "QuestionnaireResponse.item.where(linkId='')"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[200];
        fhir_qr_expression(cases[i][0], out, sizeof out);
        assert_string_equal(out, cases[i][1]);
    }
}

/* A client's answer to a readOnly item (the server's determination) is not
 * taken back; the confirmation beside it is. */
static void questionnaire_response_read_only(void **state)
{
    (void)state;
    json_t *q = fhir_questionnaire("care-act-adult", "http://localhost/fhir/R4"), *errors = json_array();
    json_t *qr = json_pack("{s:[{s:s, s:[{s:s, s:[{s:b}]}, {s:s, s:[{s:b}]}, {s:s, s:[{s:s}]}]}]}", "item",
                           "linkId", "determination", "item", "linkId", "determination.assessor_agrees", "answer",
                           "valueBoolean", 1, "linkId", "determination.eligible", "answer", "valueBoolean", 1,
                           "linkId", "determination.reasons", "answer", "valueString", "made up");
    json_t *body = fhir_qr_to_body(q, qr, errors);
    assert_int_equal(json_array_size(errors), 0);
    json_t *want = json_pack("{s:{s:b}}", "determination", "assessor_agrees", 1);
    assert_true(json_equal(body, want));
    json_decref(want);
    json_decref(body);
    json_decref(qr);
    json_decref(errors);
    json_decref(q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(patient_mapping),
        cmocka_unit_test(patient_shape_errors_name_the_element),
        cmocka_unit_test(patient_nhs_number_status),
        cmocka_unit_test(organization_mapping),
        cmocka_unit_test(practitioner_mapping),
        cmocka_unit_test(service_request_mapping),
        cmocka_unit_test(flag_and_consent_mapping),
        cmocka_unit_test(episode_of_care_mapping),
        cmocka_unit_test(care_plan_mapping),
        cmocka_unit_test(task_mapping),
        cmocka_unit_test(encounter_mapping),
        cmocka_unit_test(care_team_mapping),
        cmocka_unit_test(audit_event_mapping),
        cmocka_unit_test(questionnaire_mapping),
        cmocka_unit_test(questionnaire_response_mapping),
        cmocka_unit_test(questionnaire_response_expressions),
        cmocka_unit_test(questionnaire_response_read_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
