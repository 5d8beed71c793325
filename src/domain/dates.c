/* dates: see dates.h for the contract. Day-number conversions follow Howard
 * Hinnant's public-domain "chrono-compatible low-level date algorithms"
 * (eras of 400 years, March-based years), exact for the whole 0001..9999. */
#include "domain/dates.h"
#include <stdio.h>
#include <string.h>

int date_is_leap_year(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int date_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    if (month == 2 && date_is_leap_year(year))
        return 29;
    return days[month - 1];
}

int date_is_valid(struct date d)
{
    return d.year >= DATE_MIN_YEAR && d.year <= DATE_MAX_YEAR &&
           d.month >= 1 && d.month <= 12 &&
           d.day >= 1 && d.day <= date_days_in_month(d.year, d.month);
}

int date_format_words(struct date d, char out[DATE_WORDS_SIZE])
{
    static const char *const months[] = {"January", "February", "March", "April", "May", "June", "July",
                                         "August", "September", "October", "November", "December"};
    if (!date_is_valid(d)) {
        out[0] = '\0';
        return -1;
    }
    snprintf(out, DATE_WORDS_SIZE, "%d %s %d", d.day, months[d.month - 1], d.year);
    return 0;
}

int32_t date_to_days(struct date d)
{
    /* 64-bit throughout: a date outside 0001..9999 (never valid, but a
     * caller's unchecked one) must not overflow (UBSan, make e2e-asan). */
    int64_t y = (int64_t)d.year - (d.month <= 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;                                /* 0..399 */
    int64_t mp = (d.month + 9) % 12;                            /* Mar = 0 */
    int64_t doy = (153 * mp + 2) / 5 + d.day - 1;               /* 0..365 */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;        /* 0..146096 */
    return (int32_t)(era * 146097 + doe - 719468);
}

struct date date_from_days(int32_t days)
{
    int64_t z = (int64_t)days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    struct date d;
    d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
    d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
    d.year = (int)(yoe + era * 400 + (d.month <= 2));
    return d;
}

static int two_digits(const char *s)
{
    if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
        return -1;
    return (s[0] - '0') * 10 + (s[1] - '0');
}

/* Reads "YYYY-MM-DD" at s without looking past s[9]; -1 on bad shape. */
static int scan_date(const char *s, struct date *d)
{
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) {
            if (s[i] != '-')
                return -1;
        } else if (s[i] < '0' || s[i] > '9') {
            return -1;
        }
    }
    d->year = two_digits(s) * 100 + two_digits(s + 2);
    d->month = two_digits(s + 5);
    d->day = two_digits(s + 8);
    return 0;
}

int date_parse(const char *s, const char *field, struct date *out,
               struct domain_error *err)
{
    if (!s || !*s)
        return domain_fail(err, DOMAIN_EMISSING, field, "is required");
    size_t n = strnlen(s, 11);
    struct date d;
    if (n != 10 || scan_date(s, &d) != 0)
        return domain_fail(err, DOMAIN_EINVAL, field,
                           "must be a date written YYYY-MM-DD");
    if (d.year < DATE_MIN_YEAR)
        return domain_fail(err, DOMAIN_EINVAL, field, "year 0000 does not exist");
    if (d.month < 1 || d.month > 12)
        return domain_fail(err, DOMAIN_EINVAL, field,
                           "month must be 01 to 12");
    if (d.day < 1 || d.day > date_days_in_month(d.year, d.month))
        return domain_fail(err, DOMAIN_EINVAL, field,
                           "day %02d does not exist in %04d-%02d", d.day,
                           d.year, d.month);
    *out = d;
    return DOMAIN_OK;
}

