/* ServiceRequest update over FHIR (service_request.h): a PUT that moves a
 * referral on. The route is category[0] (the coding in
 * <base>/CodeSystem/referral-route, else its text) and the team holding
 * it performer[0] (identifier FHIR_TEAM_ID|team id). A new route or team
 * is a triage while the referral waits at the front door and a reroute
 * while it waits with a team — svc_referral_act, so the JSON API's rules,
 * refusals and audit; a performer left as it was lets the route choose the
 * team (the person's locality), as the JSON API does without team_id.
 * What the referrer said (subject, priority, reason, requester, when, the
 * extensions) and the status are not changed by an update: each element
 * that differs from the current resource is a 422 naming it. Accepting
 * and declining stay with the receiving team in Seamless (a PUT cannot say
 * either). */
#include "fhir/fhir.h"
#include "fhir/service_request.h"
#include "svc/referral_actions.h"
#include "svc/referral_reads.h"
#include <string.h>

static const char *str(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* The route a ServiceRequest asks for, or NULL. */
static const char *route_of(struct request *req, json_t *sr)
{
    json_t *cat = json_array_get(json_object_get(sr, "category"), 0);
    const char *system = arena_printf(&req->arena, "%s%s", fhir_base(req), FHIR_REFERRAL_ROUTE_CS);
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(cat, "coding"), i, c)
        if (str(c, "system") && strcmp(str(c, "system"), system) == 0)
            return str(c, "code");
    return str(cat, "text");
}

/* The team a ServiceRequest names as performer (CareTeam/<id>, else the
 * identifier FHIR_TEAM_ID|id), or NULL. */
static const char *team_of(json_t *sr)
{
    json_t *perf = json_array_get(json_object_get(sr, "performer"), 0);
    const char *ref = str(perf, "reference");
    if (ref && strncmp(ref, "CareTeam/", 9) == 0)
        return ref + 9;
    json_t *id = json_object_get(perf, "identifier");
    return str(id, "system") && strcmp(str(id, "system"), FHIR_TEAM_ID) == 0 ? str(id, "value") : NULL;
}

static int same(const char *a, const char *b)
{
    return a && b ? strcmp(a, b) == 0 : a == b;
}

/* One 422 issue per element an update may not change; the count. */
static int fixed_elements_differ(struct request *req, struct response *res, json_t *sent, json_t *cur)
{
    static const char *const fixed[] = {"status", "intent", "priority", "code", "subject", "authoredOn",
                                        "reasonCode", "requester", "extension"};
    int n = 0;
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
        if (json_equal(json_object_get(sent, fixed[i]), json_object_get(cur, fixed[i])) ||
            (!json_object_get(sent, fixed[i]) && !json_object_get(cur, fixed[i])))
            continue;
        const char *where = arena_printf(&req->arena, "ServiceRequest.%s", fixed[i]);
        const char *msg = arena_printf(&req->arena, "%s cannot be changed by an update: it is what the referrer "
                                       "said, or follows from the referral's progress. Send it as read.", where);
        if (n++ == 0)
            fhir_outcome(res, 422, "invalid", msg, where);
        else
            fhir_outcome_add(res, "invalid", msg, where);
    }
    return n;
}

static const struct fhir_path update_paths[] = {
    {"route", "ServiceRequest.category"},
    {"team_id", "ServiceRequest.performer"},
    {"version", "ServiceRequest.meta.versionId"},
    {NULL, NULL},
};

void fhir_service_request_update(struct request *req, struct response *res)
{
    if (fhir_accepts(req, res) < 0)
        return;
    const char *if_match = http_header(req, "If-Match");
    if (!if_match) {
        fhir_outcome(res, 428, "required", "Send If-Match: W/\"<versionId>\" with the version you changed.", NULL);
        return;
    }
    json_t *sent = fhir_body(req, res, "ServiceRequest");
    if (!sent)
        return;
    if (!same(str(sent, "id"), req->params[0])) {
        fhir_outcome(res, 400, "invalid", "ServiceRequest.id must be the id in the address.", "ServiceRequest.id");
        return;
    }
    struct svc_ctx *c = fhir_ctx(req);
    json_t *r;
    int rc = svc_referral_read(c, req->params[0], &r);
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, NULL, "ServiceRequest");
        return;
    }
    json_t *cur = arena_json(&req->arena, fhir_service_request_from_referral(r, fhir_base(req)));
    if (fixed_elements_differ(req, res, sent, cur))
        return;
    const char *route = route_of(req, sent), *team = team_of(sent);
    struct svc_expect e = {if_match, NULL};
    int moved = !same(route, str(r, "route")) || !same(team, str(r, "team_id"));
    if (!moved) {   /* nothing to change: the current resource, if the version is the one sent */
        if ((rc = svc_version_check(c, &e, json_integer_value(json_object_get(r, "version")))) != SVC_OK) {
            fhir_result(req, res, rc, update_paths, "ServiceRequest");
            return;
        }
        fhir_send(req, res, 200, json_incref(cur), NULL);
        return;
    }
    struct svc_referral_act_in in = {
        .route = route,
        .team_id = same(team, str(r, "team_id")) ? NULL : team,
        .note = str(json_array_get(json_object_get(sent, "note"), 0), "text"),
        .expect = e,
    };
    enum referral_action a = same(str(r, "status"), "received") ? REFERRAL_TRIAGE : REFERRAL_REROUTE;
    rc = svc_referral_act(c, req->params[0], a, &in);
    if (rc == SVC_OK)
        rc = svc_referral_read(c, req->params[0], &r);
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, update_paths, "ServiceRequest");
        return;
    }
    fhir_send(req, res, 200, fhir_service_request_from_referral(r, fhir_base(req)), NULL);
}
