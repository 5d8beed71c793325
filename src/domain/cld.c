/* cld: see cld.h. */
#include "domain/cld.h"
#include "domain/nhs_number.h"
#include <string.h>

static const char *const column_names[CLD_NCOLUMNS] = {
#define CLD_NAME(name, header) header,
    CLD_COLUMNS(CLD_NAME)
#undef CLD_NAME
};

const char *cld_column_name(enum cld_column c)
{
    return (int)c >= 0 && c < CLD_NCOLUMNS ? column_names[c] : NULL;
}

const char *cld_event_name(enum cld_event e)
{
    static const char *const names[] = {"Request", "Assessment", "Service", "Review"};
    return (int)e >= 0 && e <= CLD_EVENT_REVIEW ? names[e] : NULL;
}

/* ---- code lists (the one place to correct them) ----
 * Each list says where it was checked (docs/internals/cld.md has the
 * addresses). "Confirmed": matched value for value by NHS England's CLD
 * SALT/ASCOF transformation code (github.com/NHSDigital/ASC-Client-Level-
 * Data-SALT-ASCOF-transformations, "NHSE code" below) or by the Release 1
 * guidance (NHS England/DHSC, February 2023) as quoted value for value by
 * the Adult Social Care glossary ("R1 guidance" below). "To confirm": no
 * Release 1 source was found; the reason is given. */

static const char *const client_types[] = {"Service User", "Carer", NULL};
/* Confirmed: NHSE code (LTS001b: 'Male', 'Female', 'Other', 'Unknown') and
 * the specification's wording of the field ("'Other' ... 'Unknown' should be
 * used where the client's gender has not been recorded"). */
static const char *const genders[] = {"Male", "Female", "Other", "Unknown", NULL};
static const char *const ethnicities[] = {       /* confirmed (2021 census categories) */
    "White - English, Welsh, Scottish, Northern Irish or British", "White - Irish",
    "White - Gypsy or Irish Traveller", "White - Roma", "White - Any other White background",
    "Mixed or multiple ethnic groups - White and Black Caribbean",
    "Mixed or multiple ethnic groups - White and Black African",
    "Mixed or multiple ethnic groups - White and Asian",
    "Mixed or multiple ethnic groups - Any other Mixed or multiple ethnic background",
    "Asian or Asian British - Indian", "Asian or Asian British - Pakistani",
    "Asian or Asian British - Bangladeshi", "Asian or Asian British - Chinese",
    "Asian or Asian British - Any other Asian background",
    "Black, Black British, Caribbean or African - Caribbean",
    "Black, Black British, Caribbean or African - African",
    "Black, Black British, Caribbean or African - Any other Black, Black British or Caribbean background",
    "Other ethnic group - Arab", "Other ethnic group - Any other ethnic group",
    "No data - Undeclared or Not known", "No data - Refused", NULL};
static const char *const support_reasons[] = {   /* confirmed */
    "Physical Support: Access & mobility only", "Physical Support: Personal care support",
    "Sensory Support: Support for visual impairment", "Sensory Support: Support for hearing impairment",
    "Sensory Support: Support for dual impairment", "Support with Memory & Cognition",
    "Learning Disability Support", "Mental Health Support", "Social Support: Substance misuse support",
    "Social Support: Asylum seeker support", "Social Support: Support for Social Isolation/Other",
    "Social Support: Support to Carer", NULL};
static const char *const accommodation[] = {     /* confirmed */
    "Owner occupier or shared ownership scheme", "Tenant", "Tenant - private landlord",
    "Settled mainstream housing with family / friends",
    "Supported accommodation / supported lodgings / supported group home", "Shared Lives scheme",
    "Approved premises for offenders released from prison or under probation supervision",
    "Sheltered housing / extra care housing / other sheltered housing",
    "Mobile accommodation for Gypsy / Roma and Traveller communities", "Rough sleeper / squatting",
    "Night shelter / emergency hostel / direct access hostel", "Refuge",
    "Placed in temporary accommodation by the council (inc. homelessness resettlement)",
    "Staying with family / friends as a short-term guest",
    "Acute / long-term healthcare residential facility or hospital", "Registered care home",
    "Registered nursing home", "Prison / Young offenders institution / detention centre",
    "Other temporary accommodation", "Unknown", NULL};
