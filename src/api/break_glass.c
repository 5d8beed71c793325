/* Break-glass: a user without a relationship opens one record for a limited
 * time after giving a reason (and, on pages, their password again); every
 * grant is listed for the organisation's privacy officer to review.
 * Also: merging duplicate records (org admins) and who accessed a record. */
#include "api/api.h"
#include "api/handlers.h"
#include "api/person_access.h"
#include "svc/person_input.h"
#include "util/crypto.h"
#include "store/meetings.h"
#include "store/persons.h"
#include "util/clock.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define REASON_MIN 10

/* 0 and id/expires on success; otherwise res is set. */
int break_glass_grant(struct request *req, struct response *res, const char *person_id, json_t *body,
                      int need_password, char id[STORE_ID_LEN], char expires[STORE_TIME_LEN])
{
    json_t *errors = json_array();
    const char *reason = api_str(body, "reason", errors), *password = api_str(body, "password", errors);
    while (reason && isspace((unsigned char)*reason))
        reason++;
    if (!reason || strlen(reason) < REASON_MIN)
        svc_error_add(errors, "reason", "must say why you need the record (at least 10 characters)");
    else if (strlen(reason) > 1000)
        svc_error_add(errors, "reason", "must be at most 1000 characters");
    if (need_password || password) {
        char hash[256];
        struct principal p;
        struct store_error e = {0};
        if (!password || accounts_login_lookup(req->db, req->who.username, hash, sizeof hash, &p, &e) != 0 ||
            !crypto_password_verify(hash, password))
            svc_error_add(errors, "password", "is not right");
    }
    struct store_error err = {0};
    if (persons_exists(req->db, person_id, &err) != 0) {
        json_decref(errors);
        http_problem(res, req, 404, "not-found", "Not found", "No such person.");
        return -1;
    }
    if (json_array_size(errors)) {
        http_validation(res, req, errors);
        return -1;
    }
    json_decref(errors);
    char now[STORE_TIME_LEN];
    store_now(now);
    clock_format_utc(clock_now_seconds() + 60LL * req->app->cfg.break_glass_minutes, expires);
    struct svc_ctx c = api_svc_ctx(req);
    int rc = store_tx_begin(req->db, STORE_TX_WRITE, &err);
    if (rc == 0) rc = persons_break_glass_add(req->db, person_id, &req->who, reason, now, expires, id, &err);
    if (rc == 0) rc = persons_event_add(req->db, person_id, req->who.org_id, req->who.user_id, "break_glass",
                                        "Record opened by break-glass", now, &err);
    if (rc == 0) rc = svc_audit(&c, "break_glass", "person", person_id, person_id, "break_glass", &err);
    if (rc == 0 && store_tx_commit(req->db, &err) == 0)
        return 0;
    store_tx_rollback(req->db);
    http_internal(res, req, 503, err.message);
    return -1;
}

void h_break_glass(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    char id[STORE_ID_LEN], expires[STORE_TIME_LEN];
    if (break_glass_grant(req, res, req->params[0], body, 0, id, expires) == 0)
        http_json(res, 201, json_pack("{s:s, s:s, s:s}", "id", id, "person_id", req->params[0], "expires_at", expires));
    json_decref(body);
}

void h_break_glass_list(struct request *req, struct response *res)
{
    int limit = api_limit(req, res);
    if (limit < 0)
        return;
    const char *status = http_query(req, "status") ? http_query(req, "status") : "pending";
    if (strcmp(status, "pending") && strcmp(status, "accepted") && strcmp(status, "flagged") && strcmp(status, "all")) {
        json_t *errors = json_array();
        svc_error_add(errors, "status", "must be pending, accepted, flagged or all");
        http_validation(res, req, errors);
        return;
    }
    struct store_error err = {0};
    json_t *items = persons_break_glass_list(req->db, req->who.org_id, status, limit, &err);
    /* Self-claimed relationships (meeting attendees added from outside the
     * meeting's team) are reviewed alongside break-glass (domain.md §2). */
    json_t *claims = items ? meetings_claims_list(req->db, req->who.org_id, status, limit, &err) : NULL;
    if (!claims) {
        json_decref(items);
        http_internal(res, req, 503, err.message);
        return;
    }
    if (api_audit_read(req, res, "break_glass_list", req->who.org_id, NULL, "admin") < 0) {
        json_decref(items);
        json_decref(claims);
        return;
    }
    http_json(res, 200, json_pack("{s:o, s:o, s:n}", "items", items, "self_claimed", claims, "next_cursor"));
}

