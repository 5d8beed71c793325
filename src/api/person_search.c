/* Person search: anyone handling personal data may find a person to
 * identify them (name, date of birth, NHS number); the rest of the record
 * needs a legitimate relationship. Every person returned is audited. */
#include "api/api.h"
#include "api/handlers.h"
#include "api/persons_api.h"
#include "domain/dates.h"
#include "domain/nhs_number.h"
#include "domain/postcode.h"
#include "store/persons.h"
#include "util/clock.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const char *q(struct request *req, const char *name)
{
    const char *v = http_query(req, name);
    return v && *v ? v : NULL;
}

/* Which search and its normalised arguments; errors filled otherwise. */
static int parse_query(struct request *req, enum person_search *by, char *a, size_t an, char *b, size_t bn,
                       json_t *errors)
{
    struct domain_error e;
    const char *nhs = q(req, "nhs_number"), *fam = q(req, "family_name"), *dob = q(req, "date_of_birth"),
               *pc = q(req, "postcode");
    if (nhs) {
        *by = SEARCH_NHS;
        if (nhs_number_parse(nhs, a, &e) != 0)
            svc_error_add(errors, "nhs_number", e.message);
        return 0;
    }
    if (fam || dob) {
        *by = SEARCH_NAME_DOB;
        struct date d;
        if (!fam)
            svc_error_add(errors, "family_name", "is required with date_of_birth");
        if (!dob || date_parse(dob, "date_of_birth", &d, &e) != 0)
            svc_error_add(errors, "date_of_birth", "is required with family_name, written YYYY-MM-DD");
        size_t i = 0;
        for (; fam && fam[i] && i < an - 1; i++)
            a[i] = (char)toupper((unsigned char)fam[i]);
        a[i] = '\0';
        snprintf(b, bn, "%s", dob ? dob : "");
        return 0;
    }
    if (pc) {
        *by = SEARCH_POSTCODE;
        if (postcode_normalise(pc, "postcode", a, &e) != 0)
            svc_error_add(errors, "postcode", e.message);
        return 0;
    }
    svc_error_add(errors, "query", "give nhs_number, or family_name and date_of_birth, or postcode");
    return -1;
}

/* Marks each result with has_access and audits it. 0 ok, else 503 set. */
static int mark_and_audit(struct request *req, struct response *res, json_t *items)
{
    char now[STORE_TIME_LEN], since[11];
    store_now(now);
    clock_date_offset(-req->app->cfg.relationship_grace_days, since);
    size_t n = json_array_size(items), i;
    struct audit_entry *entries = arena_alloc(&req->arena, (n ? n : 1) * sizeof *entries);
    json_t *it;
    json_array_foreach(items, i, it) {
        const char *id = json_string_value(json_object_get(it, "id"));
        struct access_query aq = {id, req->who.user_id, req->who.org_id, since, now};
        struct access_facts f;
        struct store_error err = {0};
        if (persons_access_facts(req->db, &aq, &f, &err) < 0) {
            http_internal(res, req, 503, err.message);
            return -1;
        }
        enum access_decision d = access_decide(&f);
        json_object_set_new(it, "has_access", json_boolean(access_allowed(d)));
        if (!access_allowed(d))
            json_object_del(it, "postcode");
        person_present(it);
        entries[i] = (struct audit_entry){req->who.user_id, req->who.org_id, req->who.role, "search", "person",
                                          id, id, access_allowed(d) ? access_basis(d) : "identify",
                                          req->request_id};
    }
    if (audit_writer_record_many(req->app->audit, entries, (int)n) != 0) {
        http_internal(res, req, 503, "audit entries could not be written");
        return -1;
    }
    return 0;
}

json_t *person_search(struct request *req, struct response *res)
{
    int limit = api_limit(req, res);
    if (limit < 0)
        return NULL;
    enum person_search by = SEARCH_NHS;
    char a[128] = "", b[16] = "";
    json_t *errors = json_array();
    parse_query(req, &by, a, sizeof a, b, sizeof b, errors);
    if (json_array_size(errors)) {
        http_validation(res, req, errors);
        return NULL;
    }
    json_decref(errors);
    struct store_error err = {0};
    json_t *items = persons_search(req->db, by, a, b, q(req, "cursor"), limit + 1, &err);
    if (!items) {
        http_internal(res, req, 503, err.message);
        return NULL;
    }
    json_t *next = json_null();
    if (json_array_size(items) > (size_t)limit) {
        json_array_remove(items, (size_t)limit);
        next = json_incref(json_object_get(json_array_get(items, (size_t)limit - 1), "id"));
    }
    if (mark_and_audit(req, res, items) < 0) {
        json_decref(items);
        json_decref(next);
        return NULL;
    }
    return json_pack("{s:o, s:o}", "items", items, "next_cursor", next);
}

void h_person_search(struct request *req, struct response *res)
{
    json_t *r = person_search(req, res);
    if (r)
        http_json(res, 200, r);
}