static const char *const employment[] = {        /* confirmed */
    "Paid: Less than 16 hours a week", "Paid: 16 or more hours a week", "Paid: Hours per week unknown",
    "Not in Paid Employment (seeking work)", "Not in Paid Employment (voluntary work only)",
    "Not in Paid Employment (not actively seeking work / retired)", "Unknown", NULL};
static const char *const yes_no_unknown[] = {"Yes", "No", "Unknown", NULL};
static const char *const yes_no[] = {"Yes", "No", NULL};
/* Confirmed against the R1 guidance's Client Funding Status text, which
 * names each value: those above the upper capital limit '18(3) (full cost
 * client)', between the limits 'Joint Client and Social Care Funded', below
 * the lower 'Fully Social Care Funded', not yet assessed 'Unknown -
 * Individual Level'; 'Self-funder - Metering Only', 'Joint Health and Social
 * Care Funded' and 'Fully Health Funded' stay in the specification though
 * not expected to be used. No second source lists them; whether the
 * specification has a further system-level unknown is to confirm. */
static const char *const funding[] = {
    "Fully Social Care Funded", "Joint Client and Social Care Funded", "18(3) (full cost client)",
    "Self-funder - Metering Only", "Joint Health and Social Care Funded", "Fully Health Funded",
    "Unknown - Individual Level", NULL};
static const char *const event_types[] = {"Request", "Assessment", "Service", "Review", NULL};
static const char *const outcomes[] = {          /* confirmed */
    "NFA - Moved to another LA", "NFA - 100% NHS funded care",
    "NFA - Information & Advice / Signposting only", "NFA - Support declined", "NFA - Deceased",
    "NFA - Self-funded client (Inc. 12wk disregard)", "NFA - No services offered: Other reason",
    "NFA - Support ended: Other reason", "NFA- Other", "Progress to Reablement/ST-Max",
    "Progress to Assessment", "Progress to Re-assessment / Unplanned Review",
    "Progress to Support Planning / Services", "Progress to End of Life Care",
    "Progress to financial assessment", "Admitted to hospital", "Provision of service",
    "Service ended as planned", "No change in package", NULL};
/* Confirmed: R1 guidance, Route of Access ("follow the SALT convention for
 * STS001"; 'Self-Funder', 'Discharge from Reablement' and 'Transfer from
 * Other LA' new in Release 1). NHSE STS001 code carries the column through
 * without naming values. */
static const char *const routes[] = {
    "Planned Entry (Transition)", "Discharge from Hospital", "Diversion from Hospital Services",
    "Community / Other route", "Prison", "Self-Funder", "Discharge from Reablement", "Transfer from Other LA",
    NULL};
/* R1 guidance, Assessment Type: an assessment that determines eligibility
 * under the Care Act (adults and carers) is a 'Long Term Assessment'; any
 * other care assessment (occupational therapy, reablement, proportionate
 * or staged conversations without an eligibility decision) a 'Short Term
 * Assessment'. The guidance also names three kinds of financial assessment
 * whose exact values were not found: left out (Seamless returns none). */
static const char *const assessment_types[] = {"Long Term Assessment", "Short Term Assessment", NULL};
/* R1 guidance, Method of Review: who took part, no longer the medium
 * ("formerly 'Informal Carer involvement' and 'Method of Assessment or
 * Review'", split into one item per event type). Method of Assessment takes
 * the same values by that descriptor; its own list was not seen: to
 * confirm against the specification. */
