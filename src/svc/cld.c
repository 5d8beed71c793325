/* svc/cld: see cld.h. The mapping from Seamless's records to the return's
 * columns is here; the rules (what is in, what is valid) are domain/cld. */
#include "svc/cld.h"
#include "svc/access.h"
#include "store/cld.h"
#include <stdlib.h>
#include <string.h>

struct build {
    struct svc_ctx *c;
    struct date from, to;
    const char *from_s, *to_s, *la_code;
    struct cld_row *rows;
    const char **person_ids;
    size_t n, cap;
    json_t *people;             /* person id → true, for the audit */
};

static const char *s(json_t *row, const char *key)
{
    const char *v = json_string_value(json_object_get(row, key));
    return v && v[0] ? v : NULL;
}

/* The UK civil date of a stored UTC timestamp (or of a plain date). */
static int uk_date(const char *ts, struct date *out)
{
    if (!ts)
        return 0;
    if (strlen(ts) == 10)
        return date_parse(ts, "date", out, NULL) == 0;
    int64_t t;
    if (timestamp_parse(ts, "at", &t, NULL) != 0)
        return 0;
    *out = timestamp_uk_date(t);
    return 1;
}

static const char *date_text(struct build *b, struct date d)
{
    char *out = arena_alloc(b->c->arena, DATE_STR_SIZE);
    date_format(d, out);
    return out;
}

/* A new row with the period and the person's columns, or NULL when the
 * person was not an adult on the event's start date (out of scope). */
static struct cld_row *row_new(struct build *b, json_t *r, enum cld_event type, const char *prefix,
                               struct date start, const struct date *end)
{
    struct date dob;
    if (!uk_date(s(r, "date_of_birth"), &dob) || !cld_adult_on(dob, start))
        return NULL;
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        struct cld_row *rows = arena_alloc(b->c->arena, cap * sizeof *rows);
        const char **ids = arena_alloc(b->c->arena, cap * sizeof *ids);
        if (b->n) {
            memcpy(rows, b->rows, b->n * sizeof *rows);
            memcpy(ids, b->person_ids, b->n * sizeof *ids);
        }
        b->rows = rows;
        b->person_ids = ids;
        b->cap = cap;
    }
    b->person_ids[b->n] = s(r, "person_id");
    struct cld_row *w = &b->rows[b->n++];
    memset(w, 0, sizeof *w);
    const char **v = w->v;
    v[CLD_LA_CODE] = b->la_code;
    v[CLD_PERIOD_START] = b->from_s;
    v[CLD_PERIOD_END] = b->to_s;
    v[CLD_CLIENT_TYPE] = "Service User";
    v[CLD_PERSON_ID] = s(r, "local_id") ? s(r, "local_id") : s(r, "person_id");
    v[CLD_NHS_NUMBER] = s(r, "nhs_number");
    v[CLD_GP_CODE] = s(r, "gp_code");
    v[CLD_GP_NAME] = s(r, "gp_name");
    v[CLD_GENDER] = cld_gender(s(r, "sex"));
    v[CLD_ETHNICITY] = s(r, "ethnicity");
    v[CLD_DOB] = s(r, "date_of_birth");
    v[CLD_DOD] = s(r, "date_of_death");
    v[CLD_PSR] = s(r, "primary_support_reason");
    v[CLD_POSTCODE] = s(r, "postcode");
    v[CLD_ACCOMMODATION] = s(r, "accommodation_status");
    v[CLD_EMPLOYMENT] = s(r, "employment_status");
    v[CLD_UNPAID_CARER] = s(r, "has_unpaid_carer");
    v[CLD_ASD] = s(r, "autism");
    v[CLD_VISUAL] = s(r, "visual_impairment");
    v[CLD_HEARING] = s(r, "hearing_impairment");
    v[CLD_DEMENTIA] = s(r, "dementia");
    v[CLD_FUNDING] = s(r, "client_funding_status");
    v[CLD_EVENT_TYPE] = cld_event_name(type);
    v[CLD_EVENT_REF] = arena_printf(b->c->arena, "%s-%s", prefix, s(r, "id"));
    v[CLD_EVENT_START] = date_text(b, start);
    v[CLD_EVENT_END] = end ? date_text(b, *end) : NULL;
    json_object_set_new(b->people, s(r, "person_id"), json_true());
    return w;
}

