/* The access choke point (access.h). */
#include "svc/access.h"
#include "store/persons.h"
#include <stdio.h>
#include <string.h>

static int grace_days(const struct svc_ctx *c)
{
    return c->policy.relationship_grace_days > 0 ? c->policy.relationship_grace_days : 28;
}

/* A refused read is audited too; nothing of the record is released, so a
 * failed audit write only logs. */
void svc_audit_denied(struct svc_ctx *c, const char *rtype, const char *rid, const char *person_id)
{
    svc_audit_refusal(c, "read_denied", rtype, rid, person_id);
}

void svc_audit_refusal(struct svc_ctx *c, const char *action, const char *rtype, const char *rid,
                       const char *person_id)
{
    struct audit_entry e = {c->user_id, c->org_id, c->role, action, rtype,
                            rid, person_id, "identify", c->request_id, NULL, 0};
    c->refusal_audited = 1;
    int rc = c->audit ? audit_writer_record(c->audit, &e) : -1;
    if (!c->audit && store_tx_begin(c->db, STORE_TX_WRITE, &c->err) == 0) {
        rc = audit_append(c->db, &e, &c->err);
        rc = rc == 0 ? store_tx_commit(c->db, &c->err) : rc;
        if (rc != 0)
            store_tx_rollback(c->db);
    }
    if (rc != 0)
        fprintf(stderr, "seamless: audit of a denied read failed (request %s)\n", c->request_id ? c->request_id : "-");
}

static void audit_refusal(struct svc_ctx *c, const char *person_id)
{
    svc_audit_denied(c, "person", person_id, person_id);
}

static struct access_query query_for(struct svc_ctx *c, const char *person_id)
{
    struct access_query q = {person_id, c->user_id, c->org_id, svc_date_offset(c, -grace_days(c)), svc_now(c)};
    return q;
}

/* The decision from the facts: SVC_OK for a relationship or break-glass;
 * otherwise not found, or the refusal, audited. */
static int conclude(struct svc_ctx *c, const char *person_id, const struct access_facts *f,
                    enum access_decision *decision, const char **basis)
{
    *decision = access_decide(f);
    *basis = access_basis(*decision);
    switch (*decision) {
    case ACCESS_RELATIONSHIP:
    case ACCESS_BREAK_GLASS:
        return SVC_OK;
    case ACCESS_NOT_FOUND:
        return svc_not_found(c, "person");
    case ACCESS_DENIED_OBJECTION:
        audit_refusal(c, person_id);
        c->person_id = person_id;
        return svc_refuse(c, SVC_OBJECTION, NULL,
                          "Only organisations that already hold this person's record may see it. "
                          "In an emergency use break-glass.");
    default:
        audit_refusal(c, person_id);
        c->person_id = person_id;
        return svc_refuse(c, SVC_NO_RELATIONSHIP, NULL,
                          "You have no care relationship with this person. If you need the record now, "
                          "use break-glass and give a reason.");
    }
}

int svc_person_access(struct svc_ctx *c, const char *person_id, enum access_decision *decision,
                      const char **basis)
{
    struct access_query q = query_for(c, person_id);
    struct access_facts f;
    *basis = NULL;
    if (persons_access_facts(c->db, &q, &f, &c->err) < 0)
        return svc_failed(c, "access facts");
    return conclude(c, person_id, &f, decision, basis);
}

/* The facts and the record are read together (one round trip on
 * PostgreSQL); the record is released only when conclude() allows it, and
 * dropped otherwise. */
int svc_person_read(struct svc_ctx *c, const char *person_id, json_t **out)
{
    enum access_decision d = ACCESS_NOT_FOUND;
    const char *basis = NULL;
    *out = NULL;
    struct access_query q = query_for(c, person_id);
    struct access_facts f;
    json_t *p = NULL;
    if (persons_get_with_facts(c->db, &q, &f, &p, &c->err) != STORE_OK)
        return svc_failed(c, "person read");
    svc_own(c, p);
    int rc = conclude(c, person_id, &f, &d, &basis);
    if (rc != SVC_OK)
        return rc;
    if (!p)   /* gone between the statements (on PostgreSQL each has its own snapshot) */
        return svc_not_found(c, "person");
    json_t *bg = d == ACCESS_BREAK_GLASS ? persons_break_glass_current(c->db, person_id, c->user_id, svc_now(c), &c->err)
                                         : NULL;
    json_object_set_new(p, "access", json_pack("{s:s, s:O?}", "basis", basis, "break_glass_expires_at",
                                               bg ? json_object_get(bg, "expires_at") : NULL));
    json_decref(bg);
    rc = svc_audit_read(c, "person", person_id, person_id, basis);
    if (rc != SVC_OK)
        return rc;
    *out = p;
    return SVC_OK;
}

int svc_record_access(struct svc_ctx *c, json_t *row, int load_rc, const char *what)
{
    if (!row)
        return load_rc == STORE_ENOTFOUND ? svc_not_found(c, what) : svc_failed(c, what);
    enum access_decision d;
    const char *basis;
    int rc = svc_person_access(c, json_string_value(json_object_get(row, "person_id")), &d, &basis);
    if (rc == SVC_OK)
        json_object_set_new(row, "basis", json_string(basis));
    return rc;
}

int svc_read_within(struct svc_ctx *c, json_t *row, int load_rc, const char *parent_key, svc_parent_read_fn read,
                    const char *list_key, const char *id, const char *what, json_t **parent, json_t **entry)
{
    if (!row)
        return svc_store_fail(c, load_rc, what);
    json_t *p;
    int rc = read(c, json_string_value(json_object_get(row, parent_key)), &p);
    if (rc != SVC_OK)
        return rc;
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(p, list_key), i, e) {
        const char *eid = json_string_value(json_object_get(e, "id"));
        if (eid && strcmp(eid, id) == 0) {
            *parent = p;
            *entry = e;
            return SVC_OK;
        }
    }
    return svc_not_found(c, what);
}

int svc_caseload_read(struct svc_ctx *c, const char *caseload_id, json_t **person, json_t **entry)
{
    json_t *row = svc_own(c, persons_caseload_person(c->db, caseload_id, &c->err));
    return svc_read_within(c, row, c->err.code, "person_id", svc_person_read, "caseloads", caseload_id,
                           "episode of care", person, entry);
}