static const char *const methods[] = {"Carer only", "Service user only", "Service user and carer", NULL};
static const char *const service_types[] = {     /* confirmed */
    "Long Term Support: Nursing Care", "Long Term Support: Residential Care", "Long Term Support: Community",
    "Long Term Support: Prison", "Short Term Support: ST-Max", "Short Term Support: Ongoing Low Level",
    "Short Term Support: Other Short Term", "Carer Support: Direct to Carer",
    "Carer Support: Support involving the person cared-for", NULL};
/* To confirm, but 'Direct Payment' (NHSE ASCOF 3D code tests Service_Component
 * = 'Direct Payment') and the three short-term ones the validator keys on:
 * the Release 1 list itself was not found. */
static const char *const components[] = {
    "Residential Care", "Nursing Care", "Home Support", "Supported Living", "Shared Lives", "Day Care",
    "Meals", "Equipment", "Assistive Technology", "Professional Support", "Reablement",
    "Short Term Residential Care", "Short Term Nursing Care", "Carer Respite", "Direct Payment", "Other", NULL};
static const char *const delivery[] = {          /* confirmed */
    "Direct Payment", "CASSR Managed Personal Budget", "CASSR Commissioned Support", NULL};
/* Confirmed: R1 guidance, Review Reason (SALT LTS002's 'significant event'
 * renamed), and the NHS Digital CLD value set as quoted ("Categories in
 * ASC-CLD"), value for value. Carers' reviews default to 'Planned'. */
static const char *const review_reasons[] = {
    "Planned", "Unplanned - Hospital (Planned and unplanned episodes)", "Unplanned - Carer related",
    "Unplanned - Safeguarding concern", "Unplanned - Other Reason", "Unplanned - Provider Failure",
    "Unplanned - Change in Commissioning arrangements", NULL};
/* Confirmed: R1 guidance, Review Outcomes Achieved, a defined list "in line
 * with the Safeguarding Adults Collection ... Making Safeguarding Personal
 * table": all the person's outcomes met 'Fully Met', at least one fully or
 * partially met 'Partially Met', else 'Not Met'. Mandatory for planned
 * reviews; no unknown value (not recorded stays blank). */
static const char *const review_outcomes[] = {"Fully Met", "Partially Met", "Not Met", NULL};
static const char *const frequencies[] = {       /* to confirm: no Release 1 source found */
    "Hourly", "Daily", "Weekly", "Monthly", "Annually", "One-off", NULL};

const char *const *cld_code_list(enum cld_column c)
{
    switch (c) {
    case CLD_CLIENT_TYPE: return client_types;
    case CLD_GENDER: return genders;
    case CLD_ETHNICITY: return ethnicities;
    case CLD_PSR: return support_reasons;
    case CLD_ACCOMMODATION: return accommodation;
    case CLD_EMPLOYMENT: return employment;
    case CLD_UNPAID_CARER: case CLD_ASD: case CLD_VISUAL: case CLD_HEARING: case CLD_DEMENTIA:
        return yes_no_unknown;
    case CLD_ELIGIBLE: return yes_no;
    case CLD_FUNDING: return funding;
    case CLD_EVENT_TYPE: return event_types;
    case CLD_EVENT_OUTCOME: return outcomes;
    case CLD_ROUTE: return routes;
    case CLD_ASSESSMENT_TYPE: return assessment_types;
    case CLD_ASSESSMENT_METHOD: case CLD_REVIEW_METHOD: return methods;
    case CLD_SERVICE_TYPE: return service_types;
    case CLD_SERVICE_COMPONENT: return components;
    case CLD_DELIVERY: return delivery;
    case CLD_REVIEW_REASON: return review_reasons;
    case CLD_REVIEW_OUTCOMES: return review_outcomes;
    case CLD_COST_FREQUENCY: return frequencies;
    default: return NULL;
    }
}

int cld_code_valid(enum cld_column c, const char *v)
{
    const char *const *list = cld_code_list(c);
    if (!list)
        return 1;
    for (; *list; list++)
        if (strcmp(*list, v) == 0)
            return 1;
    return 0;
}

