/* The Client Level Data return (domain/cld.h, svc/cld.h): every inclusion
 * rule at its boundary (period ends, ages, event kinds), the validator per
 * event type, and the rows the service builds from a pinned set of records
 * compared with golden files, one per event type
 * (tests/unit/golden/cld_<event>.txt; SEAMLESS_UPDATE_GOLDEN=1 rewrites
 * them: review the diff). */
#include "svc_fixture.h"
#include "domain/cld.h"
#include "svc/cld.h"

static struct date D(const char *s)
{
    struct date d;
    if (date_parse(s, "d", &d, NULL) != 0)
        fail_msg("bad date %s", s);
    return d;
}

/* ---- the period ---- */

static void completed_in_period_boundaries(void **state)
{
    (void)state;
    static const struct { const char *end; int cancelled, want; const char *why; } cases[] = {
        {"2026-03-31", 0, 0, "the day before the period"},
        {"2026-04-01", 0, 1, "the period's first day"},
        {"2026-05-15", 0, 1, "inside"},
        {"2026-06-30", 0, 1, "the period's last day"},
        {"2026-07-01", 0, 0, "the day after"},
        {NULL, 0, 0, "still open"},
        {"2026-05-15", 1, 0, "cancelled"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct date end = cases[i].end ? D(cases[i].end) : (struct date){0};
        int got = cld_completed_in_period(D("2026-04-01"), D("2026-06-30"), cases[i].end ? &end : NULL,
                                          cases[i].cancelled);
        if (got != cases[i].want)
            fail_msg("%s: got %d", cases[i].why, got);
    }
}

static void active_in_period_boundaries(void **state)
{
    (void)state;
    static const struct { const char *start, *end; int cancelled, want; const char *why; } cases[] = {
        {"2025-01-01", NULL, 0, 1, "started long before, ongoing"},
        {"2025-01-01", "2026-03-31", 0, 0, "ended the day before the period"},
        {"2025-01-01", "2026-04-01", 0, 1, "ended on the period's first day"},
        {"2026-06-30", NULL, 0, 1, "started on the period's last day"},
        {"2026-07-01", NULL, 0, 0, "started the day after"},
        {"2026-05-01", "2026-05-01", 0, 1, "one day inside"},
        {"2026-05-02", "2026-05-01", 0, 0, "ended before it started (never provided)"},
        {"2026-05-01", NULL, 1, 0, "cancelled"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct date end = cases[i].end ? D(cases[i].end) : (struct date){0};
        int got = cld_active_in_period(D("2026-04-01"), D("2026-06-30"), D(cases[i].start),
                                       cases[i].end ? &end : NULL, cases[i].cancelled);
        if (got != cases[i].want)
            fail_msg("%s: got %d", cases[i].why, got);
    }
}

static void period_check_boundaries(void **state)
{
    (void)state;
    static const struct { const char *from, *to; int ok; } cases[] = {
        {"2026-04-01", "2026-06-30", 1}, {"2026-04-01", "2026-04-01", 1}, {"2026-04-01", "2026-03-31", 0},
        {"2026-04-01", "2027-03-31", 1}, {"2026-04-01", "2027-04-01", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct domain_error e;
        int rc = cld_period_check(D(cases[i].from), D(cases[i].to), &e);
        if ((rc == 0) != cases[i].ok)
            fail_msg("%s..%s: %d", cases[i].from, cases[i].to, rc);
        if (rc != 0)
            assert_string_equal(e.field, "to");
    }
}

static void the_previous_quarter(void **state)
{
    (void)state;
    static const struct { const char *today, *from, *to; } cases[] = {
        {"2026-07-01", "2026-04-01", "2026-06-30"}, {"2026-06-30", "2026-01-01", "2026-03-31"},
        {"2026-12-02", "2026-07-01", "2026-09-30"}, {"2027-01-01", "2026-10-01", "2026-12-31"},
        {"2026-04-01", "2026-01-01", "2026-03-31"}, {"2028-02-29", "2027-10-01", "2027-12-31"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct date from, to;
        char f[DATE_STR_SIZE], t[DATE_STR_SIZE];
        cld_previous_quarter(D(cases[i].today), &from, &to);
        date_format(from, f);
        date_format(to, t);
        assert_string_equal(f, cases[i].from);
        assert_string_equal(t, cases[i].to);
    }
}

static void adults_only_from_the_eighteenth_birthday(void **state)
{
    (void)state;
    static const struct { const char *dob, *on; int want; } cases[] = {
        {"2008-05-01", "2026-04-30", 0}, {"2008-05-01", "2026-05-01", 1}, {"2008-05-01", "2026-05-02", 1},
        {"2008-02-29", "2026-02-28", 0}, {"2008-02-29", "2026-03-01", 1}, {"1930-01-01", "2026-04-01", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (cld_adult_on(D(cases[i].dob), D(cases[i].on)) != cases[i].want)
            fail_msg("born %s, event %s", cases[i].dob, cases[i].on);
}

static void assessment_kinds(void **state)
{
    (void)state;
    static const struct { const char *kind; int want; } cases[] = {
        {"adult", 1}, {"carer", 1}, {"dols", 0}, {"safeguarding", 0}, {"mental_capacity", 0},
        {"mental_health_act", 0}, {"chc_checklist", 0}, {"", 0}, {NULL, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (cld_assessment_kind_included(cases[i].kind) != cases[i].want)
            fail_msg("kind %s", cases[i].kind ? cases[i].kind : "(null)");
}

/* ---- the validator ---- */

static struct cld_row valid_row(const char *event)
{
    struct cld_row r = {0};
    const char **v = r.v;
    v[CLD_LA_CODE] = "855"; v[CLD_PERIOD_START] = "2026-04-01"; v[CLD_PERIOD_END] = "2026-06-30";
    v[CLD_CLIENT_TYPE] = "Service User"; v[CLD_PERSON_ID] = "ASC-1"; v[CLD_NHS_NUMBER] = "9434765919";
    v[CLD_GENDER] = "Female"; v[CLD_ETHNICITY] = "White - Irish"; v[CLD_DOB] = "1940-01-02";
    v[CLD_POSTCODE] = "LE1 7RH"; v[CLD_ACCOMMODATION] = "Owner occupier or shared ownership scheme";
    v[CLD_UNPAID_CARER] = "No"; v[CLD_PSR] = "Physical Support: Personal care support";
    v[CLD_FUNDING] = "Fully Social Care Funded"; v[CLD_EVENT_TYPE] = event; v[CLD_EVENT_REF] = "X-1";
    v[CLD_EVENT_START] = "2026-04-10"; v[CLD_EVENT_END] = "2026-04-20";
    if (strcmp(event, "Request") == 0) {
        v[CLD_ROUTE] = "Community / Other route"; v[CLD_EVENT_OUTCOME] = "Progress to Assessment";
    } else if (strcmp(event, "Assessment") == 0) {
        v[CLD_ASSESSMENT_TYPE] = "Long Term Assessment"; v[CLD_ASSESSMENT_METHOD] = "Service user only";
        v[CLD_ELIGIBLE] = "Yes"; v[CLD_EVENT_OUTCOME] = "Progress to Support Planning / Services";
    } else if (strcmp(event, "Service") == 0) {
        v[CLD_EVENT_START] = "2025-11-01"; v[CLD_EVENT_END] = NULL; v[CLD_SERVICE_TYPE] = "Long Term Support: Community";
        v[CLD_SERVICE_COMPONENT] = "Home Support"; v[CLD_DELIVERY] = "CASSR Managed Personal Budget";
        v[CLD_UNIT_COST] = "123.45"; v[CLD_COST_FREQUENCY] = "Weekly"; v[CLD_PLANNED_UNITS] = "1";
        v[CLD_EVENT_OUTCOME] = "Provision of service";
    } else {
        v[CLD_REVIEW_REASON] = "Planned"; v[CLD_REVIEW_METHOD] = "Service user and carer";
        v[CLD_REVIEW_OUTCOMES] = "Fully Met"; v[CLD_EVENT_OUTCOME] = "No change in package";
    }
    return r;
}

static void a_valid_row_of_each_type_passes(void **state)
{
    (void)state;
    const char *events[] = {"Request", "Assessment", "Service", "Review"};
    for (int i = 0; i < 4; i++) {
        struct cld_row r = valid_row(events[i]);
        struct cld_problem p[8];
        size_t n = cld_row_check(&r, p, 8);
        if (n)
            fail_msg("%s: %s %s", events[i], cld_column_name(p[0].column), p[0].reason);
    }
}

/* Each breach names its column (and nothing else is wrong with the row). */
static void each_breach_names_its_column(void **state)
{
    (void)state;
    static const struct { const char *event; enum cld_column col; const char *value; enum cld_column want; } cases[] = {
        {"Request", CLD_ROUTE, NULL, CLD_ROUTE},
        {"Request", CLD_ROUTE, "Walked in", CLD_ROUTE},
        {"Request", CLD_PSR, NULL, CLD_NCOLUMNS},                 /* not needed on a request */
        {"Assessment", CLD_ASSESSMENT_METHOD, NULL, CLD_ASSESSMENT_METHOD},
        {"Assessment", CLD_ASSESSMENT_TYPE, "Safeguarding", CLD_ASSESSMENT_TYPE},
        {"Assessment", CLD_PSR, NULL, CLD_PSR},
        {"Assessment", CLD_EVENT_END, NULL, CLD_EVENT_END},
        {"Assessment", CLD_EVENT_END, "2026-07-01", CLD_EVENT_END},     /* completed after the period */
        {"Assessment", CLD_EVENT_END, "2026-04-09", CLD_EVENT_END},     /* before it started */
        {"Assessment", CLD_EVENT_END, "2026-02-30", CLD_EVENT_END},     /* not a date */
        {"Service", CLD_SERVICE_COMPONENT, NULL, CLD_SERVICE_COMPONENT},
        {"Service", CLD_UNIT_COST, NULL, CLD_UNIT_COST},
        {"Service", CLD_UNIT_COST, "12.345", CLD_UNIT_COST},
        {"Service", CLD_UNIT_COST, "£12", CLD_UNIT_COST},
        {"Service", CLD_FUNDING, NULL, CLD_FUNDING},
        {"Service", CLD_EVENT_START, "2026-07-01", CLD_EVENT_START},   /* starts after the period */
        {"Service", CLD_EVENT_END, "2026-03-31", CLD_EVENT_END},       /* ended before it */
        {"Service", CLD_DOD, "2026-05-01", CLD_EVENT_END},             /* died: the service has ended */
        {"Review", CLD_REVIEW_OUTCOMES, NULL, CLD_REVIEW_OUTCOMES},
        {"Review", CLD_REVIEW_METHOD, NULL, CLD_REVIEW_METHOD},
        {"Review", CLD_NHS_NUMBER, "9434765918", CLD_NHS_NUMBER},      /* Modulus 11 */
        {"Review", CLD_NHS_NUMBER, NULL, CLD_NHS_NUMBER},
        {"Review", CLD_ETHNICITY, "British", CLD_ETHNICITY},
        {"Review", CLD_GENDER, "F", CLD_GENDER},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct cld_row r = valid_row(cases[i].event);
        r.v[cases[i].col] = cases[i].value;
        struct cld_problem p[8];
        size_t n = cld_row_check(&r, p, 8);
        if (cases[i].want == CLD_NCOLUMNS) {
            if (n)
                fail_msg("case %zu: unexpected %s", i, cld_column_name(p[0].column));
            continue;
        }
        if (n != 1 || p[0].column != cases[i].want)
            fail_msg("case %zu (%s %s): %zu problems, first %s", i, cases[i].event, cld_column_name(cases[i].col),
                     n, n ? cld_column_name(p[0].column) : "-");
    }
}

/* Employment status: mandatory for a service user of 18-64 at the period's
 * end whose primary support reason is a learning disability. */
static void employment_status_for_working_age_learning_disability(void **state)
{
    (void)state;
    static const struct { const char *dob; int want; } cases[] = {
        {"2008-06-30", 1}, {"2008-07-01", 0}, {"1961-07-01", 1}, {"1961-06-30", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct cld_row r = valid_row("Review");
        r.v[CLD_PSR] = "Learning Disability Support";
        r.v[CLD_DOB] = cases[i].dob;
        struct cld_problem p[4];
        size_t n = cld_row_check(&r, p, 4);
        if ((n == 1 && p[0].column == CLD_EMPLOYMENT) != cases[i].want || n > 1)
            fail_msg("born %s: %zu problems", cases[i].dob, n);
    }
}

/* ---- the service on pinned records ---- */

static void run(struct store *db, const char *sql)
{
    struct store_error err = {0};
    if (store_exec(db, sql, &err) != 0)
        fail_msg("%s: %s", sql, err.message);
}

static void golden_rows(const char *event, const struct svc_cld_return *r)
{
    char path[128], *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    for (size_t i = 0; i < r->n; i++) {
        if (strcmp(r->rows[i].v[CLD_EVENT_TYPE], event) != 0)
            continue;
        for (int c = 0; c < CLD_NCOLUMNS; c++)
            if (r->rows[i].v[c] && r->rows[i].v[c][0])
                fprintf(f, "%s=%s\n", cld_column_name(c), r->rows[i].v[c]);
        fputs("\n", f);
    }
    fclose(f);
    snprintf(path, sizeof path, "tests/unit/golden/cld_%s.txt", event);
    if (getenv("SEAMLESS_UPDATE_GOLDEN")) {
        FILE *w = fopen(path, "w");
        fputs(text, w);
        fclose(w);
    }
    FILE *g = fopen(path, "r");
    if (!g)
        fail_msg("%s missing (SEAMLESS_UPDATE_GOLDEN=1 writes it)", path);
    char want[16384];
    size_t n = fread(want, 1, sizeof want - 1, g);
    want[n] = 0;
    fclose(g);
    if (strcmp(want, text) != 0)
        fail_msg("%s differs; the return now gives:\n%s", path, text);
    free(text);
}

/* One person (Ann, 86) with an event of every kind in Q1 2026/27 and others
 * just outside it; a 17-year-old whose request is left out. */
static void pinned_records(struct fixture *f)
{
    struct store *db = f->t->db;
    char sql[4096];
    snprintf(sql, sizeof sql,
        "UPDATE persons SET nhs_number = '9434765919', postcode = 'LE1 7RH' WHERE id = '%s';"
        "INSERT INTO person_identifiers (person_id, org_id, identifier) VALUES ('%s', '%s', 'ASC-1');"
        "INSERT INTO persons (id, family_name, given_name, family_name_key, given_name_key, date_of_birth, sex,"
        " version, created_at, updated_at) VALUES ('young', 'Young', 'Sam', 'YOUNG', 'SAM', '2008-06-01', 'male', 1,"
        " '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');",
        f->person, f->person, f->org);
    run(db, sql);
    const char *ref = "INSERT INTO referrals (id, person_id, source, reason, urgency, received_at, due_at, consent,"
        " front_door_team_id, team_id, status, route, outcome, responded_at, closed_at, created_at, updated_at) VALUES ";
    snprintf(sql, sizeof sql,
        "%s('r-fcr', '%s', 'family', 'x', 'routine', '2026-03-30T09:00:00Z', '2026-04-10T17:00:00Z', 'given', '%s', '%s',"
        " 'closed', NULL, 'first_contact_resolution', '2026-03-31T22:30:00Z', '2026-03-31T23:30:00Z', 'x', 'x');"
        "%s('r-ward', '%s', 'ward', 'x', 'urgent', '2026-06-29T09:00:00Z', '2026-06-30T17:00:00Z', 'given', '%s', '%s',"
        " 'accepted', 'social_care_assessment', 'accepted', '2026-06-30T22:30:00Z', NULL, 'x', 'x');"
        "%s('r-late', '%s', 'gp', 'x', 'routine', '2026-06-30T09:00:00Z', '2026-07-10T17:00:00Z', 'given', '%s', '%s',"
        " 'accepted', 'reablement', 'accepted', '2026-06-30T23:30:00Z', NULL, 'x', 'x');"
        "%s('r-open', '%s', 'gp', 'x', 'routine', '2026-05-01T09:00:00Z', '2026-05-10T17:00:00Z', 'given', '%s', '%s',"
        " 'received', NULL, NULL, NULL, NULL, 'x', 'x');"
        "%s('r-young', 'young', 'self', 'x', 'routine', '2026-05-01T09:00:00Z', '2026-05-10T17:00:00Z', 'given', '%s',"
        " '%s', 'closed', NULL, 'first_contact_resolution', NULL, '2026-05-01T10:00:00Z', 'x', 'x');",
        ref, f->person, f->team, f->team, ref, f->person, f->team, f->team, ref, f->person, f->team, f->team,
        ref, f->person, f->team, f->team, ref, f->team, f->team);
    run(db, sql);
    /* A GP's referral raised as the transfer of care from a hospital stay:
     * a discharge, whatever its source. */
    snprintf(sql, sizeof sql,
        "%s('r-stay', '%s', 'gp', 'x', 'urgent', '2026-05-10T09:00:00Z', '2026-05-11T17:00:00Z', 'given', '%s', '%s',"
        " 'accepted', 'social_care_assessment', 'accepted', '2026-05-10T12:00:00Z', NULL, 'x', 'x');"
        "INSERT INTO hospital_stays (id, person_id, org_id, source, admitted_at, admitted_on, status, created_at,"
        " updated_at) VALUES ('stay-1', '%s', '%s', 'typed', '2026-05-01T10:00:00Z', '2026-05-01', 'admitted', 'x', 'x');"
        "INSERT INTO stay_transfers (id, stay_id, person_id, referral_id, kind, status, created_at, updated_at)"
        " VALUES ('tr-1', 'stay-1', '%s', 'r-stay', 'care_act_assessment', 'accepted', 'x', 'x');",
        ref, f->person, f->team, f->team, f->person, f->org, f->person);
    run(db, sql);
    const char *ca = "INSERT INTO care_act_assessments (id, person_id, kind, status, org_id, team_id, assessor_id,"
        " eligible, completed_at, cld_method, created_at, updated_at) VALUES ";
    snprintf(sql, sizeof sql,
        "%s('a-adult', '%s', 'adult', 'authorised', '%s', '%s', '%s', 1, '2026-04-20T10:00:00Z', 'Service user only',"
        " '2026-03-20T10:00:00Z', 'x');"
        "%s('a-carer', '%s', 'carer', 'completed', '%s', '%s', '%s', 0, '2026-06-30T12:00:00Z', NULL,"
        " '2026-06-01T10:00:00Z', 'x');"
        "%s('a-after', '%s', 'adult', 'completed', '%s', '%s', '%s', 1, '2026-07-01T12:00:00Z', NULL,"
        " '2026-06-01T10:00:00Z', 'x');"
        "%s('a-draft', '%s', 'adult', 'draft', '%s', '%s', '%s', NULL, NULL, NULL, '2026-06-01T10:00:00Z', 'x');",
        ca, f->person, f->org, f->team, f->user, ca, f->person, f->org, f->team, f->user,
        ca, f->person, f->org, f->team, f->user, ca, f->person, f->org, f->team, f->user);
    run(db, sql);
    snprintf(sql, sizeof sql,
        "INSERT INTO care_plans (id, person_id, org_id, team_id, needs, outcomes, start_on, review_on, status,"
        " created_at, updated_at) VALUES ('plan-1', '%s', '%s', '%s', 'n', 'o', '2025-11-01', '2026-11-01', 'active',"
        " 'x', 'x'), ('plan-draft', '%s', '%s', '%s', 'n', 'o', '2026-05-01', '2026-11-01', 'draft', 'x', 'x');"
        "INSERT INTO care_plan_tasks (id, plan_id, person_id, task_code, calls, per, minutes_per_call,"
        " weekly_cost_pence, accountable_org_id, ended_on, cld_service_component, created_at, updated_at) VALUES"
        " ('t-home', 'plan-1', '%s', 'personal_care', 2, 'day', 30, 23450, '%s', NULL, 'Home Support', 'x', 'x'),"
        " ('t-meals', 'plan-1', '%s', 'meal_preparation', 1, 'day', 20, 4005, '%s', '2026-04-01', NULL, 'x', 'x'),"
        " ('t-gone', 'plan-1', '%s', 'meal_preparation', 1, 'day', 20, 4005, '%s', '2026-03-31', NULL, 'x', 'x'),"
        " ('t-draft', 'plan-draft', '%s', 'personal_care', 1, 'day', 20, 4005, '%s', NULL, NULL, 'x', 'x');"
        "INSERT INTO personal_budgets (id, plan_id, person_id, weekly_budget_pence, council_weekly_pence,"
        " person_weekly_pence, weekly_contribution_pence, status, created_at, updated_at) VALUES"
        " ('pb-1', 'plan-1', '%s', 27455, 27455, 0, 0, 'agreed', 'x', 'x');"
        "INSERT INTO direct_payments (id, budget_id, plan_id, person_id, requested_by, capacity_basis,"
        " able_to_manage, start_on, weekly_amount_pence, ended_on, created_at, updated_at) VALUES"
        " ('dp-1', 'pb-1', 'plan-1', '%s', 'person', 'has_capacity', 1, '2025-11-01', 27455, '2026-01-01', 'x', 'x');"
        "INSERT INTO direct_payment_reviews (id, direct_payment_id, plan_id, person_id, due_on, reviewed_on, outcome,"
        " cld_method, cld_outcomes_achieved, created_at) VALUES"
        " ('rv-1', 'dp-1', 'plan-1', '%s', '2026-05-01', '2026-05-03', 'continue', 'Service user and carer', 'Fully Met', 'x'),"
        " ('rv-2', 'dp-1', 'plan-1', '%s', '2026-07-01', '2026-07-01', 'end', NULL, NULL, 'x');"
        "INSERT INTO reablement_episodes (id, person_id, team_id, start_on, planned_end_on, ended_on, outcome,"
        " created_at, updated_at) VALUES ('re-1', '%s', '%s', '2026-03-01', '2026-04-12', '2026-04-10',"
        " 'no_ongoing_support', 'x', 'x');",
        f->person, f->org, f->team, f->person, f->org, f->team, f->person, f->org, f->person, f->org,
        f->person, f->org, f->person, f->org, f->person, f->person, f->person, f->person, f->person, f->team);
    run(db, sql);
}

/* The fixture's practitioner holds the person on the team's caseload. */
static void on_caseload(struct fixture *f)
{
    char sql[512];
    snprintf(sql, sizeof sql, "INSERT INTO caseloads (id, person_id, team_id, opened_on, created_at) VALUES"
             " ('cl-1', '%s', '%s', '2025-01-01', '2025-01-01T00:00:00Z')", f->person, f->team);
    run(f->t->db, sql);
}

static void the_return_for_a_quarter(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    pinned_records(f);
    on_caseload(f);
    json_t *attrs = json_pack("{s:s, s:s, s:s, s:s, s:s, s:i}", "ethnicity", "White - Irish",
        "primary_support_reason", "Physical Support: Personal care support", "accommodation_status",
        "Owner occupier or shared ownership scheme", "has_unpaid_carer", "No", "client_funding_status",
        "Fully Social Care Funded", "version", 0);
    assert_int_equal(svc_cld_attributes_put(as_user(f), f->person, NULL, attrs), SVC_OK);
    json_decref(attrs);
    svc_ctx_system(&f->c, f->t->db, &f->arena, "test");
    long long audit_before = count(f->t->db, "SELECT COUNT(*) FROM audit_log", NULL);
    struct svc_cld_return r;
    assert_int_equal(svc_cld_return(&f->c, NULL, "855", "2026-04-01", "2026-06-30", &r), SVC_OK);
    golden_rows("Request", &r);
    golden_rows("Assessment", &r);
    golden_rows("Service", &r);
    golden_rows("Review", &r);
    /* The young person's request is not in; each row's reference names its record. */
    for (size_t i = 0; i < r.n; i++)
        assert_null(strstr(r.rows[i].v[CLD_EVENT_REF], "young"));
    /* Audited: one entry for the return, naming Ann. */
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) FROM audit_log", NULL), audit_before + 1);
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) FROM audit_trail WHERE resource_type = 'cld_return'"
                           " AND resource_id = '2026-04-01/2026-06-30' AND person_id = $1", f->person), 1);
    /* The carer's assessment has no method recorded: the validator says so. */
    int found = 0;
    for (size_t i = 0; i < r.nproblems; i++)
        if (strcmp(r.rows[r.problems[i].row].v[CLD_EVENT_REF], "ASM-a-carer") == 0 &&
            strcmp(r.problems[i].column, "Method_of_Assessment") == 0)
            found = 1;
    assert_true(found);
    /* Byte-identical rows for the same data and period. */
    struct svc_cld_return again;
    assert_int_equal(svc_cld_return(&f->c, NULL, "855", "2026-04-01", "2026-06-30", &again), SVC_OK);
    assert_int_equal(again.n, r.n);
    for (size_t i = 0; i < r.n; i++)
        for (int c = 0; c < CLD_NCOLUMNS; c++)
            assert_string_equal(r.rows[i].v[c] ? r.rows[i].v[c] : "", again.rows[i].v[c] ? again.rows[i].v[c] : "");
    fixture_free(f);
}

static void who_may_produce_it(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    struct svc_cld_return r;
    assert_int_equal(svc_cld_return(as_role(f, "practitioner"), NULL, NULL, "2026-04-01", "2026-06-30", &r),
                     SVC_FORBIDDEN);
    svc_reset(&f->c);
    assert_int_equal(svc_cld_return(as_role(f, "finance"), NULL, NULL, "2026-04-01", "2026-06-30", &r), SVC_OK);
    svc_reset(&f->c);
    assert_int_equal(svc_cld_return(as_role(f, "finance"), "NOPE", NULL, "2026-04-01", "2026-06-30", &r),
                     SVC_INVALID);
    svc_reset(&f->c);
    assert_int_equal(svc_cld_return(as_role(f, "finance"), NULL, NULL, "2026-04-01", "2026-03-31", &r), SVC_INVALID);
    assert_string_equal(json_string_value(json_object_get(json_array_get(f->c.errors, 0), "field")), "to");
    fixture_free(f);
}

static void attributes_take_only_the_code_lists(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    on_caseload(f);
    as_user(f);
    json_t *bad = json_pack("{s:s, s:s, s:i}", "ethnicity", "British", "primary_support_reason",
                            "Learning Disability Support", "version", 0);
    long long before = count(f->t->db, "SELECT COUNT(*) FROM person_cld_attributes", NULL);
    assert_int_equal(svc_cld_attributes_put(&f->c, f->person, NULL, bad), SVC_INVALID);
    assert_string_equal(json_string_value(json_object_get(json_array_get(f->c.errors, 0), "field")), "ethnicity");
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) FROM person_cld_attributes", NULL), before);
    svc_reset(&f->c);
    json_object_del(bad, "ethnicity");
    assert_int_equal(svc_cld_attributes_put(&f->c, f->person, NULL, bad), SVC_OK);
    svc_reset(&f->c);
    assert_int_equal(svc_cld_attributes_put(&f->c, f->person, NULL, bad), SVC_STALE);   /* version 0 again */
    svc_reset(&f->c);
    json_t *got;
    assert_int_equal(svc_cld_attributes_get(&f->c, f->person, &got), SVC_OK);
    assert_int_equal(json_integer_value(json_object_get(got, "version")), 1);
    assert_string_equal(json_string_value(json_object_get(got, "primary_support_reason")),
                        "Learning Disability Support");
    json_decref(bad);
    fixture_free(f);
}

static void event_details_on_their_records(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    pinned_records(f);
    on_caseload(f);
    as_user(f);
    json_t *bad = json_pack("{s:s, s:s}", "method", "Service user only", "outcomes_achieved", "Mostly");
    assert_int_equal(svc_cld_event_details_put(&f->c, "review", "rv-1", bad), SVC_INVALID);
    assert_string_equal(json_string_value(json_object_get(json_array_get(f->c.errors, 0), "field")),
                        "outcomes_achieved");
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) FROM direct_payment_reviews WHERE cld_method = 'Service user and carer'"
                           " AND cld_outcomes_achieved = 'Fully Met'", NULL), 1);   /* unchanged */
    svc_reset(&f->c);
    json_t *ok = json_pack("{s:s}", "service_component", "Meals");
    assert_int_equal(svc_cld_event_details_put(&f->c, "plan_task", "t-meals", ok), SVC_OK);
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) FROM care_plan_tasks WHERE id = 't-meals'"
                           " AND cld_service_component = 'Meals'", NULL), 1);
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) FROM audit_log WHERE action = 'update'"
                           " AND resource_type = 'care_plan_task' AND resource_id = 't-meals'", NULL), 1);
    svc_reset(&f->c);
    assert_int_equal(svc_cld_event_details_put(&f->c, "assessment", "nope", ok), SVC_NOTFOUND);
    svc_reset(&f->c);
    /* Someone in another team without a relationship: refused, nothing stored. */
    struct store_error err = {0};
    char team2[STORE_ID_LEN], user2[STORE_ID_LEN], now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {NULL, now};
    assert_int_equal(accounts_team_add(f->t->db, &by, f->org, "T2", "Other team", team2, &err), 0);
    struct new_user nu = {f->org, "kim", "Kim", "practitioner", "social_worker", "x"};
    assert_int_equal(accounts_user_add(f->t->db, &by, &nu, user2, &err), 0);
    assert_int_equal(accounts_user_add_team(f->t->db, user2, team2, &err), 0);
    f->c.user_id = user2;
    f->c.teams = NULL;
    json_t *m = json_pack("{s:s}", "method", "Carer only");
    assert_int_equal(svc_cld_event_details_put(&f->c, "assessment", "a-carer", m), SVC_NO_RELATIONSHIP);
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) FROM care_act_assessments WHERE cld_method = 'Carer only'", NULL), 0);
    json_decref(bad);
    json_decref(ok);
    json_decref(m);
    fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(completed_in_period_boundaries),
        cmocka_unit_test(active_in_period_boundaries),
        cmocka_unit_test(period_check_boundaries),
        cmocka_unit_test(the_previous_quarter),
        cmocka_unit_test(adults_only_from_the_eighteenth_birthday),
        cmocka_unit_test(assessment_kinds),
        cmocka_unit_test(a_valid_row_of_each_type_passes),
        cmocka_unit_test(each_breach_names_its_column),
        cmocka_unit_test(employment_status_for_working_age_learning_disability),
        cmocka_unit_test(the_return_for_a_quarter),
        cmocka_unit_test(who_may_produce_it),
        cmocka_unit_test(attributes_take_only_the_code_lists),
        cmocka_unit_test(event_details_on_their_records),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
