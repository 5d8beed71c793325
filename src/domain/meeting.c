#include "domain/meeting.h"

int meeting_outcome_check(struct date held_on, struct date today, const char *field, struct domain_error *err)
{
    if (date_compare(today, held_on) >= 0)
        return 0;
    return domain_fail(err, DOMAIN_EINVAL, field, "Record this on or after the day of the meeting");
}