/* ---- the period and inclusion ---- */

int cld_period_check(struct date from, struct date to, struct domain_error *err)
{
    if (date_compare(to, from) < 0)
        return domain_fail(err, DOMAIN_EINVAL, "to", "must be on or after the start of the period");
    struct date limit;
    if (date_add_months(from, 12, &limit, NULL) == 0 && date_compare(to, limit) >= 0)
        return domain_fail(err, DOMAIN_EINVAL, "to", "must be within a year of the start of the period");
    return 0;
}

void cld_previous_quarter(struct date today, struct date *from, struct date *to)
{
    /* Quarters start in January, April, July and October; this one's start… */
    struct date start = {today.year, ((today.month - 1) / 3) * 3 + 1, 1};
    date_add_months(start, -3, from, NULL);
    date_add_days(start, -1, to, NULL);
}

int cld_completed_in_period(struct date from, struct date to, const struct date *end, int cancelled)
{
    if (cancelled || !end)
        return 0;
    return date_compare(*end, from) >= 0 && date_compare(*end, to) <= 0;
}

int cld_active_in_period(struct date from, struct date to, struct date start, const struct date *end,
                         int cancelled)
{
    if (cancelled || date_compare(start, to) > 0)
        return 0;
    if (!end)
        return 1;
    return date_compare(*end, start) >= 0 && date_compare(*end, from) >= 0;
}

int cld_adult_on(struct date dob, struct date event_start)
{
    return date_age_years(dob, event_start) >= 18;
}

int cld_assessment_kind_included(const char *kind)
{
    return kind && (strcmp(kind, "adult") == 0 || strcmp(kind, "carer") == 0);
}

/* ---- Seamless's records in the return's words ---- */

static int eq(const char *a, const char *b)
{
    return a && strcmp(a, b) == 0;
}

const char *cld_gender(const char *sex)
{
    if (!sex || !sex[0])
        return NULL;
    return eq(sex, "female") ? "Female" : eq(sex, "male") ? "Male" : eq(sex, "other") ? "Other" : "Unknown";
}

const char *cld_route_of_access(const char *source, const char *route, int from_hospital_stay)
{
    if (from_hospital_stay || eq(source, "ward"))
        return "Discharge from Hospital";
    if (eq(route, "crisis_response"))
        return "Diversion from Hospital Services";
    return "Community / Other route";
}

const char *cld_assessment_type(const char *kind)
{
    return cld_assessment_kind_included(kind) ? "Long Term Assessment" : NULL;
}

const char *cld_client_type(const char *kind)
{
    return eq(kind, "carer") ? "Carer" : "Service User";
}

/* ---- validation ---- */

struct checker {
    struct cld_problem *out;
    size_t max, n;
};

static void problem(struct checker *k, enum cld_column c, const char *reason)
{
    if (k->n < k->max)
        k->out[k->n] = (struct cld_problem){c, reason};
    k->n++;
}

static int blank(const struct cld_row *r, enum cld_column c)
{
    return !r->v[c] || !r->v[c][0];
}

static int is(const struct cld_row *r, enum cld_column c, const char *v)
{
    return !blank(r, c) && strcmp(r->v[c], v) == 0;
}

static int starts(const struct cld_row *r, enum cld_column c, const char *prefix)
{
    return !blank(r, c) && strncmp(r->v[c], prefix, strlen(prefix)) == 0;
}

static void need(struct checker *k, const struct cld_row *r, enum cld_column c, const char *reason)
{
    if (blank(r, c))
        problem(k, c, reason);
}

/* A date column: blank is the caller's business; else a real date. */
static int date_of(struct checker *k, const struct cld_row *r, enum cld_column c, struct date *d)
{
    if (blank(r, c))
        return 0;
    if (date_parse(r->v[c], "date", d, NULL) != 0) {
        problem(k, c, "is not a date (YYYY-MM-DD)");
        return 0;
    }
    return 1;
}

