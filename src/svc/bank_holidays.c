/* Bank holidays as data (England and Wales): what the CLI and the HTTP
 * handlers share — add or remove a day, mark a year's list complete, and
 * the coverage status admins are warned about. No HTTP here. */
#include "svc/bank_holidays.h"
#include "domain/text.h"
#include "domain/dates.h"
#include "store/bank_holidays.h"
#include "svc/access.h"
#include "svc/input.h"
#include "util/clock.h"
#include "util/num.h"
#include <stdio.h>
#include <string.h>

#define NAME_MAX_LEN 100

/* Ends a change: audited in its transaction; a missing day is SVC_NOTFOUND. */
static int end_change(struct svc_ctx *c, int rc, const char *action, const char *rid)
{
    if (rc == 0) rc = svc_tx_audit(c, action, "bank_holiday", rid, NULL, NULL);
    if (rc == STORE_ENOTFOUND)
        rc = svc_not_found(c, "bank holiday");
    return svc_tx_end(c, rc);
}

/* Changes are for the system (CLI) and organisation admins; anyone else
 * is refused, audited. */
static int may_change(struct svc_ctx *c, const char *rid)
{
    if (!c->user_id || svc_role_is(c, "org_admin"))
        return SVC_OK;
    svc_audit_denied(c, "bank_holiday", rid, NULL);
    return svc_refuse(c, SVC_FORBIDDEN, NULL, "Only an organisation's admin can change the bank holidays.");
}

int svc_bank_holiday_add(struct svc_ctx *c, const char *day, const char *name)
{
    if (may_change(c, day) != SVC_OK)
        return SVC_FORBIDDEN;
    struct date d;
    struct domain_error de;
    if (date_parse(day, "date", &d, &de) != 0)
        svc_field_error(c, "date", "Enter a real date, for example 3 1 2028");
    else if (d.year < 2000 || d.year > 2100)
        svc_field_error(c, "date", "Enter a date between 2000 and 2100");
    if (!name || !*name)
        svc_field_error(c, "name", "Enter the name of the bank holiday");
    else if (strlen(name) > NAME_MAX_LEN)
        svc_field_error(c, "name", "Name must be 100 characters or fewer");
    else if (text_fault(name, strlen(name), TEXT_ONE_LINE))
        svc_field_error(c, "name", text_fault(name, strlen(name), TEXT_ONE_LINE));
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct actor by = svc_actor(c);
    int rc = svc_tx_begin(c);
    if (rc == 0) rc = bank_holidays_add(c->db, &by, day, name, &c->err);
    if (rc == STORE_ECONSTRAINT) {
        svc_field_error(c, "date", "That day is already a bank holiday");
        rc = SVC_INVALID;
    }
    return end_change(c, rc, "create", day);
}

int svc_bank_holiday_add_input(struct svc_ctx *c, json_t *in)
{
    const char *day = input_str(in, "date", svc_errors(c));
    const char *name = input_str(in, "name", svc_errors(c));
    return svc_has_errors(c) ? SVC_INVALID : svc_bank_holiday_add(c, day, name);
}

int svc_bank_holiday_remove(struct svc_ctx *c, const char *day)
{
    if (may_change(c, day) != SVC_OK)
        return SVC_FORBIDDEN;
    struct date d;
    if (date_parse(day, "date", &d, NULL) != 0)
        return svc_not_found(c, "bank holiday");
    int rc = svc_tx_begin(c);
    if (rc == 0) rc = bank_holidays_remove(c->db, day, &c->err);
    return end_change(c, rc, "delete", day);
}

int svc_bank_holiday_year_complete(struct svc_ctx *c, int year)
{
    if (may_change(c, NULL) != SVC_OK)
        return SVC_FORBIDDEN;
    if (year < 2000 || year > 2100) {
        svc_field_error(c, "year", "Enter a year between 2000 and 2100");
        return SVC_INVALID;
    }
    json_t *days = svc_own(c, bank_holidays_list(c->db, year, &c->err));
    if (!days)
        return svc_failed(c, "bank holidays");
    if (json_array_size(days) == 0) {
        svc_field_error(c, "year", "Add that year's bank holidays before marking the list complete");
        return SVC_INVALID;
    }
    char *rid = arena_printf(c->arena, "%d", year);
    struct actor by = svc_actor(c);
    int rc = svc_tx_begin(c);
    if (rc == 0) rc = bank_holidays_mark_complete(c->db, &by, year, &c->err);
    return end_change(c, rc, "complete", rid);
}

int svc_bank_holiday_year_complete_text(struct svc_ctx *c, const char *year)
{
    int y = 0;
    if (!year || strlen(year) != 4 || strspn(year, "0123456789") != 4 || num_parse_int_n(year, 4, &y) < 0)
        y = 0;
    return svc_bank_holiday_year_complete(c, y);
}

int svc_bank_holidays_list(struct svc_ctx *c, json_t **out)
{
    json_t *items = svc_own(c, bank_holidays_list(c->db, 0, &c->err));
    json_t *years = svc_own(c, items ? bank_holidays_years(c->db, &c->err) : NULL);
    json_t *status = svc_own(c, years ? svc_bank_holidays_status(c->db, &c->err) : NULL);
    if (!status)
        return svc_failed(c, "bank holidays");
    size_t i;
    json_t *y, *it;
    json_array_foreach(years, i, y)
        json_object_set_new(y, "complete", json_boolean(json_integer_value(json_object_get(y, "complete"))));
    json_array_foreach(items, i, it) {
        struct date d;
        char w[DATE_WORDS_SIZE];
        if (date_parse(json_string_value(json_object_get(it, "date")), "date", &d, NULL) == 0 &&
            date_format_words(d, w) == 0)
            json_object_set_new(it, "date_words", json_string(w));
    }
    *out = svc_own(c, json_pack("{s:O, s:O, s:O, s:n}", "items", items, "years", years, "status", status,
                                "next_cursor"));
    return SVC_OK;
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
