#include "util/clock.h"
#include "domain/dates.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Milliseconds added to the real time by a pinned clock; set once in main. */
static int64_t offset_ms;
static int pinned;

int64_t clock_wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void clock_pin(int64_t seconds)
{
    offset_ms = seconds * 1000 - clock_wall_ms();
    pinned = 1;
}

int clock_is_pinned(void)
{
    return pinned;
}

int clock_init(char *err, size_t n)
{
    const char *now = getenv("SEAMLESS_NOW");
    if (!now || !*now)
        return 0;
    const char *enabled = getenv("SEAMLESS_TEST_CLOCK");
    if (!enabled || strcmp(enabled, "1") != 0) {
        snprintf(err, n, "SEAMLESS_NOW is set but the test clock is not enabled "
                         "(it is honoured only with SEAMLESS_TEST_CLOCK=1, for tests)");
        return -1;
    }
    int64_t t;
    struct domain_error de;
    if (timestamp_parse(now, "SEAMLESS_NOW", &t, &de) != 0) {
        snprintf(err, n, "SEAMLESS_NOW %s (expected an RFC 3339 time such as "
                         "2027-01-31T09:00:00Z)", de.message);
        return -1;
    }
    clock_pin(t);
    return 0;
}

int64_t clock_parse_utc(const char *s)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    int n = 0;
    if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
               &tm.tm_min, &tm.tm_sec, &n) != 6 || n != 19)
        return -1;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return (int64_t)timegm(&tm);
}

int64_t clock_now_ms(void)
{
    return clock_wall_ms() + offset_ms;
}

int64_t clock_now_seconds(void)
{
    int64_t ms = clock_now_ms();
    return ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
}

static void uk_date_at(int64_t seconds, char out[11])
{
    if (date_format(timestamp_uk_date(seconds), out) != 0)
        snprintf(out, 11, "%s", "");
}

void clock_today(char out[11])
{
    uk_date_at(clock_now_seconds(), out);
}

double clock_monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

void clock_format_utc_ms(int64_t ms, char out[32])
{
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    size_t k = strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out + k, 32 - k, ".%03dZ", (int)(ms % 1000));
}

void clock_format_utc(int64_t seconds, char out[32])
{
    clock_format_utc_ms(seconds * 1000, out);
}

void clock_date_offset(int days, char out[11])
{
    /* Step whole civil days from today's UK date, not 86,400-second steps
     * from now (which could land on the wrong side of a clock change). */
    struct date today = timestamp_uk_date(clock_now_seconds()), d;
    if (date_add_days(today, days, &d, NULL) != 0 || date_format(d, out) != 0)
        snprintf(out, 11, "%s", "");
}
