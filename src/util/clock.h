/* clock: wall-clock helpers for the edges of the program (HTTP, CLI). The
 * domain never reads the clock; it is given "today" by these callers. */
#ifndef SEAMLESS_CLOCK_H
#define SEAMLESS_CLOCK_H
#include <stdint.h>

/* Seconds since the epoch for an RFC 3339 UTC timestamp as written by
 * store_now ("2026-11-22T10:00:00.123Z"); -1 when malformed. */
int64_t clock_parse_utc(const char *s);
int64_t clock_now_seconds(void);
/* Today's civil date in UTC as "YYYY-MM-DD" (11 bytes). */
void clock_today(char out[11]);
/* seconds since the epoch as "YYYY-MM-DDTHH:MM:SS.000Z" (the same shape as
 * store_now, so the two compare as strings). out holds 32 bytes. */
void clock_format_utc(int64_t seconds, char out[32]);
/* The UTC date days from today (negative: in the past) as "YYYY-MM-DD". */
void clock_date_offset(int days, char out[11]);

/* Monotonic milliseconds, for durations. */
double clock_monotonic_ms(void);

#endif
