/* fhir/care_team: teams and caseloads as CareTeam (base R4: UK Core has no
 * CareTeam profile).
 *  - A team (id = the team's id): category "team", its name, the
 *    organisation as managingOrganization, its members as participants
 *    (Practitioner references, their role in words), identifier
 *    FHIR_TEAM_ID|id (as a ServiceRequest's performer names it). From the
 *    staff directory (svc/accounts.h), readable by any member of staff.
 *  - A caseload entry (id = the entry's id, as its EpisodeOfCare): category
 *    "caseload", the person as subject, the team as participant
 *    (CareTeam/<team id>), opened to closed as period, status active or
 *    inactive; through the person's audited read (svc/access.h), its
 *    meta.versionId the person record's.
 * Read either by id; search by patient (their caseloads; status), or the
 * teams (participant=Practitioner/<id>: a member's teams; _count). */
#ifndef SEAMLESS_FHIR_CARE_TEAM_H
#define SEAMLESS_FHIR_CARE_TEAM_H
#include <jansson.h>

/* A team CareTeam (caller owns) from a team row (accounts_team_get) and the
 * staff directory (svc_staff_directory: its members are picked out). */
json_t *fhir_care_team_from_team(json_t *team, json_t *staff);
/* A caseload CareTeam (caller owns) for caseload entry c of person p. */
json_t *fhir_care_team_from_caseload(json_t *p, json_t *c);

#endif
