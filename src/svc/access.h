/* access: the one choke point between a principal and a person's record.
 *
 * svc_person_access decides (domain/access.h, with the facts gathered by
 * one store query) and audits a refusal ("read_denied", so the privacy
 * officer sees who tried). svc_person_read then loads the record and
 * audits the read before it is released; svc_record_access does the same
 * check for a record about one person that the caller loaded (its
 * "person_id" member names the person). A unit test fails on any adapter
 * that reads persons_get outside this path.
 *
 * Outcomes: SVC_OK; SVC_NOTFOUND (no such person); SVC_NO_RELATIONSHIP or
 * SVC_OBJECTION (c->person_id set, so an adapter can offer break-glass);
 * SVC_FAILED. */
#ifndef SEAMLESS_SVC_ACCESS_H
#define SEAMLESS_SVC_ACCESS_H
#include "domain/access.h"
#include "svc/svc.h"

/* The decision for person_id and its audit basis ("relationship" or
 * "break_glass"; NULL when refused). */
int svc_person_access(struct svc_ctx *c, const char *person_id, enum access_decision *decision,
                      const char **basis);
/* The person's record with "access": {basis, break_glass_expires_at}, read
 * and audited; *out is owned by the context. */
int svc_person_read(struct svc_ctx *c, const char *person_id, json_t **out);
/* One caseload entry (a team's involvement) of a person: the person's
 * record read and audited as svc_person_read does (*person, owned by the
 * context) and the entry in its "caseloads" (*entry). SVC_NOTFOUND ("No
 * such episode of care.") when there is none; refusals as svc_person_read. */
int svc_caseload_read(struct svc_ctx *c, const char *caseload_id, json_t **person, json_t **entry);
/* Access to a record about one person: row (may be NULL when the load
 * failed; load_rc then says why, e.g. STORE_ENOTFOUND → "No such <what>.")
 * is checked against its "person_id"; on SVC_OK row gets "basis" set. The
 * caller audits its read with that basis. row stays the caller's. */
int svc_record_access(struct svc_ctx *c, json_t *row, int load_rc, const char *what);

/* A record kept inside another one's list (an episode of care in a
 * person's "caseloads", an assignment in a plan's "assignments"): row, the
 * caller's lookup of which parent holds id (NULL when it failed; load_rc
 * says why: STORE_ENOTFOUND → "No such <what>."), names the parent in
 * parent_key; read fetches the parent through the access check and audits
 * it (e.g. svc_person_read); then the entry of its list_key whose "id" is
 * id (SVC_NOTFOUND "No such <what>." when none). *parent (owned by the
 * context) and *entry (inside it) on SVC_OK. */
typedef int (*svc_parent_read_fn)(struct svc_ctx *c, const char *id, json_t **out);
int svc_read_within(struct svc_ctx *c, json_t *row, int load_rc, const char *parent_key, svc_parent_read_fn read,
                    const char *list_key, const char *id, const char *what, json_t **parent, json_t **entry);

/* Audits a refused read of a record (action "read_denied"); logs when the
 * entry cannot be written (nothing was released). */
void svc_audit_denied(struct svc_ctx *c, const char *rtype, const char *rid, const char *person_id);
/* The same for a refused write, under its own action (e.g.
 * "decide_denied"), so the person's access log shows who tried. */
void svc_audit_refusal(struct svc_ctx *c, const char *action, const char *rtype, const char *rid,
                       const char *person_id);

#endif
