/* dates: civil dates, working days, RFC 3339 timestamps, the CHC 28-day clock.
 *
 * Pure: no clock, no I/O, no allocation, no mutable globals. "Today" and
 * "now" are always arguments. Results go into caller-provided values.
 *
 * Civil dates are proleptic Gregorian (every 4th year is leap, except
 * centuries, except every 400th: 2000 leap, 2100 not), years 0001..9999 — the
 * range "YYYY-MM-DD" can spell. A day number is days since 1970-01-01 (int32;
 * 1969-12-31 is -1). Functions that take a `struct date` assume it is valid
 * (date_is_valid) unless they say they check; the parsers only ever produce
 * valid dates.
 *
 * Working days (England and Wales): Monday to Friday except bank holidays.
 * The built-in table holds the England and Wales bank holidays for 2024-2027
 * as published by the UK Government (gov.uk/bank-holidays; Banking and
 * Financial Dealings Act 1971 and royal proclamation): New Year's Day, Good
 * Friday, Easter Monday, early May (first Monday), spring (last Monday of May),
 * summer (last Monday of August), Christmas Day, Boxing Day; when Christmas or
 * Boxing Day falls at a weekend the substitute is the next weekday not already
 * a holiday. Callers may add holidays (a later year, a one-off royal holiday)
 * through `struct date_holidays`, which they own. A working-day function that
 * must look at a year no table covers fails with DOMAIN_ERANGE (field
 * "holidays") instead of guessing.
 *
 * Timestamps are int64 seconds since 1970-01-01T00:00:00Z (no leap seconds).
 *
 * Errors: see domain/domain_error.h. Parsers take the API field name so the
 * error names it (e.g. "date_of_birth"). */
#ifndef SEAMLESS_DATES_H
#define SEAMLESS_DATES_H

#include <stddef.h>
#include <stdint.h>
#include "domain/domain_error.h"

struct date {
    int year;   /* 1..9999 */
    int month;  /* 1..12 */
    int day;    /* 1..days in month */
};

#define DATE_STR_SIZE 11      /* "YYYY-MM-DD" + NUL */
#define TIMESTAMP_STR_SIZE 21 /* "YYYY-MM-DDTHH:MM:SSZ" + NUL */
#define DATE_MIN_YEAR 1
#define DATE_MAX_YEAR 9999
#define DATE_MIN_DAYS (-719162)  /* 0001-01-01 */
#define DATE_MAX_DAYS 2932896    /* 9999-12-31 */

/* ISO 8601 weekday numbers. */
enum weekday {
    WEEKDAY_MONDAY = 1, WEEKDAY_TUESDAY, WEEKDAY_WEDNESDAY, WEEKDAY_THURSDAY,
    WEEKDAY_FRIDAY, WEEKDAY_SATURDAY, WEEKDAY_SUNDAY,
};

/* ---- Civil dates ---- */

int date_is_leap_year(int year);
/* 28..31; 0 when month is out of 1..12. */
int date_days_in_month(int year, int month);
/* 1 when d is a real date in 0001-01-01..9999-12-31. */
int date_is_valid(struct date d);

/* Parses exactly "YYYY-MM-DD" (ASCII digits, no spaces, nothing after).
 * Rejects impossible dates (2025-02-29, month 13, day 0) and year 0000.
 * On failure returns DOMAIN_EMISSING (NULL or empty s) or DOMAIN_EINVAL and
 * names `field` in err; *out is untouched. */
MUST_CHECK int date_parse(const char *s, const char *field, struct date *out,
               struct domain_error *err);
/* s as a date, or dflt when s is NULL or not a date: for values validated
 * on their way into the store (or the clock's own "today"), where a bad one
 * is a bug to survive, not input to report. */
struct date date_parse_or(const char *s, struct date dflt);
/* Writes "YYYY-MM-DD" into out (DATE_STR_SIZE bytes). Returns 0, or -1 and
 * writes "" when d is not valid. */
int date_format(struct date d, char out[DATE_STR_SIZE]);
/* "2 December 2026" (NHS.UK style: no leading zero, full month) for pages.
 * Returns 0, or -1 and "" for an invalid date. */
#define DATE_LONG_SIZE 24
int date_format_long(struct date d, char out[DATE_LONG_SIZE]);

