#include "api/person_access.h"
#include <string.h>
#include "domain/dates.h"
#include "domain/nhs_number.h"
#include "api/api.h"
#include "store/persons.h"
#include "util/clock.h"
#include <stdio.h>

int person_check(struct request *req, struct response *res, const char *person_id,
                 enum access_decision *decision, const char **basis)
{
    char now[STORE_TIME_LEN], since[11];
    store_now(now);
    clock_date_offset(-req->app->cfg.relationship_grace_days, since);
    struct access_query q = {person_id, req->who.user_id, req->who.org_id, since, now};
    struct access_facts f;
    struct store_error err = {0};
    if (persons_access_facts(req->db, &q, &f, &err) < 0) {
        http_internal(res, req, 503, err.message);
        return -1;
    }
    *decision = access_decide(&f);
    *basis = access_basis(*decision);
    if (*decision == ACCESS_DENIED_NO_RELATIONSHIP || *decision == ACCESS_DENIED_OBJECTION) {
        /* Attempts are audited too (the privacy officer sees who tried);
         * nothing of the record is released, so a failed write only logs. */
        struct audit_entry e = {req->who.user_id, req->who.org_id, req->who.role, "read_denied", "person",
                                person_id, person_id, "identify", req->request_id};
        if (audit_writer_record(req->app->audit, &e) != 0)
            fprintf(stderr, "seamless: audit of a denied read failed (request %s)\n", req->request_id);
    }
    switch (*decision) {
    case ACCESS_RELATIONSHIP:
    case ACCESS_BREAK_GLASS:
        return 0;
    case ACCESS_NOT_FOUND:
        http_problem(res, req, 404, "not-found", "Not found", "No such person.");
        return -1;
    case ACCESS_DENIED_OBJECTION:
        http_problem(res, req, 403, "objection-to-sharing", "The person has objected to sharing",
                     "Only organisations that already hold this person's record may see it. In an emergency use break-glass.");
        json_object_set_new(res->json, "break_glass", json_string(arena_printf(&req->arena,
                            "/api/v1/persons/%s/break-glass", person_id)));
        return -1;
    default:
        http_problem(res, req, 403, "no-legitimate-relationship", "No legitimate relationship",
                     "You have no care relationship with this person. If you need the record now, use break-glass and give a reason.");
        json_object_set_new(res->json, "break_glass", json_string(arena_printf(&req->arena,
                            "/api/v1/persons/%s/break-glass", person_id)));
        return -1;
    }
}

json_t *person_record_check(struct request *req, struct response *res, json_t *row, const struct store_error *err,
                            const char *what)
{
    if (!row) {
        if (err->code == STORE_ENOTFOUND)
            http_problem(res, req, 404, "not-found", "Not found", arena_printf(&req->arena, "No such %s.", what));
        else
            http_internal(res, req, 503, err->message);
        return NULL;
    }
    enum access_decision d;
    const char *basis;
    if (person_check(req, res, json_string_value(json_object_get(row, "person_id")), &d, &basis) < 0) {
        json_decref(row);
        return NULL;
    }
    json_object_set_new(row, "basis", json_string(basis));
    return row;
}

json_t *person_read(struct request *req, struct response *res, const char *person_id)
{
    enum access_decision d;
    const char *basis;
    if (person_check(req, res, person_id, &d, &basis) < 0)
        return NULL;
    struct store_error err = {0};
    json_t *p = persons_get(req->db, person_id, &err);
    if (!p) {
        http_internal(res, req, 503, err.message);
        return NULL;
    }
    char now[STORE_TIME_LEN];
    store_now(now);
    json_t *bg = d == ACCESS_BREAK_GLASS ? persons_break_glass_current(req->db, person_id, req->who.user_id, now, &err)
                                         : NULL;
    json_object_set_new(p, "access", json_pack("{s:s, s:O?}", "basis", basis, "break_glass_expires_at",
                                               bg ? json_object_get(bg, "expires_at") : NULL));
    json_decref(bg);
    if (api_audit_read(req, res, "person", person_id, person_id, basis) < 0) {
        json_decref(p);
        return NULL;
    }
    return p;
}

void person_banner(struct request *req, json_t *data, const char *person_id)
{
    struct store_error err = {0};
    json_t *p = person_id ? persons_get(req->db, person_id, &err) : NULL;
    if (!p)
        return;
    json_t *b = json_object();
    const char *keys[] = {"id", "given_name", "family_name", "date_of_birth", "date_of_death", "alert_safeguarding",
                          "alert_risk_to_staff"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        json_object_set(b, keys[i], json_object_get(p, keys[i]));
    const char *nhs = json_string_value(json_object_get(p, "nhs_number"));
    if (nhs && strlen(nhs) == 10) {
        char f[NHS_NUMBER_FORMATTED];
        nhs_number_format(nhs, f);
        json_object_set_new(b, "nhs_number_formatted", json_string(f));
    }
    struct date dob, today = {0};
    char t[11];
    clock_today(t);
    if (date_parse(json_string_value(json_object_get(p, "date_of_birth")), "dob", &dob, NULL) == 0 &&
        date_parse(t, "today", &today, NULL) == 0) {
        json_object_set_new(b, "age", json_integer(date_age_years(dob, today)));
    }
    json_object_set_new(b, "has_alerts", json_boolean(json_is_true(json_object_get(p, "alert_safeguarding")) ||
                                                      json_is_true(json_object_get(p, "alert_risk_to_staff"))));
    json_object_set_new(data, "banner", b);
    json_decref(p);
}
