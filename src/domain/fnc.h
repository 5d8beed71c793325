/* fnc: NHS-funded nursing care (FNC) weekly rates as a dated table.
 *
 * Source: domain.md §7 and the rates DHSC publishes each year ("NHS-funded
 * nursing care rate", gov.uk): the ICB pays a flat weekly amount towards
 * registered-nurse care in a nursing home for people not eligible for CHC
 * (National Framework for NHS Continuing Healthcare and NHS-funded Nursing
 * Care, 2022). The higher band is the legacy rate kept for people who were
 * on the old high band in 2007 and still qualify for it.
 *
 *   in force from   standard   higher      (pence per week)
 *   2024-04-01      23588      32450
 *   2025-04-01      25406      34950
 *   2026-04-01      26768      36824
 *
 * A rate stays in force until the next one starts, so a date after the last
 * row gets the last row's rate (a new year's rate must be added here when
 * DHSC announces it; fnc_latest_from() lets callers warn). A date before the
 * first row is an error, never a silent default. Pure: no allocation. */
#ifndef SEAMLESS_FNC_H
#define SEAMLESS_FNC_H

#include <stdint.h>
#include "domain/dates.h"
#include "domain/domain_error.h"

enum fnc_band { FNC_BAND_STANDARD, FNC_BAND_HIGHER };

struct fnc_rate {
    struct date from;          /* first day in force */
    int64_t standard_pence;    /* per week */
    int64_t higher_pence;      /* per week */
};

/* Weekly rate for band on date `on`. DOMAIN_EINVAL naming `field` when `on`
 * is before the first rate in the table, or band is not a band ("band"). */
int fnc_weekly_rate(struct date on, enum fnc_band band, const char *field,
                    int64_t *pence, struct domain_error *err);
/* The table row in force on `on`, or NULL before the first row. */
const struct fnc_rate *fnc_rate_in_force(struct date on);
/* The start date of the newest row. */
struct date fnc_latest_from(void);
/* "standard" / "higher" <-> enum; parse errors name field. */
MUST_CHECK int fnc_band_parse(const char *s, const char *field, enum fnc_band *out,
                   struct domain_error *err);
const char *fnc_band_name(enum fnc_band band);

/* Where the person lives when FNC is decided. FNC is paid only for a person
 * living in a care home with nursing (registered to provide nursing care);
 * never for someone at home, in a care home without nursing or in hospital
 * (National Framework 2022, FNC; domain.md §7; issue #14 item 6). */
enum fnc_residence {
    FNC_RESIDENCE_CARE_HOME_WITH_NURSING,
    FNC_RESIDENCE_CARE_HOME_WITHOUT_NURSING,
    FNC_RESIDENCE_OWN_HOME,
    FNC_RESIDENCE_HOSPITAL,
};
/* "care_home_with_nursing" | "care_home_without_nursing" | "own_home" |
 * "hospital"; errors name field. */
MUST_CHECK int fnc_residence_parse(const char *s, const char *field, enum fnc_residence *out, struct domain_error *err);
/* 0 when FNC may be paid for a person living there; DOMAIN_EINVAL naming
 * field ("Choose FNC only for a person living in a care home with nursing")
 * otherwise. */
int fnc_residence_check(enum fnc_residence r, const char *field, struct domain_error *err);

#endif