/* A non-negative decimal with at most two places ("12", "12.5", "12.50"). */
static int money_like(const char *s)
{
    int digits = 0, places = -1;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9') {
            digits++;
            if (places >= 0 && ++places > 2)
                return 0;
        } else if (*s == '.' && places < 0 && digits > 0) {
            places = 0;
        } else {
            return 0;
        }
    }
    return digits > 0 && places != 0;
}

static void check_codes(struct checker *k, const struct cld_row *r)
{
    for (enum cld_column c = 0; c < CLD_NCOLUMNS; c++)
        if (!blank(r, c) && !cld_code_valid(c, r->v[c]))
            problem(k, c, "is not on the column's code list");
}

static void check_person(struct checker *k, const struct cld_row *r, int service_user, int is_request)
{
    need(k, r, CLD_LA_CODE, "is mandatory");
    need(k, r, CLD_CLIENT_TYPE, "is mandatory");
    need(k, r, CLD_PERSON_ID, "is mandatory");
    if (blank(r, CLD_NHS_NUMBER)) {
        problem(k, CLD_NHS_NUMBER, "is mandatory: record or trace the person's NHS number");
    } else {
        char digits[NHS_NUMBER_DIGITS];
        if (nhs_number_parse(r->v[CLD_NHS_NUMBER], digits, NULL) != 0 || strlen(r->v[CLD_NHS_NUMBER]) != 10)
            problem(k, CLD_NHS_NUMBER, "is not a valid NHS number (10 digits, Modulus 11)");
    }
    need(k, r, CLD_GENDER, "is mandatory");
    need(k, r, CLD_ETHNICITY, "is mandatory: record the person's ethnicity");
    need(k, r, CLD_DOB, "is mandatory");
    need(k, r, CLD_POSTCODE, "is mandatory");
    need(k, r, CLD_ACCOMMODATION, "is mandatory: record the person's accommodation status");
    need(k, r, CLD_UNPAID_CARER, "is mandatory: record whether the person has an unpaid carer");
    if (!is_request)
        need(k, r, CLD_PSR, "is mandatory for this event: record the primary support reason");
    if (service_user && (is(r, CLD_EVENT_TYPE, "Service") || is(r, CLD_EVENT_TYPE, "Review")))
        need(k, r, CLD_FUNDING, "is mandatory for this event: record the client's funding status");
}

/* Employment status is mandatory for service users aged 18-64 at the end
 * of the period whose primary support reason is a learning disability. */
static void check_employment(struct checker *k, const struct cld_row *r, int service_user, struct date dob,
                             int have_dob, struct date period_end, int have_end)
{
    if (!service_user || !have_dob || !have_end || !is(r, CLD_PSR, "Learning Disability Support"))
        return;
    int age = date_age_years(dob, period_end);
    if (age >= 18 && age < 65)
        need(k, r, CLD_EMPLOYMENT, "is mandatory for an adult of working age with a learning disability");
}

