/* cld: the Adult Social Care Client Level Data (CLD) return, Release 1 —
 * its columns, code lists, inclusion rules and row validation.
 *
 * Every council in England sends NHS England one row per event each quarter
 * (the Collection of Client Level Adult Social Care Data (No. 3) Directions
 * 2023; NHS England / DHSC "CLD Guidance, release 1", February 2023). Four
 * event types: Request, Assessment, Service, Review.
 *
 * Inclusion rules pinned here (CLD Guidance R1, "events in the reporting
 * period"; the period is inclusive at both ends, UK civil dates):
 *  - requests, assessments and reviews COMPLETED in the period: end date
 *    from <= end <= to. An open one (no end date) is left out; one started
 *    before the period and completed in it is in.
 *  - services ACTIVE at any point in the period: start <= to and (no end,
 *    or end >= from). A service ending on the period's first day is in; one
 *    starting the day after the period is out. A service ending before it
 *    started (cancelled before any support) is out.
 *  - cancelled events are out (the caller passes cancelled = 1).
 *  - assessments: Care Act needs assessments and carers' assessments are in;
 *    DoLS, safeguarding (s42), Mental Capacity Act and Mental Health Act
 *    assessments are out (cld_assessment_kind_included).
 *  - adults only: the person is 18 or over on the event's start date (the
 *    18th birthday itself counts; a 29 February birthday counts on 1 March).
 *
 * Validation (cld_row_check) follows the mandatory-field rules of the
 * national data quality checks for Release 1: which columns each event type
 * must carry, code-list membership, date and number formats, NHS number
 * Modulus 11, and dates consistent with the period and with each other.
 * Each problem names the column and says why, so a council can correct the
 * source record before submission.
 *
 * Code lists: one table (cld.c), each list marked with where it was
 * checked — NHS England's SALT/ASCOF transformation code, which matches
 * values exactly, or the Release 1 guidance quoted value for value — or
 * "to confirm" with why (docs/internals/cld.md). Correct them in the
 * table, nowhere else; a value stored under a superseded wording is
 * re-mapped by a migration (041, 043), never left to fail the return.
 *
 * Pure: no I/O, no clock, no allocation. Rows are arrays of borrowed
 * strings (NULL or "" is blank). */
#ifndef SEAMLESS_CLD_H
#define SEAMLESS_CLD_H
#include <stddef.h>
#include "domain/dates.h"
#include "domain/domain_error.h"

/* The return's columns, in file order (X-macro: enum name, header). */
#define CLD_COLUMNS(X) \
    X(LA_CODE, "LA_Code") \
    X(PERIOD_START, "Reporting_Period_Start_Date") \
    X(PERIOD_END, "Reporting_Period_End_Date") \
    X(CLIENT_TYPE, "Client_Type") \
    X(PERSON_ID, "LA_Person_Unique_Identifier") \
    X(NHS_NUMBER, "NHS_Number") \
    X(GP_CODE, "GP_Practice_Code") \
    X(GP_NAME, "GP_Practice_Name") \
    X(GENDER, "Gender") \
    X(ETHNICITY, "Ethnicity") \
    X(DOB, "Date_of_Birth") \
    X(DOD, "Date_of_Death") \
    X(PSR, "Primary_Support_Reason") \
    X(POSTCODE, "Postcode") \
    X(ACCOMMODATION, "Accommodation_Status") \
    X(EMPLOYMENT, "Employment_Status") \
    X(UNPAID_CARER, "Has_Unpaid_Carer") \
    X(ASD, "Autism_Spectrum_Disorder_ASD") \
    X(VISUAL, "Visual_Impairment") \
    X(HEARING, "Hearing_Impairment") \
    X(DEMENTIA, "Dementia") \
    X(FUNDING, "Client_Funding_Status") \
    X(EVENT_TYPE, "Event_Type") \
    X(EVENT_REF, "Event_Reference") \
    X(EVENT_START, "Event_Start_Date") \
    X(EVENT_END, "Event_End_Date") \
    X(EVENT_DESC, "Event_Description") \
    X(EVENT_OUTCOME, "Event_Outcome") \
    X(ROUTE, "Request_Route_of_Access") \
    X(ASSESSMENT_TYPE, "Assessment_Type") \
    X(ELIGIBLE, "Eligible_Needs_Identified") \
    X(ASSESSMENT_METHOD, "Method_of_Assessment") \
    X(CARING_HOURS, "Total_Hrs_Caring_per_week") \
    X(ADULTS_CARED_FOR, "No_of_adults_being_cared_for") \
    X(LINKED_1, "Adult_1_Linked_Person_ID") \
    X(LINKED_2, "Adult_2_Linked_Person_ID") \
    X(LINKED_3, "Adult_3_Linked_Person_ID") \
    X(SERVICE_TYPE, "Service_Type") \
    X(SERVICE_COMPONENT, "Service_Component") \
    X(DELIVERY, "Delivery_Mechanism") \
    X(CQC_ID, "Provider_CQC_Location_ID") \
    X(CQC_NAME, "Provider_CQC_Location_Name") \
    X(REVIEW_REASON, "Review_Reason") \
    X(REVIEW_OUTCOMES, "Review_Outcomes_Achieved") \
    X(REVIEW_METHOD, "Method_of_Review") \
    X(UNIT_COST, "Unit_Cost") \
    X(COST_FREQUENCY, "Cost_Frequency_Unit_Type") \
    X(PLANNED_UNITS, "Planned_units_per_week")

