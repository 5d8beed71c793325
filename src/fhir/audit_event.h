/* fhir/audit_event: the audit log as AuditEvent (base R4; UK Core has no
 * AuditEvent profile), read-only, for privacy officers only — the entries
 * made by users of the officer's own organisation, through the audit
 * viewer's service (svc/audit_view.h), so the log has one reader and
 * reading it is itself audited.
 *
 * One entry → one AuditEvent: id = the entry's sequence number; type rest;
 * action C/R/U/D/E from Seamless's action (create; read, search; update
 * and the workflow steps; delete; anything else E) with the action word as
 * subtype; recorded = when; outcome 0, or 4 for a refusal (read_denied);
 * the user as the requesting agent (Practitioner/<id>, with the role and
 * organisation), or the system; the access basis as purposeOfEvent
 * (relationship → TREAT, break_glass → ETREAT, otherwise the basis word);
 * the record as an entity (Patient, ServiceRequest, Encounter, CareTeam …
 * where FHIR serves its type, else its type and id in words) and the person
 * as a second entity (role Patient). An entry of a list read that released
 * several people says how many in the entity's description. */
#ifndef SEAMLESS_FHIR_AUDIT_EVENT_H
#define SEAMLESS_FHIR_AUDIT_EVENT_H
#include <jansson.h>

/* Seamless's action words (subtype), under the server's FHIR base. */
#define FHIR_AUDIT_ACTION_CS "/CodeSystem/audit-action"

/* A new AuditEvent (caller owns) from an audit viewer item; base is the
 * server's FHIR base (fhir_base). */
json_t *fhir_audit_event_from_entry(json_t *entry, const char *base);

#endif
