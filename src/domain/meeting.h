/* meeting: rules for locality MDT meetings (domain.md §5).
 *
 * Outcomes — agenda notes, decisions, actions and a shared care
 * discussion's decision — are recorded only on or after the meeting's date
 * (issue #14 item 8: a meeting cannot have outcomes before it happens).
 * "Today" is given by the caller (the one clock, util/clock.h). Pure. */
#ifndef SEAMLESS_MEETING_H
#define SEAMLESS_MEETING_H
#include "domain/dates.h"
#include "domain/domain_error.h"

/* 0 when an outcome may be recorded today for a meeting held on held_on;
 * DOMAIN_EINVAL naming field otherwise. */
int meeting_outcome_check(struct date held_on, struct date today, const char *field, struct domain_error *err);

#endif