/* Requests: the front door's outcome (domain.md §4) in the return's words. */
static void add_requests(struct build *b, json_t *rows)
{
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) {
        struct date start, end;
        if (!uk_date(s(r, "received_at"), &start) || !uk_date(s(r, "done_at"), &end) ||
            !cld_completed_in_period(b->from, b->to, &end, 0))
            continue;
        struct cld_row *w = row_new(b, r, CLD_EVENT_REQUEST, "REQ", start, &end);
        if (!w)
            continue;
        const char *route = s(r, "route") ? s(r, "route") : "";
        const char *outcome = s(r, "outcome") ? s(r, "outcome") : "";
        json_t *stay = json_object_get(r, "from_stay");
        w->v[CLD_ROUTE] = cld_route_of_access(s(r, "source"), s(r, "route"),
                                              json_is_true(stay) || json_integer_value(stay) != 0);
        w->v[CLD_EVENT_OUTCOME] = strcmp(outcome, "first_contact_resolution") == 0
            ? "NFA - Information & Advice / Signposting only"
            : strcmp(route, "reablement") == 0 ? "Progress to Reablement/ST-Max"
            : strcmp(route, "crisis_response") == 0 ? "Progress to Support Planning / Services"
            : "Progress to Assessment";
    }
}

static void add_assessments(struct build *b, json_t *rows)
{
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) {
        struct date start, end;
        if (!cld_assessment_kind_included(s(r, "kind")) || !uk_date(s(r, "created_at"), &start) ||
            !uk_date(s(r, "completed_at"), &end) || !cld_completed_in_period(b->from, b->to, &end, 0))
            continue;
        struct cld_row *w = row_new(b, r, CLD_EVENT_ASSESSMENT, "ASM", start, &end);
        if (!w)
            continue;
        json_t *eligible = json_object_get(r, "eligible");
        int yes = json_is_true(eligible) || json_integer_value(eligible) == 1;
        w->v[CLD_CLIENT_TYPE] = cld_client_type(s(r, "kind"));
        w->v[CLD_ASSESSMENT_TYPE] = cld_assessment_type(s(r, "kind"));
        w->v[CLD_ELIGIBLE] = json_is_null(eligible) || !eligible ? NULL : yes ? "Yes" : "No";
        w->v[CLD_ASSESSMENT_METHOD] = s(r, "cld_method");
        w->v[CLD_EVENT_OUTCOME] = yes ? "Progress to Support Planning / Services"
                                      : "NFA - No services offered: Other reason";
    }
}

/* A service's outcome at the end of the period: still running, ended, or
 * ended by the person's death. */
static const char *service_outcome(json_t *r, const struct date *end, struct date to)
{
    if (!end || date_compare(*end, to) > 0)
        return "Provision of service";
    struct date dod;
    if (uk_date(s(r, "date_of_death"), &dod) && date_compare(dod, *end) <= 0)
        return "NFA - Deceased";
    return "Service ended as planned";
}

/* The Service row of r (start_on, end_on) when it was active at any point
 * in the period, else NULL; *has_end and *end: its end, if any. */
static struct cld_row *service_row(struct build *b, json_t *r, const char *ref, struct date *end, int *has_end)
{
    struct date start;
    *has_end = uk_date(s(r, "end_on"), end);
    if (!uk_date(s(r, "start_on"), &start) ||
        !cld_active_in_period(b->from, b->to, start, *has_end ? end : NULL, 0))
        return NULL;
    return row_new(b, r, CLD_EVENT_SERVICE, ref, start, *has_end ? end : NULL);
}

static void add_plan_services(struct build *b, json_t *rows)
{
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) {
        struct date end;
        int has_end;
        struct cld_row *w = service_row(b, r, "SVC", &end, &has_end);
        if (!w)
            continue;
        const char *component = s(r, "cld_service_component");
        const char *delivery = s(r, "delivery");
        w->v[CLD_SERVICE_COMPONENT] = component;
        w->v[CLD_SERVICE_TYPE] = component && strcmp(component, "Residential Care") == 0
            ? "Long Term Support: Residential Care"
            : component && strcmp(component, "Nursing Care") == 0 ? "Long Term Support: Nursing Care"
            : "Long Term Support: Community";
        w->v[CLD_DELIVERY] = strcmp(delivery, "dp") == 0 ? "Direct Payment"
            : strcmp(delivery, "pb") == 0 ? "CASSR Managed Personal Budget" : "CASSR Commissioned Support";
        w->v[CLD_CQC_NAME] = s(r, "provider_name");
        long long pence = json_integer_value(json_object_get(r, "weekly_cost_pence"));
        w->v[CLD_UNIT_COST] = arena_printf(b->c->arena, "%lld.%02lld", pence / 100, pence % 100);
        w->v[CLD_COST_FREQUENCY] = "Weekly";
        w->v[CLD_PLANNED_UNITS] = "1";
        w->v[CLD_EVENT_OUTCOME] = service_outcome(r, has_end ? &end : NULL, b->to);
    }
}