/* claim 1: a self-claimed meeting attendance rather than a break-glass grant. */
static int review(struct request *req, struct response *res, const char *id, json_t *body, int claim)
{
    json_t *errors = json_array();
    const char *status = api_str(body, "status", errors), *note = api_str(body, "note", errors);
    if (!status || (strcmp(status, "accepted") && strcmp(status, "flagged")))
        svc_error_add(errors, "status", "must be accepted or flagged");
    if (note && strlen(note) > 1000)
        svc_error_add(errors, "note", "must be at most 1000 characters");
    if (json_array_size(errors)) {
        http_validation(res, req, errors);
        return -1;
    }
    json_decref(errors);
    char now[STORE_TIME_LEN];
    store_now(now);
    struct store_error err = {0};
    struct svc_ctx c = api_svc_ctx(req);
    int rc = store_tx_begin(req->db, STORE_TX_WRITE, &err);
    if (rc == 0)
        rc = claim ? meetings_claim_review(req->db, id, req->who.org_id, status, req->who.user_id, note, now, &err)
                   : persons_break_glass_review(req->db, id, req->who.org_id, status, req->who.user_id, note, now, &err);
    if (rc == 0) rc = svc_audit(&c, "review", claim ? "meeting_attendee" : "break_glass", id, NULL, "admin", &err);
    if (rc == 0 && store_tx_commit(req->db, &err) == 0)
        return 0;
    store_tx_rollback(req->db);
    api_fail(req, res, rc == STORE_ENOTFOUND ? SVC_NOTFOUND : SVC_FAILED, NULL,
             claim ? "self-claimed relationship" : "break-glass grant");
    return -1;
}

int break_glass_review(struct request *req, struct response *res, const char *id, json_t *body)
{
    return review(req, res, id, body, 0);
}

int claim_review(struct request *req, struct response *res, const char *id, json_t *body)
{
    return review(req, res, id, body, 1);
}

void h_claim_review(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    if (claim_review(req, res, req->params[0], body) == 0)
        http_json(res, 200, json_pack("{s:s, s:O}", "id", req->params[0], "status", json_object_get(body, "status")));
    json_decref(body);
}

void h_break_glass_review(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    if (break_glass_review(req, res, req->params[0], body) == 0)
        http_json(res, 200, json_pack("{s:s, s:O}", "id", req->params[0], "status", json_object_get(body, "status")));
    json_decref(body);
}

/* Who read or changed the record: for the person's own page and subject
 * access requests. */
void h_person_access_log(struct request *req, struct response *res)
{
    enum access_decision d;
    const char *basis;
    if (person_check(req, res, req->params[0], &d, &basis) < 0)
        return;
    struct store_error err = {0};
    json_t *items = persons_access_log(req->db, req->params[0], 200, &err);
    if (!items) {
        http_internal(res, req, 503, err.message);
        return;
    }
    if (api_audit_read(req, res, "person_access_log", req->params[0], req->params[0], basis) < 0) {
        json_decref(items);
        return;
    }
    http_json(res, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}

void h_person_timeline(struct request *req, struct response *res)
{
    enum access_decision d;
    const char *basis;
    if (person_check(req, res, req->params[0], &d, &basis) < 0)
        return;
    struct store_error err = {0};
    json_t *items = persons_timeline(req->db, req->params[0], 200, &err);
    if (!items) {
        http_internal(res, req, 503, err.message);
        return;
    }
    if (api_audit_read(req, res, "person_timeline", req->params[0], req->params[0], basis) < 0) {
        json_decref(items);
        return;
    }
    http_json(res, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}