enum cld_column {
#define CLD_ENUM(name, header) CLD_##name,
    CLD_COLUMNS(CLD_ENUM)
#undef CLD_ENUM
    CLD_NCOLUMNS
};

/* The column's header text ("LA_Code" …); NULL out of range. */
const char *cld_column_name(enum cld_column c);

/* One row: v[column] borrowed, NULL or "" when blank. */
struct cld_row {
    const char *v[CLD_NCOLUMNS];
};

enum cld_event { CLD_EVENT_REQUEST, CLD_EVENT_ASSESSMENT, CLD_EVENT_SERVICE, CLD_EVENT_REVIEW };
/* "Request", "Assessment", "Service", "Review". */
const char *cld_event_name(enum cld_event e);

/* ---- the reporting period ---- */

/* A period is valid when from <= to and it spans at most one year (the
 * return is quarterly; a year lets a council rerun a whole year). Returns 0,
 * or DOMAIN_EINVAL naming "to" (before from, or longer than a year). */
int cld_period_check(struct date from, struct date to, struct domain_error *err);

/* The last financial quarter (Q1 April–June, Q2 July–September, Q3
 * October–December, Q4 January–March) that ended before today: the one a
 * council is returning. On 1 July 2026 that is 2026-04-01..2026-06-30; on
 * 30 June 2026 it is 2026-01-01..2026-03-31. */
void cld_previous_quarter(struct date today, struct date *from, struct date *to);

/* 1 when a request, assessment or review ending on *end (NULL: still open)
 * belongs in the period: from <= *end <= to; cancelled ones never do. */
int cld_completed_in_period(struct date from, struct date to, const struct date *end, int cancelled);

/* 1 when a service from start to *end (NULL: ongoing) is active at some
 * point in the period: start <= to and (end NULL or end >= from), and it is
 * neither cancelled nor ended before it started. */
int cld_active_in_period(struct date from, struct date to, struct date start, const struct date *end,
                         int cancelled);

/* 1 when the person is an adult (18 or over) on the event's start date. */
int cld_adult_on(struct date dob, struct date event_start);

/* Assessment kinds (as Seamless names them): "adult" (Care Act needs
 * assessment) and "carer" (carer's assessment) are in; "dols",
 * "safeguarding", "mental_capacity", "mental_health_act" and anything not
 * known are out. */
int cld_assessment_kind_included(const char *kind);

/* ---- Seamless's records in the return's words ---- */

/* Person sex (female | male | other | anything else) → Gender; NULL when
 * not recorded. */
const char *cld_gender(const char *sex);

/* A referral's Route of Access. Seamless knows a discharge (the referral
 * raised a transfer of care from a hospital stay, or came from a ward) →
 * "Discharge from Hospital"; a crisis response (triaged to keep the
 * person out of hospital) → "Diversion from Hospital Services"; anything
 * else → "Community / Other route", the guidance's default. Seamless holds
 * nothing that marks Planned Entry (Transition), Prison, Self-Funder,
 * Discharge from Reablement or Transfer from Other LA. */
const char *cld_route_of_access(const char *source, const char *route, int from_hospital_stay);

/* A Care Act needs assessment, of an adult or a carer, decides eligibility:
 * "Long Term Assessment" (R1 guidance); NULL for a kind left out. */
const char *cld_assessment_type(const char *kind);
/* "Carer" for a carer's assessment, else "Service User". */
const char *cld_client_type(const char *kind);

/* ---- code lists and validation ---- */

/* 1 when v is on the column's code list, or the column has none. v must be
 * non-blank. */
int cld_code_valid(enum cld_column c, const char *v);
/* The column's code list (NULL-terminated), or NULL when it has none. */
const char *const *cld_code_list(enum cld_column c);

/* One reason a row breaks the specification. */
struct cld_problem {
    enum cld_column column;
    const char *reason;      /* static text, in words */
};

/* Checks r (reporting period from..to) and writes up to max problems to out.
 * Returns how many problems there are (may exceed max: only max written). */
size_t cld_row_check(const struct cld_row *r, struct cld_problem *out, size_t max);

#endif