static void add_reablement(struct build *b, json_t *rows)
{
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) {
        struct date end;
        int has_end;
        struct cld_row *w = service_row(b, r, "STM", &end, &has_end);
        if (!w)
            continue;
        const char *o = s(r, "outcome") ? s(r, "outcome") : "";
        w->v[CLD_SERVICE_TYPE] = "Short Term Support: ST-Max";
        w->v[CLD_SERVICE_COMPONENT] = "Reablement";
        w->v[CLD_DELIVERY] = "CASSR Commissioned Support";
        w->v[CLD_EVENT_OUTCOME] = !has_end || date_compare(end, b->to) > 0 ? "Provision of service"
            : strcmp(o, "died") == 0 ? "NFA - Deceased"
            : strcmp(o, "readmitted") == 0 ? "Admitted to hospital"
            : strcmp(o, "no_ongoing_support") == 0 ? "Service ended as planned"
            : "Progress to Support Planning / Services";
    }
}

static void add_reviews(struct build *b, json_t *rows)
{
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) {
        struct date on;
        if (!uk_date(s(r, "reviewed_on"), &on) || !cld_completed_in_period(b->from, b->to, &on, 0))
            continue;
        struct cld_row *w = row_new(b, r, CLD_EVENT_REVIEW, "REV", on, &on);
        if (!w)
            continue;
        const char *o = s(r, "outcome") ? s(r, "outcome") : "";
        w->v[CLD_REVIEW_REASON] = "Planned";
        w->v[CLD_REVIEW_METHOD] = s(r, "cld_method");
        w->v[CLD_REVIEW_OUTCOMES] = s(r, "cld_outcomes_achieved");
        w->v[CLD_EVENT_OUTCOME] = strcmp(o, "continue") == 0 ? "No change in package"
            : strcmp(o, "end") == 0 ? "NFA - Support ended: Other reason"
            : "Progress to Support Planning / Services";
    }
}

static int check_rows(struct build *b, struct svc_cld_return *out)
{
    size_t cap = 0;
    for (size_t i = 0; i < b->n; i++) {
        struct cld_problem p[16];
        size_t np = cld_row_check(&b->rows[i], p, 16);
        if (np > 16)
            np = 16;
        if (np)
            out->invalid_rows++;
        for (size_t k = 0; k < np; k++) {
            if (out->nproblems == cap) {
                size_t ncap = cap ? cap * 2 : 64;
                struct svc_cld_problem *grown = arena_alloc(b->c->arena, ncap * sizeof *grown);
                if (out->nproblems)
                    memcpy(grown, out->problems, out->nproblems * sizeof *grown);
                out->problems = grown;
                cap = ncap;
            }
            out->problems[out->nproblems++] = (struct svc_cld_problem){i, cld_column_name(p[k].column), p[k].reason};
        }
    }
    return SVC_OK;
}

/* The council, by code or the only one. */
static int council(struct svc_ctx *c, const char *code, json_t **out)
{
    json_t *rows = svc_own(c, cld_councils(c->db, code, &c->err));
    if (!rows)
        return svc_failed(c, "cld councils");
    if (json_array_size(rows) != 1) {
        svc_field_error(c, "org", code ? "is not the code of a council"
                                       : "name the council: this database has none or more than one");
        return SVC_INVALID;
    }
    *out = json_array_get(rows, 0);
    return SVC_OK;
}

static int audit_return(struct svc_ctx *c, struct build *b)
{
    const char *rid = arena_printf(c->arena, "%s/%s", b->from_s, b->to_s);
    int rc = svc_tx_begin(c);
    if (rc != 0)
        return rc;
    /* One entry for the return, naming everyone in it. */
    size_t n = json_object_size(b->people), i = 0;
    struct audit_person *people = arena_alloc(c->arena, (n ? n : 1) * sizeof *people);
    const char *person;
    json_t *v;
    json_object_foreach(b->people, person, v)
        people[i++] = (struct audit_person){person, NULL};
    rc = svc_tx_audit_people(c, "export", "cld_return", rid, people, (int)n, NULL);
    return svc_tx_end(c, rc);
}