static void check_event(struct checker *k, const struct cld_row *r)
{
    if (is(r, CLD_EVENT_TYPE, "Request")) {
        need(k, r, CLD_ROUTE, "is mandatory for a request");
    } else if (is(r, CLD_EVENT_TYPE, "Assessment")) {
        need(k, r, CLD_ASSESSMENT_TYPE, "is mandatory for an assessment");
        need(k, r, CLD_ASSESSMENT_METHOD, "is mandatory for an assessment: record who took part in it");
    } else if (is(r, CLD_EVENT_TYPE, "Service")) {
        need(k, r, CLD_SERVICE_TYPE, "is mandatory for a service");
        need(k, r, CLD_SERVICE_COMPONENT, "is mandatory for a service: record the service component");
        int costed = !starts(r, CLD_DELIVERY, "CASSR Commissioned Support") &&
            (starts(r, CLD_SERVICE_TYPE, "Long Term") || starts(r, CLD_SERVICE_TYPE, "Carer Support") ||
             is(r, CLD_SERVICE_COMPONENT, "Short Term Residential Care") ||
             is(r, CLD_SERVICE_COMPONENT, "Short Term Nursing Care") || is(r, CLD_SERVICE_COMPONENT, "Carer Respite"));
        if (costed) {
            need(k, r, CLD_UNIT_COST, "is mandatory for this service");
            need(k, r, CLD_COST_FREQUENCY, "is mandatory for this service");
            need(k, r, CLD_PLANNED_UNITS, "is mandatory for this service");
        }
    } else if (is(r, CLD_EVENT_TYPE, "Review")) {
        need(k, r, CLD_REVIEW_REASON, "is mandatory for a review");
        need(k, r, CLD_REVIEW_METHOD, "is mandatory for a review: record who took part in it");
        if (is(r, CLD_REVIEW_REASON, "Planned"))
            need(k, r, CLD_REVIEW_OUTCOMES, "is mandatory for a planned review: record the outcomes achieved");
    }
    need(k, r, CLD_EVENT_OUTCOME, "is mandatory");
    if (!blank(r, CLD_UNIT_COST) && !money_like(r->v[CLD_UNIT_COST]))
        problem(k, CLD_UNIT_COST, "is not an amount in pounds (e.g. 123.45)");
    if (!blank(r, CLD_PLANNED_UNITS) && !money_like(r->v[CLD_PLANNED_UNITS]))
        problem(k, CLD_PLANNED_UNITS, "is not a number of units (e.g. 7 or 10.5)");
}

static void check_dates(struct checker *k, const struct cld_row *r, struct date from, int have_from,
                        struct date to, int have_to)
{
    struct date start, end;
    int have_start = date_of(k, r, CLD_EVENT_START, &start);
    int have_end = date_of(k, r, CLD_EVENT_END, &end);
    struct date dod;
    int have_dod = date_of(k, r, CLD_DOD, &dod);
    need(k, r, CLD_EVENT_START, "is mandatory");
    int service = is(r, CLD_EVENT_TYPE, "Service");
    if (!service || have_dod)
        need(k, r, CLD_EVENT_END, service ? "is mandatory for a service of a person who has died"
                                          : "is mandatory for a completed event");
    if (have_start && have_end && date_compare(end, start) < 0)
        problem(k, CLD_EVENT_END, "is before the event's start date");
    if (!have_from || !have_to)
        return;
    if (service) {
        if (have_start && date_compare(start, to) > 0)
            problem(k, CLD_EVENT_START, "is after the reporting period: the service was not active in it");
        if (have_end && date_compare(end, from) < 0)
            problem(k, CLD_EVENT_END, "is before the reporting period: the service was not active in it");
    } else if (have_end && (date_compare(end, from) < 0 || date_compare(end, to) > 0)) {
        problem(k, CLD_EVENT_END, "is outside the reporting period: only events completed in it are returned");
    }
}

size_t cld_row_check(const struct cld_row *r, struct cld_problem *out, size_t max)
{
    struct checker k = {out, max, 0};
    struct date from, to, dob;
    need(&k, r, CLD_PERIOD_START, "is mandatory");
    need(&k, r, CLD_PERIOD_END, "is mandatory");
    int have_from = date_of(&k, r, CLD_PERIOD_START, &from);
    int have_to = date_of(&k, r, CLD_PERIOD_END, &to);
    int have_dob = date_of(&k, r, CLD_DOB, &dob);
    need(&k, r, CLD_EVENT_TYPE, "is mandatory");
    int service_user = is(r, CLD_CLIENT_TYPE, "Service User");
    check_codes(&k, r);
    check_person(&k, r, service_user, is(r, CLD_EVENT_TYPE, "Request"));
    check_employment(&k, r, service_user, dob, have_dob, to, have_to);
    check_event(&k, r);
    check_dates(&k, r, from, have_from, to, have_to);
    return k.n;
}
