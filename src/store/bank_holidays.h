/* bank_holidays: England and Wales bank holidays as data (migration 014).
 *
 * The working-day rules (referral due times, KPIs, dispute deadlines) take
 * their holidays from here rather than from a table compiled into the
 * binary, so an admin adds a new year's list (CLI or page) without a new
 * release. A year is *complete* once its whole list has been loaded and
 * marked so; holidays in other years still count, but dates there are only
 * estimated (see date_holidays.estimate_uncovered in domain/dates.h).
 *
 * Coverage is the run of consecutive complete years that ends at the
 * latest complete year (a gap before it ends the run). Writes expect the
 * caller's transaction; the calendar is a plain value the caller owns. */
#ifndef SEAMLESS_BANK_HOLIDAYS_STORE_H
#define SEAMLESS_BANK_HOLIDAYS_STORE_H
#include <jansson.h>
#include <stdint.h>
#include "domain/dates.h"
#include "store/accounts.h"

#define BANK_HOLIDAYS_MAX 2048

struct bank_holiday_calendar {
    int32_t days[BANK_HOLIDAYS_MAX];   /* day numbers, ascending */
    size_t count;
    int first_year, last_year;         /* the covered run; both 0 when none */
};

/* Loads every holiday and the covered run. */
int bank_holidays_calendar(struct store *db, struct bank_holiday_calendar *cal, struct store_error *err);
/* The domain's view of cal: the database's list only (no built-in table);
 * estimate = 1 lets uncovered years count weekends and known days only. */
struct date_holidays bank_holidays_domain(const struct bank_holiday_calendar *cal, int estimate);
/* 1 when every year from `from` to `to` (inclusive) is covered. */
int bank_holidays_cover_range(const struct bank_holiday_calendar *cal, int from, int to);

/* [{date, name}] ascending; year > 0 limits to that year. */
json_t *bank_holidays_list(struct store *db, int year, struct store_error *err);
/* [{year, complete, holidays}] for every year with a holiday or marked
 * complete, ascending. */
json_t *bank_holidays_years(struct store *db, struct store_error *err);
/* STORE_ECONSTRAINT when the day is already a holiday. */
int bank_holidays_add(struct store *db, const struct actor *by, const char *day, const char *name,
                      struct store_error *err);
/* STORE_ENOTFOUND when the day is not a holiday. */
int bank_holidays_remove(struct store *db, const char *day, struct store_error *err);
/* Marks year complete (idempotent). */
int bank_holidays_mark_complete(struct store *db, const struct actor *by, int year, struct store_error *err);

#endif