void svc_cld_default_period(struct svc_ctx *c, const char **from, const char **to)
{
    struct date f, t;
    cld_previous_quarter(svc_today(c), &f, &t);
    char *a = arena_alloc(c->arena, DATE_STR_SIZE), *b = arena_alloc(c->arena, DATE_STR_SIZE);
    date_format(f, a);
    date_format(t, b);
    *from = a;
    *to = b;
}

int svc_cld_return(struct svc_ctx *c, const char *council_code, const char *la_code, const char *from,
                   const char *to, struct svc_cld_return *out)
{
    memset(out, 0, sizeof *out);
    struct build b = {.c = c, .from_s = from, .to_s = to};
    struct domain_error derr;
    if (date_parse(from, "from", &b.from, NULL) != 0)
        svc_field_error(c, "from", "must be a date (YYYY-MM-DD)");
    if (date_parse(to, "to", &b.to, NULL) != 0)
        svc_field_error(c, "to", "must be a date (YYYY-MM-DD)");
    else if (!svc_has_errors(c) && cld_period_check(b.from, b.to, &derr) != 0)
        svc_field_error(c, derr.field, derr.message);
    if (svc_has_errors(c))
        return SVC_INVALID;
    json_t *org = NULL;
    int rc = council(c, council_code, &org);
    if (rc != SVC_OK)
        return rc;
    const char *org_id = s(org, "id");
    if (c->user_id && (!c->org_id || strcmp(c->org_id, org_id) != 0 ||
                       !(svc_role_is(c, "finance") || svc_role_is(c, "org_admin")))) {
        svc_audit_denied(c, "cld_return", NULL, NULL);
        return svc_refuse(c, SVC_FORBIDDEN, "Not allowed",
                          "Only the council's finance staff and administrators produce its CLD return.");
    }
    b.la_code = la_code && la_code[0] ? la_code : s(org, "code");
    b.people = svc_own(c, json_object());
    /* Timestamps are UTC: a day either side catches every UK date in the period. */
    struct date lo_d, hi_d;
    date_add_days(b.from, -1, &lo_d, NULL);
    date_add_days(b.to, 2, &hi_d, NULL);
    const char *lo = date_text(&b, lo_d), *hi = date_text(&b, hi_d);
    json_t *req = svc_own(c, cld_requests(c->db, org_id, lo, hi, &c->err));
    json_t *asm_ = req ? svc_own(c, cld_assessments(c->db, org_id, lo, hi, &c->err)) : NULL;
    json_t *svc = asm_ ? svc_own(c, cld_plan_services(c->db, org_id, from, to, &c->err)) : NULL;
    json_t *stm = svc ? svc_own(c, cld_reablement(c->db, org_id, from, to, &c->err)) : NULL;
    json_t *rev = stm ? svc_own(c, cld_reviews(c->db, org_id, from, to, &c->err)) : NULL;
    if (!rev)
        return svc_failed(c, "cld return");
    add_requests(&b, req);
    add_assessments(&b, asm_);
    add_plan_services(&b, svc);
    add_reablement(&b, stm);
    add_reviews(&b, rev);
    rc = audit_return(c, &b);
    if (rc != SVC_OK)
        return rc;
    out->org_name = s(org, "name");
    out->la_code = b.la_code;
    out->n = b.n;
    out->rows = b.rows;
    out->person_ids = b.person_ids;
    return check_rows(&b, out);
}

/* ---- a person's CLD attributes ---- */

static const struct {
    const char *key;
    enum cld_column column;
} attribute_keys[] = {
    {"ethnicity", CLD_ETHNICITY}, {"primary_support_reason", CLD_PSR},
    {"accommodation_status", CLD_ACCOMMODATION}, {"employment_status", CLD_EMPLOYMENT},
    {"has_unpaid_carer", CLD_UNPAID_CARER}, {"autism", CLD_ASD}, {"visual_impairment", CLD_VISUAL},
    {"hearing_impairment", CLD_HEARING}, {"dementia", CLD_DEMENTIA}, {"client_funding_status", CLD_FUNDING},
};
#define NATTRIBUTES (sizeof attribute_keys / sizeof attribute_keys[0])

static json_t *attributes_load(struct svc_ctx *c, const char *person_id)
{
    json_t *row = svc_own(c, cld_attributes_get(c->db, person_id, &c->err));
    if (row && !json_object_get(row, "version"))
        json_object_set_new(row, "version", json_integer(0));
    return row;
}

int svc_cld_attributes_get(struct svc_ctx *c, const char *person_id, json_t **out)
{
    enum access_decision d;
    const char *basis;
    int rc = svc_person_access(c, person_id, &d, &basis);
    if (rc != SVC_OK)
        return rc;
    json_t *row = attributes_load(c, person_id);
    if (!row)
        return svc_failed(c, "cld attributes");
    rc = svc_audit_read(c, "cld_attributes", person_id, person_id, basis);
    if (rc != SVC_OK)
        return rc;
    *out = row;
    return SVC_OK;
}

