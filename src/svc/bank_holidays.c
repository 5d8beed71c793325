/* Bank holidays as data (England and Wales): what the CLI and the HTTP
 * handlers share — add or remove a day, mark a year's list complete, and
 * the coverage status admins are warned about. No HTTP here. */
#include "svc/bank_holidays.h"
#include "domain/dates.h"
#include "store/bank_holidays.h"
#include "util/clock.h"
#include <stdio.h>
#include <string.h>

#define NAME_MAX_LEN 100

/* One write: begin → change → audit → commit; SVC_* result. */
static int write_tx(const struct svc_ctx *c, int (*change)(const struct svc_ctx *, const void *, struct store_error *),
                    const void *arg, const char *action, const char *rid)
{
    struct store_error err = {0};
    int rc = store_tx_begin(c->db, STORE_TX_WRITE, &err);
    if (rc == 0)
        rc = change(c, arg, &err);
    if (rc == 0)
        rc = svc_audit(c, action, "bank_holiday", rid, NULL, c->user_id ? "admin" : "system", &err);
    if (rc == 0 && store_tx_commit(c->db, &err) == 0)
        return SVC_OK;
    store_tx_rollback(c->db);
    if (rc == STORE_ECONSTRAINT)
        return SVC_CONFLICT;
    return rc == STORE_ENOTFOUND ? SVC_NOTFOUND : SVC_FAILED;
}

struct add_arg {
    const char *day, *name;
};

static int add_change(const struct svc_ctx *c, const void *arg, struct store_error *err)
{
    const struct add_arg *a = arg;
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {c->user_id, now};
    return bank_holidays_add(c->db, &by, a->day, a->name, err);
}

int svc_bank_holiday_add(const struct svc_ctx *c, const char *day, const char *name, json_t *errors)
{
    struct date d;
    struct domain_error de;
    if (date_parse(day, "date", &d, &de) != 0)
        svc_error_add(errors, "date", "Enter a real date, for example 2028-01-03");
    else if (d.year < 2000 || d.year > 2100)
        svc_error_add(errors, "date", "Enter a date between 2000 and 2100");
    if (!name || !*name)
        svc_error_add(errors, "name", "Enter the name of the bank holiday");
    else if (strlen(name) > NAME_MAX_LEN)
        svc_error_add(errors, "name", "Name must be 100 characters or fewer");
    if (json_array_size(errors))
        return SVC_INVALID;
    struct add_arg a = {day, name};
    int rc = write_tx(c, add_change, &a, "create", day);
    if (rc == SVC_CONFLICT)
        svc_error_add(errors, "date", "That day is already a bank holiday");
    return rc == SVC_CONFLICT ? SVC_INVALID : rc;
}

static int remove_change(const struct svc_ctx *c, const void *arg, struct store_error *err)
{
    return bank_holidays_remove(c->db, arg, err);
}

int svc_bank_holiday_remove(const struct svc_ctx *c, const char *day)
{
    struct date d;
    if (date_parse(day, "date", &d, NULL) != 0)
        return SVC_NOTFOUND;
    return write_tx(c, remove_change, day, "delete", day);
}

static int complete_change(const struct svc_ctx *c, const void *arg, struct store_error *err)
{
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {c->user_id, now};
    return bank_holidays_mark_complete(c->db, &by, *(const int *)arg, err);
}

int svc_bank_holiday_year_complete(const struct svc_ctx *c, int year, json_t *errors)
{
    if (year < 2000 || year > 2100) {
        svc_error_add(errors, "year", "Enter a year between 2000 and 2100");
        return SVC_INVALID;
    }
    struct store_error err = {0};
    json_t *days = bank_holidays_list(c->db, year, &err);
    if (!days)
        return SVC_FAILED;
    size_t n = json_array_size(days);
    json_decref(days);
    if (n == 0) {
        svc_error_add(errors, "year", "Add that year's bank holidays before marking the list complete");
        return SVC_INVALID;
    }
    char rid[16];
    snprintf(rid, sizeof rid, "%d", year);
    return write_tx(c, complete_change, &year, "complete", rid);
}

json_t *svc_bank_holidays_status(struct store *db, struct store_error *err)
{
    struct bank_holiday_calendar cal;
    if (bank_holidays_calendar(db, &cal, err) != 0)
        return NULL;
    char today_s[11];
    clock_today(today_s);
    struct date today;
    if (date_parse(today_s, "today", &today, NULL) != 0)
        return NULL;
    json_t *st = json_object();
    if (cal.last_year == 0) {
        json_object_set_new(st, "covered_until", json_null());
        json_object_set_new(st, "warning", json_string("No bank holidays are loaded: due times count weekends "
                                                       "only until an admin adds them."));
        return st;
    }
    struct date until = {cal.last_year, 12, 31}, from = {cal.first_year, 1, 1};
    char until_s[DATE_STR_SIZE], from_s[DATE_STR_SIZE], until_w[DATE_WORDS_SIZE];
    date_format(until, until_s);
    date_format(from, from_s);
    date_format_words(until, until_w);
    json_object_set_new(st, "covered_from", json_string(from_s));
    json_object_set_new(st, "covered_until", json_string(until_s));
    json_object_set_new(st, "covered_until_words", json_string(until_w));
    int32_t left = date_diff_days(today, until);
    json_object_set_new(st, "days_left", json_integer(left));
    char msg[300];
    if (left < 0)
        snprintf(msg, sizeof msg, "Bank holidays are only loaded up to %s. Add the %d bank holidays now: until "
                 "then, due times count weekends only and are marked as estimates.", until_w, cal.last_year + 1);
    else if (left <= BANK_HOLIDAYS_WARN_DAYS)
        snprintf(msg, sizeof msg, "Bank holidays are loaded up to %s. Add the %d bank holidays (from "
                 "gov.uk/bank-holidays) before then.", until_w, cal.last_year + 1);
    else
        msg[0] = '\0';
    json_object_set_new(st, "warning", msg[0] ? json_string(msg) : json_null());
    return st;
}
