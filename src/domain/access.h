/* access: may this user see this person's record, and on what basis?
 *
 * Source: domain.md §2 (Leicestershire/Leeds/Nottinghamshire information
 * sharing arrangements; Caldicott principles; NHS Act 2006 s.251B duty to
 * share for direct care). The facts are gathered by one store query
 * (store/persons.c person_access_facts); the decision is this pure rule:
 *
 *   1. A legitimate relationship, unless the person objects to sharing and
 *      the user's organisation does not already hold their data → allowed,
 *      basis relationship (whether or not a break-glass grant exists too:
 *      break-glass is for those without one, domain.md §2).
 *   2. A current break-glass grant for this user and person → allowed,
 *      basis break_glass (also over an objection to sharing: emergencies).
 *   3. A relationship shut by the objection → denied (objection).
 *   4. No legitimate relationship → denied (no_relationship).
 *
 * Only ACCESS_RELATIONSHIP admits a person to a bulk export ($export):
 * break-glass opens one record in an emergency, never a population.
 *
 * A legitimate relationship is any of (within the grace period once it
 * ends): the person is on a caseload of one of the user's teams; one of the
 * user's teams holds an open referral for them; they are on the agenda of
 * an MDT meeting the user attends; the user takes part in a shared care
 * discussion about them; the user (or their team) owns an open MDT action
 * for them — and, as later workflows arrive, assessments, plan tasks and
 * discharge episodes. The query is store/persons_access.c. */
#ifndef SEAMLESS_ACCESS_H
#define SEAMLESS_ACCESS_H

struct access_facts {
    int person_exists;
    int has_relationship;
    int has_break_glass;
    int objects_to_sharing;
    int org_holds_data;   /* asked only when objects_to_sharing (0 otherwise) */
};

enum access_decision {
    ACCESS_NOT_FOUND,
    ACCESS_RELATIONSHIP,
    ACCESS_BREAK_GLASS,
    ACCESS_DENIED_NO_RELATIONSHIP,
    ACCESS_DENIED_OBJECTION,
};

enum access_decision access_decide(const struct access_facts *f);

/* Meeting attendance (domain.md §2; issue #14 item 1): attending an MDT
 * meeting grants a relationship with the people on its agenda only to
 * staff in a direct-care role (practitioner, team manager) of one of the
 * partnership's statutory organisations (council, ICB, NHS trusts, GP
 * practices). Finance, privacy, panel, board and admin accounts never gain
 * one this way, nor do care providers' or voluntary organisations' staff
 * (they take part in care through plan tasks, not meeting attendance). Only
 * accounts this rule admits may be added to a meeting as attendees. */
extern const char *const access_direct_care_roles[];
extern const int access_direct_care_role_count;
extern const char *const access_partnership_org_types[];
extern const int access_partnership_org_type_count;
int access_attendance_grants(const char *role, const char *org_type);
/* The relationship runs from this many days before the meeting's date until
 * the grace period after it. */
#define ACCESS_MEETING_LEAD_DAYS 14
int access_allowed(enum access_decision d);
/* Audit basis: "relationship", "break_glass", or NULL when denied. */
const char *access_basis(enum access_decision d);

#endif