/* Writes v (>= 0) as exactly width decimal digits, zero-padded. */
static void put_digits(char *out, int v, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        out[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

int date_format(struct date d, char out[DATE_STR_SIZE])
{
    if (!date_is_valid(d)) {
        out[0] = '\0';
        return -1;
    }
    put_digits(out, d.year, 4);
    out[4] = '-';
    put_digits(out + 5, d.month, 2);
    out[7] = '-';
    put_digits(out + 8, d.day, 2);
    out[10] = '\0';
    return 0;
}

int date_add_days(struct date d, int32_t n, struct date *out,
                  struct domain_error *err)
{
    int64_t t = (int64_t)date_to_days(d) + n;
    if (t < DATE_MIN_DAYS || t > DATE_MAX_DAYS)
        return domain_fail(err, DOMAIN_ERANGE, "date",
                           "is outside the years 0001 to 9999");
    *out = date_from_days((int32_t)t);
    return DOMAIN_OK;
}

int date_add_months(struct date d, int32_t n, struct date *out,
                    struct domain_error *err)
{
    int64_t m = (int64_t)d.year * 12 + (d.month - 1) + n;
    if (m < (int64_t)DATE_MIN_YEAR * 12 || m > (int64_t)DATE_MAX_YEAR * 12 + 11)
        return domain_fail(err, DOMAIN_ERANGE, "date",
                           "is outside the years 0001 to 9999");
    struct date r = {(int)(m / 12), (int)(m % 12) + 1, d.day};
    int last = date_days_in_month(r.year, r.month);
    if (r.day > last)
        r.day = last;
    *out = r;
    return DOMAIN_OK;
}

int date_compare(struct date a, struct date b)
{
    if (a.year != b.year)
        return a.year < b.year ? -1 : 1;
    if (a.month != b.month)
        return a.month < b.month ? -1 : 1;
    if (a.day != b.day)
        return a.day < b.day ? -1 : 1;
    return 0;
}

int32_t date_diff_days(struct date a, struct date b)
{
    return date_to_days(b) - date_to_days(a);
}

static enum weekday weekday_of_days(int32_t days)
{
    /* 1970-01-01 was a Thursday (ISO 4). */
    int64_t w = ((int64_t)days + 3) % 7;
    if (w < 0)
        w += 7;
    return (enum weekday)(w + 1);
}

enum weekday date_weekday(struct date d)
{
    return weekday_of_days(date_to_days(d));
}

struct date date_easter_sunday(int year)
{
    /* Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
    struct date e = {0, 0, 0};
    if (year < 1583 || year > DATE_MAX_YEAR)
        return e;
    int a = year % 19, b = year / 100, c = year % 100;
    int d = b / 4, f = b % 4, g = (b + 8) / 25, h = (b - g + 1) / 3;
    int k = (19 * a + b - d - h + 15) % 30;
    int i = c / 4, l = c % 4;
    int m = (32 + 2 * f + 2 * i - k - l) % 7;
    int q = (a + 11 * k + 22 * m) / 451;
    e.year = year;
    e.month = (k + m - 7 * q + 114) / 31;
    e.day = (k + m - 7 * q + 114) % 31 + 1;
    return e;
}

/* ---- Working days ---- */

/* England and Wales bank holidays 2024-2027 (gov.uk/bank-holidays), as day
 * numbers since 1970-01-01. tests/unit/test_dates.c rebuilds each year from
 * the rules (Easter computus, first/last Mondays, substitute days) and
 * checks it against this table. */
static const int32_t builtin_holidays[] = {
    /* 2024: Jan 1, Mar 29, Apr 1, May 6, May 27, Aug 26, Dec 25, Dec 26 */
    19723, 19811, 19814, 19849, 19870, 19961, 20082, 20083,
    /* 2025: Jan 1, Apr 18, Apr 21, May 5, May 26, Aug 25, Dec 25, Dec 26 */
    20089, 20196, 20199, 20213, 20234, 20325, 20447, 20448,
    /* 2026: Jan 1, Apr 3, Apr 6, May 4, May 25, Aug 31, Dec 25,
     *       Dec 28 (substitute for Boxing Day, a Saturday) */
    20454, 20546, 20549, 20577, 20598, 20696, 20812, 20815,
    /* 2027: Jan 1, Mar 26, Mar 29, May 3, May 31, Aug 30,
     *       Dec 27 and Dec 28 (substitutes: 25th Saturday, 26th Sunday) */
    20819, 20903, 20906, 20941, 20969, 21060, 21179, 21180,
};

const int32_t *date_builtin_holidays(size_t *count)
{
    *count = sizeof builtin_holidays / sizeof builtin_holidays[0];
    return builtin_holidays;
}

static int in_sorted(const int32_t *a, size_t n, int32_t v)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a[mid] == v)
            return 1;
        if (a[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

int date_holidays_check(const struct date_holidays *h, struct domain_error *err)
{
    if (!h)
        return DOMAIN_OK;
    if (h->count > 0 && !h->days)
        return domain_fail(err, DOMAIN_EINVAL, "holidays", "list is missing");
    if (h->first_year > h->last_year ||
        (h->first_year != 0 && h->first_year < DATE_MIN_YEAR) ||
        h->last_year > DATE_MAX_YEAR)
        return domain_fail(err, DOMAIN_EINVAL, "holidays",
                           "covered years are not a valid range");
    for (size_t i = 0; i < h->count; i++) {
        if (h->days[i] < DATE_MIN_DAYS || h->days[i] > DATE_MAX_DAYS)
            return domain_fail(err, DOMAIN_EINVAL, "holidays",
                               "entry %zu is not a valid date", i);
        if (i > 0 && h->days[i] <= h->days[i - 1])
            return domain_fail(err, DOMAIN_EINVAL, "holidays",
                               "entry %zu is not after entry %zu", i, i - 1);
    }
    return DOMAIN_OK;
}

int date_holidays_cover(const struct date_holidays *h, int year)
{
    int builtin = !(h && h->no_builtin);
    if (builtin && year >= DATES_BUILTIN_FIRST_YEAR &&
        year <= DATES_BUILTIN_LAST_YEAR)
        return 1;
    return h && h->first_year != 0 && year >= h->first_year &&
           year <= h->last_year;
}

static int is_holiday_days(const struct date_holidays *h, int32_t days)
{
    if (!(h && h->no_builtin) &&
        in_sorted(builtin_holidays,
                  sizeof builtin_holidays / sizeof builtin_holidays[0], days))
        return 1;
    return h && h->days && in_sorted(h->days, h->count, days);
}

int date_is_holiday(const struct date_holidays *h, struct date d)
{
    return is_holiday_days(h, date_to_days(d));
}

/* Working-day test on a day number; DOMAIN_ERANGE when not covered. */
static int working_days_at(const struct date_holidays *h, int32_t days,
                           int *out, struct domain_error *err)
{
    if (days < DATE_MIN_DAYS || days > DATE_MAX_DAYS)
        return domain_fail(err, DOMAIN_ERANGE, "date",
                           "is outside the years 0001 to 9999");
    struct date d = date_from_days(days);
    if (!date_holidays_cover(h, d.year) && !(h && h->estimate_uncovered))
        return domain_fail(err, DOMAIN_ERANGE, "holidays",
                           "no bank-holiday table covers %04d; supply that "
                           "year's holidays", d.year);
    enum weekday w = weekday_of_days(days);
    *out = w <= WEEKDAY_FRIDAY && !is_holiday_days(h, days);
    return DOMAIN_OK;
}

int date_is_working_day(const struct date_holidays *h, struct date d, int *out,
                        struct domain_error *err)
{
    return working_days_at(h, date_to_days(d), out, err);
}

int date_add_working_days(const struct date_holidays *h, struct date start,
                          int32_t n, struct date *out, struct domain_error *err)
{
    int32_t days = date_to_days(start);
    int step = n < 0 ? -1 : 1;
    int64_t left = n < 0 ? -(int64_t)n : n;
    while (left > 0) {
        days += step;
        int work = 0;
        int rc = working_days_at(h, days, &work, err);
        if (rc != DOMAIN_OK)
            return rc;
        left -= work;
    }
    *out = date_from_days(days);
    return DOMAIN_OK;
}

int date_count_working_days(const struct date_holidays *h, struct date from,
                            struct date to, int32_t *out,
                            struct domain_error *err)
{
    int32_t a = date_to_days(from), b = date_to_days(to);
    int sign = 1;
    if (b < a) {
        int32_t t = a;
        a = b;
        b = t;
        sign = -1;
    }
    int32_t count = 0;
    for (int32_t d = a + 1; d <= b; d++) {
        int work = 0;
        int rc = working_days_at(h, d, &work, err);
        if (rc != DOMAIN_OK)
            return rc;
        count += work;
    }
    *out = sign * count;
    return DOMAIN_OK;
}

/* ---- Timestamps ---- */

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Parses "(Z|z|+HH:MM|-HH:MM)" ending the string; offset in seconds. */
static int scan_offset(const char *s, int64_t *offset)
{
    if ((s[0] == 'Z' || s[0] == 'z') && s[1] == '\0') {
        *offset = 0;
        return 0;
    }
    if (s[0] != '+' && s[0] != '-')
        return -1;
    int hh = two_digits(s + 1);
    if (hh < 0 || s[3] != ':')
        return -1;
    int mm = two_digits(s + 4);
    if (mm < 0 || s[6] != '\0' || hh > 23 || mm > 59)
        return -1;
    *offset = (int64_t)(hh * 3600 + mm * 60) * (s[0] == '-' ? -1 : 1);
    return 0;
}

int timestamp_parse(const char *s, const char *field, int64_t *out,
                    struct domain_error *err)
{
    if (!s || !*s)
        return domain_fail(err, DOMAIN_EMISSING, field, "is required");
    static const char shape[] = "must be a UTC timestamp like 2026-11-22T10:00:00Z";
    struct date d;
    if (strnlen(s, 20) < 20 || scan_date(s, &d) != 0 ||
        (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':')
        return domain_fail(err, DOMAIN_EINVAL, field, "%s", shape);
    int hh = two_digits(s + 11), mi = two_digits(s + 14), ss = two_digits(s + 17);
    if (hh < 0 || mi < 0 || ss < 0)
        return domain_fail(err, DOMAIN_EINVAL, field, "%s", shape);
    const char *p = s + 19;
    if (*p == '.') {
        int digits = 0;
        for (p++; *p >= '0' && *p <= '9'; p++)
            digits++;
        if (digits < 1 || digits > 9)
            return domain_fail(err, DOMAIN_EINVAL, field, "%s", shape);
    }
    int64_t offset;
    if (scan_offset(p, &offset) != 0)
        return domain_fail(err, DOMAIN_EINVAL, field, "%s", shape);
    if (!date_is_valid(d))
        return domain_fail(err, DOMAIN_EINVAL, field, "is not a real date");
    if (hh > 23 || mi > 59 || ss > 59)
        return domain_fail(err, DOMAIN_EINVAL, field, "is not a real time of day");
    int64_t t = (int64_t)date_to_days(d) * 86400 + hh * 3600 + mi * 60 + ss -
                offset;
    if (t < TIMESTAMP_MIN || t > TIMESTAMP_MAX)
        return domain_fail(err, DOMAIN_ERANGE, field,
                           "is outside the years 0001 to 9999 UTC");
    *out = t;
    return DOMAIN_OK;
}

struct date timestamp_utc_date(int64_t t)
{
    return date_from_days((int32_t)floor_div(t, 86400));
}

int timestamp_format(int64_t t, char out[TIMESTAMP_STR_SIZE])
{
    if (t < TIMESTAMP_MIN || t > TIMESTAMP_MAX) {
        out[0] = '\0';
        return -1;
    }
    int64_t days = floor_div(t, 86400);
    int64_t sec = t - days * 86400;
    struct date d = date_from_days((int32_t)days);
    date_format(d, out);
    out[10] = 'T';
    put_digits(out + 11, (int)(sec / 3600), 2);
    out[13] = ':';
    put_digits(out + 14, (int)(sec / 60 % 60), 2);
    out[16] = ':';
    put_digits(out + 17, (int)(sec % 60), 2);
    out[19] = 'Z';
    out[20] = '\0';
    return 0;
}

/* Day number of the last Sunday of month in year. */
static int32_t last_sunday(int year, int month)
{
    struct date d = {year, month, date_days_in_month(year, month)};
    int32_t days = date_to_days(d);
    return days - ((int)weekday_of_days(days) % 7);
}

struct date timestamp_uk_date(int64_t t)
{
    struct date utc = timestamp_utc_date(t);
    int64_t start = (int64_t)last_sunday(utc.year, 3) * 86400 + 3600;
    int64_t end = (int64_t)last_sunday(utc.year, 10) * 86400 + 3600;
    if (t >= start && t < end && t + 3600 <= TIMESTAMP_MAX)
        return timestamp_utc_date(t + 3600);
    return utc;
}

int timestamp_uk_offset(int64_t t)
{
    struct date utc = timestamp_utc_date(t);
    int64_t start = (int64_t)last_sunday(utc.year, 3) * 86400 + 3600;
    int64_t end = (int64_t)last_sunday(utc.year, 10) * 86400 + 3600;
    return t >= start && t < end ? 3600 : 0;
}

static const char *const MONTHS[] = {"January", "February", "March", "April", "May", "June", "July",
                                     "August", "September", "October", "November", "December"};

int date_format_long(struct date d, char out[DATE_LONG_SIZE])
{
    if (!date_is_valid(d)) {
        out[0] = '\0';
        return -1;
    }
    snprintf(out, DATE_LONG_SIZE, "%d %s %04d", d.day, MONTHS[d.month - 1], d.year);
    return 0;
}

int timestamp_format_uk(int64_t t, char out[TIMESTAMP_UK_SIZE])
{
    if (t < TIMESTAMP_MIN || t > TIMESTAMP_MAX - 3600) {
        out[0] = '\0';
        return -1;
    }
    int64_t local = t + timestamp_uk_offset(t);
    struct date d = timestamp_utc_date(local);
    int64_t secs = ((local % 86400) + 86400) % 86400;
    snprintf(out, TIMESTAMP_UK_SIZE, "%d %s %04d at %02d:%02d", d.day, MONTHS[d.month - 1], d.year,
             (int)(secs / 3600), (int)(secs / 60 % 60));
    return 0;
}

/* ---- CHC 28-day clock ---- */

int chc_clock_compute(struct date received, struct date today,
                      const struct date *decided, struct chc_clock *out,
                      struct domain_error *err)
{
    int32_t r = date_to_days(received), now = date_to_days(today);
    if (r > now)
        return domain_fail(err, DOMAIN_EINVAL, "received_date",
                           "is after today");
    int32_t due = r + CHC_CLOCK_DAYS;
    struct chc_clock c = {0};
    c.due = date_from_days(due);
    if (decided) {
        int32_t dd = date_to_days(*decided);
        if (dd < r)
            return domain_fail(err, DOMAIN_EINVAL, "decision_date",
                               "is before the ICB received the referral");
        if (dd > now)
            return domain_fail(err, DOMAIN_EINVAL, "decision_date",
                               "is after today");
        c.decided = 1;
        c.days_elapsed = dd - r;
        c.days_left = due - dd;
        c.within_28_days = dd <= due;
        c.status = c.within_28_days ? CHC_CLOCK_ON_TIME : CHC_CLOCK_BREACHED;
    } else {
        c.days_elapsed = now - r;
        c.days_left = due - now;
        if (c.days_left < 0)
            c.status = CHC_CLOCK_BREACHED;
        else if (c.days_left <= CHC_CLOCK_AT_RISK_DAYS)
            c.status = CHC_CLOCK_AT_RISK;
        else
            c.status = CHC_CLOCK_ON_TIME;
    }
    *out = c;
    return DOMAIN_OK;
}

const char *chc_clock_status_name(enum chc_clock_status s)
{
    switch (s) {
    case CHC_CLOCK_ON_TIME: return "on_time";
    case CHC_CLOCK_AT_RISK: return "at_risk";
    case CHC_CLOCK_BREACHED: return "breached";
    }
    return "unknown";
}

int date_age_years(struct date dob, struct date on)
{
    int age = on.year - dob.year;
    if (on.month < dob.month || (on.month == dob.month && on.day < dob.day))
        age--;
    return age;
}

void date_financial_quarter(struct date d, int *fy_start, int *quarter)
{
    *fy_start = d.month >= 4 ? d.year : d.year - 1;
    *quarter = (d.month + 8) % 12 / 3 + 1;
}

struct date date_parse_or(const char *s, struct date dflt)
{
    struct date d = dflt;
    return date_parse(s, "date", &d, NULL) == 0 ? d : dflt;
}

int64_t timestamp_parse_or(const char *s, int64_t dflt)
{
    int64_t t = dflt;
    return timestamp_parse(s, "timestamp", &t, NULL) == 0 ? t : dflt;
}
