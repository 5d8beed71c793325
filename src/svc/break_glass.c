#include "svc/break_glass.h"
#include "svc/access.h"
#include "store/meetings.h"
#include "store/persons.h"
#include "util/clock.h"
#include "util/crypto.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* The password the user typed is theirs (a page asks for it again). */
static int password_ok(struct svc_ctx *c, const char *password)
{
    char hash[256];
    struct principal p;
    struct store_error e = {0};
    return password && c->username &&
           accounts_login_lookup(c->db, c->username, hash, sizeof hash, &p, &e) == 0 &&
           crypto_password_verify(hash, password);
}

int svc_break_glass_grant(struct svc_ctx *c, const char *person_id, const char *reason, const char *password,
                          int need_password, struct svc_break_glass *out)
{
    while (reason && isspace((unsigned char)*reason))
        reason++;
    if (!reason || strlen(reason) < BREAK_GLASS_REASON_MIN)
        svc_field_error(c, "reason", "must say why you need the record (at least 10 characters)");
    else if (strlen(reason) > BREAK_GLASS_REASON_MAX)
        svc_field_error(c, "reason", "must be at most 1000 characters");
    if ((need_password || password) && !password_ok(c, password))
        svc_field_error(c, "password", "is not right");
    int rc = persons_exists(c->db, person_id, &c->err);
    if (rc != 0)
        return rc == STORE_ENOTFOUND ? svc_refuse(c, SVC_NOTFOUND, NULL, "No such person.")
                                     : svc_failed(c, "break-glass: person");
    if (svc_has_errors(c))
        return SVC_INVALID;
    int minutes = c->policy.break_glass_minutes > 0 ? c->policy.break_glass_minutes : 60;
    clock_format_utc(timestamp_parse_or(svc_now(c), 0) + 60LL * minutes, out->expires_at);
    struct principal who;
    memset(&who, 0, sizeof who);
    snprintf(who.user_id, sizeof who.user_id, "%s", c->user_id ? c->user_id : "");
    snprintf(who.org_id, sizeof who.org_id, "%s", c->org_id ? c->org_id : "");
    rc = svc_tx_begin(c);
    if (rc == 0) rc = persons_break_glass_add(c->db, person_id, &who, reason, svc_now(c), out->expires_at, out->id,
                                              &c->err);
    if (rc == 0) rc = persons_event_add(c->db, person_id, c->org_id, c->user_id, "break_glass",
                                        "Record opened by break-glass", svc_now(c), &c->err);
    if (rc == 0) rc = svc_tx_audit(c, "break_glass", "person", person_id, person_id, "break_glass");
    return svc_tx_end(c, rc);
}

int svc_break_glass_list(struct svc_ctx *c, const char *status, int limit, json_t **grants, json_t **claims)
{
    *grants = *claims = NULL;
    if (!status)
        status = "pending";
    if (strcmp(status, "pending") && strcmp(status, "accepted") && strcmp(status, "flagged") && strcmp(status, "all")) {
        svc_field_error(c, "status", "must be pending, accepted, flagged or all");
        return SVC_INVALID;
    }
    json_t *g = svc_own(c, persons_break_glass_list(c->db, c->org_id, status, limit, &c->err));
    /* Self-claimed relationships (meeting attendees added from outside the
     * meeting's team) are reviewed alongside break-glass (domain.md §2). */
    json_t *s = g ? svc_own(c, meetings_claims_list(c->db, c->org_id, status, limit, &c->err)) : NULL;
    if (!s)
        return svc_failed(c, "break-glass list");
    int rc = svc_audit_read(c, "break_glass_list", c->org_id, NULL, "admin");
    if (rc != SVC_OK)
        return rc;
    *grants = g;
    *claims = s;
    return SVC_OK;
}

int svc_break_glass_review(struct svc_ctx *c, const char *id, int claim, const char *status, const char *note)
{
    if (!status || (strcmp(status, "accepted") && strcmp(status, "flagged")))
        svc_field_error(c, "status", "must be accepted or flagged");
    if (note && strlen(note) > 1000)
        svc_field_error(c, "note", "must be at most 1000 characters");
    if (svc_has_errors(c))
        return SVC_INVALID;
    int rc = svc_tx_begin(c);
    if (rc == 0)
        rc = claim ? meetings_claim_review(c->db, id, c->org_id, status, c->user_id, note, svc_now(c), &c->err)
                   : persons_break_glass_review(c->db, id, c->org_id, status, c->user_id, note, svc_now(c), &c->err);
    if (rc == STORE_ENOTFOUND)   /* not a version check: there is no such grant in this organisation */
        rc = svc_not_found(c, claim ? "self-claimed relationship" : "break-glass grant");
    if (rc == 0) rc = svc_tx_audit(c, "review", claim ? "meeting_attendee" : "break_glass", id, NULL, "admin");
    return svc_tx_end(c, rc);
}

/* A person's list (the access log or the timeline), after access, audited. */
static int person_list(struct svc_ctx *c, const char *person_id, const char *rtype,
                       json_t *(*load)(struct store *, const char *, int, struct store_error *), json_t **items)
{
    enum access_decision d;
    const char *basis;
    *items = NULL;
    int rc = svc_person_access(c, person_id, &d, &basis);
    if (rc != SVC_OK)
        return rc;
    json_t *v = svc_own(c, load(c->db, person_id, 200, &c->err));
    if (!v)
        return svc_failed(c, rtype);
    if ((rc = svc_audit_read(c, rtype, person_id, person_id, basis)) != SVC_OK)
        return rc;
    *items = v;
    return SVC_OK;
}

int svc_person_access_log(struct svc_ctx *c, const char *person_id, json_t **items)
{
    return person_list(c, person_id, "person_access_log", persons_access_log, items);
}

int svc_person_timeline(struct svc_ctx *c, const char *person_id, json_t **items)
{
    return person_list(c, person_id, "person_timeline", persons_timeline, items);
}
