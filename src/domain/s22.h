/* s22: the Care Act 2014 s.22 limit on councils providing health services.
 *
 * Care Act 2014 s.22:
 *  (1) a local authority may not meet needs under ss.18-20 by providing or
 *      arranging a service or facility that the NHS Act 2006 requires to be
 *      provided, unless (a) doing so is merely incidental or ancillary to
 *      doing something else to meet needs under those sections, and (b) the
 *      service is of a nature the authority could be expected to provide;
 *  (2) regulations may add further types or circumstances;
 *  (3) a local authority may not meet needs by providing or arranging
 *      nursing care by a registered nurse;
 *  (4) except that it may arrange accommodation together with such nursing
 *      care with the consent of the ICB that must fund the nursing — the
 *      nursing itself is then NHS-funded (FNC/CHC), so council *funding* of
 *      registered-nurse care is never allowed here.
 * Whether a health task is "merely incidental or ancillary" is a judgement a
 * person makes, so council funding of a health task is FLAGGED for review,
 * not refused (domain.md §9: "flag plans where the council funds a health
 * task"). A person paying towards a health task is also flagged: NHS
 * services are free at the point of use unless an enactment allows a charge
 * (NHS Act 2006 s.1(4)) — that is not s.22 but is checked in the same place.
 *
 * Verdicts by task kind x funder:
 *                      nhs      council     person    joint (NHS+council)
 *   social_care        allowed  allowed     allowed   allowed
 *   health             allowed  flagged     flagged   flagged
 *   registered_nurse   allowed  FORBIDDEN   flagged   FORBIDDEN
 * Pure: no allocation; reason strings are static. */
#ifndef SEAMLESS_S22_H
#define SEAMLESS_S22_H

#include "domain/domain_error.h"

enum s22_task_kind {
    S22_TASK_HEALTH,
    S22_TASK_SOCIAL_CARE,
    S22_TASK_REGISTERED_NURSE_CARE,
};

enum s22_funder {
    S22_FUNDER_NHS,
    S22_FUNDER_COUNCIL,
    S22_FUNDER_PERSON,
    S22_FUNDER_JOINT,   /* NHS and council share the cost */
};

/* Ordered by severity so callers can keep the worst verdict with max(). */
enum s22_verdict { S22_ALLOWED = 0, S22_FLAGGED = 1, S22_FORBIDDEN = 2 };

struct s22_result {
    enum s22_verdict verdict;
    const char *reason;      /* static text citing the rule; never NULL */
};

/* Judges one task funded by one funder. Out-of-range enums give
 * DOMAIN_EINVAL with field "kind" or "funder". */
int s22_check(enum s22_task_kind kind, enum s22_funder funder,
              struct s22_result *out, struct domain_error *err);

/* Names as the API spells them: "health", "social_care",
 * "registered_nurse_care"; "nhs", "council", "person", "joint";
 * "allowed", "flagged", "forbidden". Parsers name `field` on error. */
int s22_task_kind_parse(const char *s, const char *field,
                        enum s22_task_kind *out, struct domain_error *err);
int s22_funder_parse(const char *s, const char *field, enum s22_funder *out,
                     struct domain_error *err);
const char *s22_task_kind_name(enum s22_task_kind kind);
const char *s22_funder_name(enum s22_funder funder);
const char *s22_verdict_name(enum s22_verdict verdict);

#endif
