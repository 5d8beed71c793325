/* Referrals read through the access choke point (referral_reads.h). */
#include "svc/referral_reads.h"
#include "store/referrals.h"
#include "svc/access.h"
#include "domain/nhs_number.h"
#include "domain/referral.h"
#include <string.h>

int svc_referral_read(struct svc_ctx *c, const char *id, json_t **out)
{
    *out = NULL;
    json_t *r = svc_own(c, referrals_get(c->db, id, &c->err));
    int rc = svc_record_access(c, r, c->err.code, "referral");
    if (rc != SVC_OK)
        return rc;
    rc = svc_audit_read(c, "referral", id, json_string_value(json_object_get(r, "person_id")),
                        json_string_value(json_object_get(r, "basis")));
    if (rc == SVC_OK)
        *out = r;
    return rc;
}

int svc_referrals_of_person(struct svc_ctx *c, const char *person_id, json_t **out)
{
    *out = NULL;
    enum access_decision d;
    const char *basis;
    int rc = svc_person_access(c, person_id, &d, &basis);
    if (rc != SVC_OK)
        return rc;
    json_t *list = svc_own(c, referrals_for_person(c->db, person_id, &c->err));
    if (!list)
        return svc_failed(c, "referrals of a person");
    json_t *full = svc_own(c, json_array());
    size_t i;
    json_t *r;
    json_array_foreach(list, i, r) {
        json_t *one = referrals_get(c->db, json_string_value(json_object_get(r, "id")), &c->err);
        if (!one)
            return svc_failed(c, "referral");
        json_array_append_new(full, one);
    }
    rc = svc_audit_read_items(c, "referral", full, "person_id", basis);
    if (rc == SVC_OK)
        *out = full;
    return rc;
}

static void display_time(json_t *r, const char *key, const char *out_key)
{
    int64_t t;
    char text[TIMESTAMP_UK_SIZE];
    const char *v = json_string_value(json_object_get(r, key));
    if (v && timestamp_parse(v, key, &t, NULL) == 0 && timestamp_format_uk(t, text) == 0)
        json_object_set_new(r, out_key, json_string(text));
}

static void flag(json_t *r, const char *key, const char *member, const char *value)
{
    const char *v = json_string_value(json_object_get(r, member));
    json_object_set_new(r, key, json_boolean(v && strcmp(v, value) == 0));
}

static void queue_state(struct svc_ctx *c, json_t *r)
{
    const char *due = json_string_value(json_object_get(r, "due_at"));
    const char *status = json_string_value(json_object_get(r, "status"));
    int64_t due_at, now;
    int u = referral_urgency_parse(json_string_value(json_object_get(r, "urgency")), "urgency", NULL);
    if (u >= 0 && due && timestamp_parse(due, "due_at", &due_at, NULL) == 0 &&
        timestamp_parse(svc_now(c), "now", &now, NULL) == 0 && status &&
        (strcmp(status, "received") == 0 || strcmp(status, "triaged") == 0))
        json_object_set_new(r, "queue_state", json_string(referral_queue_state_name(
                                referral_queue_state((enum referral_urgency)u, due_at, now))));
}

void svc_referral_present(struct svc_ctx *c, json_t *r)
{
    const char *nhs = json_string_value(json_object_get(r, "nhs_number"));
    if (nhs && strlen(nhs) == 10) {
        char f[NHS_NUMBER_FORMATTED];
        nhs_number_format(nhs, f);
        json_object_set_new(r, "nhs_number_formatted", json_string(f));
    }
    display_time(r, "received_at", "received_display");
    display_time(r, "due_at", "due_display");
    queue_state(c, r);
    int route = referral_route_parse(json_string_value(json_object_get(r, "route")), "route", NULL);
    if (route >= 0)
        json_object_set_new(r, "route_label", json_string(referral_route_label((enum referral_route)route)));
    json_object_set_new(r, "returned", json_boolean(json_integer_value(json_object_get(r, "returned"))));
    int estimated = (int)json_integer_value(json_object_get(r, "due_estimated"));
    json_object_set_new(r, "due_estimated", json_boolean(estimated));
    if (estimated)
        json_object_set_new(r, "due_note", json_string("Estimated: the bank holidays for that year are not loaded "
                                                       "yet, so only weekends were skipped"));
    flag(r, "is_received", "status", "received");
    flag(r, "is_triaged", "status", "triaged");
    flag(r, "is_chc", "route", "chc");
    flag(r, "is_breached", "queue_state", "breached");
    flag(r, "is_due_soon", "queue_state", "due_soon");
}

int svc_referral_view(struct svc_ctx *c, const char *id, json_t **out)
{
    json_t *r;
    *out = NULL;
    int rc = svc_referral_read(c, id, &r);
    if (rc != SVC_OK)
        return rc;
    json_t *events = referrals_events(c->db, id, &c->err);
    if (!events)
        return svc_failed(c, "referral history");
    json_object_set_new(r, "history", events);
    json_object_del(r, "basis");
    svc_referral_present(c, r);
    *out = r;
    return SVC_OK;
}

int svc_referral_brief(struct svc_ctx *c, const char *id, json_t **out)
{
    *out = NULL;
    json_t *r = svc_own(c, referrals_get(c->db, id, &c->err));
    if (!r)
        return svc_store_fail(c, c->err.code, "referral");
    static const char *const drop[] = {"family_name", "given_name", "date_of_birth", "nhs_number"};
    for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
        json_object_del(r, drop[i]);
    svc_referral_present(c, r);
    *out = r;
    return SVC_OK;
}

int svc_referral_sent(struct svc_ctx *c, const char *id, json_t **out)
{
    json_t *r;
    int rc = svc_referral_brief(c, id, &r);
    if (rc != SVC_OK)
        return rc;
    const char *by = json_string_value(json_object_get(r, "referred_by"));
    if (!by || !c->user_id || strcmp(by, c->user_id) != 0)
        return svc_not_found(c, "referral");
    *out = r;
    return SVC_OK;
}

int svc_referral_queue(struct svc_ctx *c, const char *team_id, int limit, json_t **out)
{
    *out = NULL;
    if (referrals_user_in_team(c->db, c->user_id, team_id, &c->err) != 0)
        return svc_refuse(c, SVC_NOT_YOUR_TEAM, "Not your team", "Only members of a team can see its work queue.");
    json_t *items = svc_own(c, referrals_queue(c->db, team_id, limit, &c->err));
    if (!items)
        return svc_failed(c, "team queue");
    int rc = svc_referral_release_rows(c, items, svc_referral_present);
    if (rc == SVC_OK)
        *out = items;
    return rc;
}

int svc_referral_release_rows(struct svc_ctx *c, json_t *rows, void (*present)(struct svc_ctx *, json_t *))
{
    size_t i;
    json_t *it;
    json_array_foreach(rows, i, it)
        present(c, it);
    return svc_audit_read_items(c, "referral", rows, "person_id", "relationship");
}

int svc_referral_routes(struct svc_ctx *c, json_t **out)
{
    *out = svc_own(c, referrals_routes(c->db, &c->err));
    return *out ? SVC_OK : svc_failed(c, "referral routes");
}