/* "2 December 2026", as people read a date on a page (NHS.UK style).
 * Returns 0, or -1 and "" when d is not valid. */
#define DATE_WORDS_SIZE 20
int date_format_words(struct date d, char out[DATE_WORDS_SIZE]);

/* Days since 1970-01-01. d must be valid. */
int32_t date_to_days(struct date d);
/* The date of a day number; days must be within DATE_MIN_DAYS..DATE_MAX_DAYS
 * (outside that the result is not valid — check with date_is_valid). */
struct date date_from_days(int32_t days);
/* d + n calendar days. Returns 0, or DOMAIN_ERANGE (field "date") when the
 * result would leave 0001..9999. */
int date_add_days(struct date d, int32_t n, struct date *out,
                  struct domain_error *err);
/* d + n calendar months (n may be negative), the day clamped to the end of
 * a shorter month: 2026-11-30 + 3 months = 2027-02-28, 2027-11-29 + 3 =
 * 2028-02-29, 2026-01-31 + 1 = 2026-02-28. DOMAIN_ERANGE (field "date")
 * outside 0001..9999. */
int date_add_months(struct date d, int32_t n, struct date *out,
                    struct domain_error *err);
/* <0, 0, >0 like strcmp. */
int date_compare(struct date a, struct date b);
/* Completed years from dob to on (a birthday on 29 February counts on 1
 * March in other years); negative when on is before dob. */
int date_age_years(struct date dob, struct date on);
/* The UK financial year (1 April to 31 March) and its quarter that d falls
 * in, as NHS measures report them (issue #14 item 16): April-June is Q1,
 * July-September Q2, October-December Q3, January-March Q4 of the year
 * that began the April before. *fy_start is that April's year. */
void date_financial_quarter(struct date d, int *fy_start, int *quarter);
/* b - a in days (positive when b is later). */
int32_t date_diff_days(struct date a, struct date b);
enum weekday date_weekday(struct date d);
/* Easter Sunday (Western, Gregorian computus) of year 1583..9999; a zero
 * date {0,0,0} otherwise. Used to check the bank-holiday table. */
struct date date_easter_sunday(int year);

/* ---- Working days ---- */

/* Extra holidays supplied by the caller, who owns the array. `days` are day
 * numbers (date_to_days), strictly ascending. [first_year, last_year] are the
 * years this list covers completely (set both 0 when it covers no whole
 * year; the built-in table still applies). `no_builtin` = 1 drops the
 * built-in England and Wales table (e.g. for another calendar). A NULL
 * `const struct date_holidays *` means the built-in table only. */
struct date_holidays {
    const int32_t *days;
    size_t count;
    int first_year, last_year;
    int no_builtin;
    /* 1: a year no table covers counts Monday-Friday minus the holidays
     * known there, instead of failing with DOMAIN_ERANGE. For callers that
     * must never refuse (a referral's due time): they say the result is an
     * estimate when date_holidays_cover() is 0 for a year they touched. */
    int estimate_uncovered;
};

#define DATES_BUILTIN_FIRST_YEAR 2024
#define DATES_BUILTIN_LAST_YEAR 2027

/* Checks the caller's list: strictly ascending, valid day numbers, sane
 * years. DOMAIN_EINVAL with field "holidays" otherwise. */
int date_holidays_check(const struct date_holidays *h, struct domain_error *err);
/* The built-in table: count entries of ascending day numbers. */
const int32_t *date_builtin_holidays(size_t *count);
/* 1 when the tables in force cover year (so holidays there are known). */
int date_holidays_cover(const struct date_holidays *h, int year);
/* 1 when d is a bank holiday in the tables in force (built-in + extra). */
int date_is_holiday(const struct date_holidays *h, struct date d);
/* *out = 1 when d is Monday-Friday and not a holiday, else 0.
 * DOMAIN_ERANGE (field "holidays") when no table covers d's year. */
int date_is_working_day(const struct date_holidays *h, struct date d, int *out,
                        struct domain_error *err);
/* Steps from start one calendar day at a time, counting only working days,
 * until n have been counted; n = 0 gives start itself (working day or not),
 * negative n steps backwards. So "10 working days after Friday 2026-12-18"
 * is 2027-01-06 (skips 25 and 28 Dec, 1 Jan). DOMAIN_ERANGE when a year on
 * the way is not covered. */
