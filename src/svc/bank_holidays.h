/* Bank holidays as data: the service the CLI and the HTTP handlers share.
 * Results are SVC_* (svc/result.h); errors name the field ("date", "name",
 * "year") in plain English. Every change is audited (resource
 * "bank_holiday"). */
#ifndef SEAMLESS_SVC_BANK_HOLIDAYS_H
#define SEAMLESS_SVC_BANK_HOLIDAYS_H
#include "svc/svc.h"

/* Admins are warned this many days before the loaded years run out. */
#define BANK_HOLIDAYS_WARN_DAYS 183

int svc_bank_holiday_add(const struct svc_ctx *c, const char *day, const char *name, json_t *errors);
int svc_bank_holiday_remove(const struct svc_ctx *c, const char *day);
/* A year is complete once all its holidays are in (422 "year" when none are). */
int svc_bank_holiday_year_complete(const struct svc_ctx *c, int year, json_t *errors);
/* {covered_from, covered_until, covered_until_words, days_left, warning}:
 * warning is a sentence for admins, or null while more than
 * BANK_HOLIDAYS_WARN_DAYS remain. NULL on a store error. */
json_t *svc_bank_holidays_status(struct store *db, struct store_error *err);

#endif
