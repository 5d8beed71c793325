/* Bank holidays as data: the service the CLI, the JSON API and the admin
 * page share. Results are SVC_* (svc/result.h); field errors (in
 * c->errors) name "date", "name" or "year" in plain English. Every change
 * is audited (resource "bank_holiday", basis "admin" or "system"); a
 * refused change stores nothing. Changes are for organisation admins and
 * the system (CLI): anyone else is refused (SVC_FORBIDDEN, audited). */
#ifndef SEAMLESS_SVC_BANK_HOLIDAYS_H
#define SEAMLESS_SVC_BANK_HOLIDAYS_H
#include "svc/svc.h"

/* Admins are warned this many days before the loaded years run out. */
#define BANK_HOLIDAYS_WARN_DAYS 183

/* A day of 2000-2100 not yet a holiday (SVC_INVALID naming "date" when it
 * is) and a name of at most 100 characters. */
int svc_bank_holiday_add(struct svc_ctx *c, const char *day, const char *name);
/* The same from a decoded body or form: {date: "YYYY-MM-DD", name}. */
int svc_bank_holiday_add_input(struct svc_ctx *c, json_t *in);
/* SVC_NOTFOUND when the day is not a holiday. */
int svc_bank_holiday_remove(struct svc_ctx *c, const char *day);
/* A year is complete once all its holidays are in (422 "year" when none are). */
int svc_bank_holiday_year_complete(struct svc_ctx *c, int year);
/* The same for a year as typed ("2028"); anything else names "year". */
int svc_bank_holiday_year_complete_text(struct svc_ctx *c, const char *year);
/* {items: [{date, name, date_words}], years: [{year, complete (boolean),
 * holidays}], status (as below), next_cursor: null}, owned by the context. */
int svc_bank_holidays_list(struct svc_ctx *c, json_t **out);
/* {covered_from, covered_until, covered_until_words, days_left, warning}:
 * warning is a sentence for admins, or null while more than
 * BANK_HOLIDAYS_WARN_DAYS remain. NULL on a store error. */
json_t *svc_bank_holidays_status(struct store *db, struct store_error *err);

#endif