int date_add_working_days(const struct date_holidays *h, struct date start,
                          int32_t n, struct date *out, struct domain_error *err);
/* Working days d with from < d <= to (from excluded, to included), so that
 * date_add_working_days(from, n) == to implies n == count when to is a
 * working day. Negative when to < from (counts to < d <= from, negated). */
int date_count_working_days(const struct date_holidays *h, struct date from,
                            struct date to, int32_t *out,
                            struct domain_error *err);

/* ---- Timestamps (RFC 3339) ---- */

#define TIMESTAMP_MIN INT64_C(-62135596800) /* 0001-01-01T00:00:00Z */
#define TIMESTAMP_MAX INT64_C(253402300799) /* 9999-12-31T23:59:59Z */

/* Parses an RFC 3339 date-time: "YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)"
 * ('T' or 't', 'Z' or 'z'). Fractional seconds (1-9 digits) are truncated;
 * an offset is applied to give UTC. Leap second :60 is rejected, as is a
 * result outside 0001..9999 UTC. Errors name `field`. */
MUST_CHECK int timestamp_parse(const char *s, const char *field, int64_t *out,
                    struct domain_error *err);
/* s as a timestamp, or dflt (as date_parse_or). */
int64_t timestamp_parse_or(const char *s, int64_t dflt);
/* Writes "YYYY-MM-DDTHH:MM:SSZ". Returns 0, or -1 and "" when t is outside
 * TIMESTAMP_MIN..TIMESTAMP_MAX. */
int timestamp_format(int64_t t, char out[TIMESTAMP_STR_SIZE]);
/* The UTC calendar date of t (t within range). */
struct date timestamp_utc_date(int64_t t);
/* The civil date in England (Europe/London: GMT, or BST = UTC+1 from 01:00
 * UTC on the last Sunday of March to 01:00 UTC on the last Sunday of
 * October, Summer Time Order 2002). Used to decide which working day a
 * referral arrived on. t within range. */
struct date timestamp_uk_date(int64_t t);
/* Seconds UK time is ahead of UTC at t: 3600 in British Summer Time, else 0. */
int timestamp_uk_offset(int64_t t);
/* "23 November 2026 at 14:05" in UK time, for pages. Returns 0, or -1 and "". */
#define TIMESTAMP_UK_SIZE 32
int timestamp_format_uk(int64_t t, char out[TIMESTAMP_UK_SIZE]);

/* ---- CHC 28-day clock ----
 * National Framework for NHS Continuing Healthcare and NHS-funded Nursing
 * Care (2022) and
 * the NHS England CHC standard: the ICB should decide eligibility within 28
 * calendar days of receiving the positive Checklist (or referral).
 * Definitions pinned here:
 *   day 0       = the day the ICB received it (received);
 *   due         = received + 28 calendar days;
 *   days_elapsed= (decided ? decided : today) - received;
 *   days_left   = due - today (negative once past due; when decided, due - decided);
 *   status, undecided: breached when today > due (day 29 on);
 *                      at_risk when 0 <= days_left <= 7 (day 21 to day 28);
 *                      on_time otherwise (day 0 to day 20);
 *   status, decided:   on_time when decided <= due, else breached;
 *   within_28_days = decided and decided - received <= 28. */
enum chc_clock_status { CHC_CLOCK_ON_TIME, CHC_CLOCK_AT_RISK, CHC_CLOCK_BREACHED };

#define CHC_CLOCK_DAYS 28
#define CHC_CLOCK_AT_RISK_DAYS 7

struct chc_clock {
    int32_t days_elapsed;
    struct date due;
    int32_t days_left;
    enum chc_clock_status status;
    int decided;          /* 1 when a decision date was given */
    int within_28_days;   /* 1 when decided on or before due */
};

/* decided may be NULL (no decision yet). Errors: "received_date" after
 * today (DOMAIN_EINVAL); "decision_date" before received or after today. */
int chc_clock_compute(struct date received, struct date today,
                      const struct date *decided, struct chc_clock *out,
                      struct domain_error *err);
/* "on_time", "at_risk", "breached". */
const char *chc_clock_status_name(enum chc_clock_status s);

#endif
