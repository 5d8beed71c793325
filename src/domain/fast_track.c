#include "domain/fast_track.h"
#include <ctype.h>
#include <string.h>

int fast_track_may_refer(const char *profession)
{
    return profession && (!strcmp(profession, "registered_nurse") || !strcmp(profession, "doctor") ||
                          !strcmp(profession, "gp"));
}

int fast_track_check(const char *profession, const char *reason, const char *date, const char *today,
                     struct domain_error *err)
{
    if (!fast_track_may_refer(profession))
        return domain_fail(err, DOMAIN_EINVAL, "profession",
                           "a Fast Track must come from a registered nurse or a doctor");
    size_t n = 0;
    for (const char *p = reason; p && *p; p++)
        n += !isspace((unsigned char)*p);
    if (n < FAST_TRACK_REASON_MIN)
        return domain_fail(err, DOMAIN_EMISSING, "reason",
                           "must describe the rapidly deteriorating condition (at least %d characters)",
                           FAST_TRACK_REASON_MIN);
    if (!date || strlen(date) != 10)
        return domain_fail(err, DOMAIN_EMISSING, "date", "is required (YYYY-MM-DD)");
    if (today && strcmp(date, today) > 0)
        return domain_fail(err, DOMAIN_EINVAL, "date", "must not be in the future");
    return DOMAIN_OK;
}