int svc_cld_attributes_put(struct svc_ctx *c, const char *person_id, const char *if_match, json_t *in)
{
    enum access_decision d;
    const char *basis;
    int rc = svc_person_access(c, person_id, &d, &basis);
    if (rc != SVC_OK)
        return rc;
    json_t *attrs = svc_own(c, json_object());
    for (size_t i = 0; i < NATTRIBUTES; i++) {
        json_t *v = json_object_get(in, attribute_keys[i].key);
        if (!v || json_is_null(v) || (json_is_string(v) && !json_string_value(v)[0]))
            continue;
        if (!json_is_string(v) || !cld_code_valid(attribute_keys[i].column, json_string_value(v)))
            svc_field_error(c, attribute_keys[i].key, "is not one of the Client Level Data values");
        else
            json_object_set(attrs, attribute_keys[i].key, v);
    }
    json_t *current = attributes_load(c, person_id);
    if (!current)
        return svc_failed(c, "cld attributes");
    long long version = json_integer_value(json_object_get(current, "version"));
    if (!svc_has_errors(c)) {
        rc = svc_version_check(c, &(struct svc_expect){if_match, json_object_get(in, "version")}, version);
        if (rc != SVC_OK)
            return rc;
    }
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct actor by = svc_actor(c);
    rc = svc_tx_begin(c);
    if (rc == 0)
        rc = cld_attributes_put(c->db, &by, person_id, version, attrs, &c->err);
    if (rc == 0)
        rc = svc_tx_audit(c, "update", "cld_attributes", person_id, person_id, basis);
    return svc_tx_end(c, rc);
}

/* ---- an event's CLD details ---- */

static const struct {
    const char *kind, *what, *rtype, *key_a, *key_b;
    enum cld_record record;
    enum cld_column col_a, col_b;
} event_kinds[] = {
    {"assessment", "assessment", "care_act_assessment", "method", NULL, CLD_RECORD_ASSESSMENT,
     CLD_ASSESSMENT_METHOD, CLD_NCOLUMNS},
    {"plan_task", "plan task", "care_plan_task", "service_component", NULL, CLD_RECORD_PLAN_TASK,
     CLD_SERVICE_COMPONENT, CLD_NCOLUMNS},
    {"review", "review", "direct_payment_review", "method", "outcomes_achieved", CLD_RECORD_REVIEW,
     CLD_REVIEW_METHOD, CLD_REVIEW_OUTCOMES},
};

/* The value of key on column's code list, NULL when absent or null. */
static const char *detail(struct svc_ctx *c, json_t *in, const char *key, enum cld_column col)
{
    json_t *v = key ? json_object_get(in, key) : NULL;
    if (!v || json_is_null(v))
        return NULL;
    if (!json_is_string(v) || !cld_code_valid(col, json_string_value(v))) {
        svc_field_error(c, key, "is not one of the Client Level Data values");
        return NULL;
    }
    return json_string_value(v);
}

int svc_cld_event_details_put(struct svc_ctx *c, const char *kind, const char *id, json_t *in)
{
    size_t k = 0;
    while (k < sizeof event_kinds / sizeof event_kinds[0] && strcmp(event_kinds[k].kind, kind) != 0)
        k++;
    if (k == sizeof event_kinds / sizeof event_kinds[0])
        return svc_not_found(c, "record");
    json_t *row = svc_own(c, cld_record_person(c->db, event_kinds[k].record, id, &c->err));
    if (!row)
        return svc_store_fail(c, c->err.code, event_kinds[k].what);
    enum access_decision d;
    const char *basis, *person = s(row, "person_id");
    int rc = svc_person_access(c, person, &d, &basis);
    if (rc != SVC_OK)
        return rc;
    const char *a = detail(c, in, event_kinds[k].key_a, event_kinds[k].col_a);
    const char *b = detail(c, in, event_kinds[k].key_b, event_kinds[k].col_b);
    if (svc_has_errors(c))
        return SVC_INVALID;
    rc = svc_tx_begin(c);
    if (rc == 0)
        rc = cld_record_set(c->db, event_kinds[k].record, id, a, b, &c->err);
    if (rc == 0)
        rc = svc_tx_audit(c, "update", event_kinds[k].rtype, id, person, basis);
    return svc_tx_end(c, rc);
}
