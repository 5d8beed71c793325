/* clock: the one place "now" comes from.
 *
 * Every rule that needs the date or the time gets it from here (the domain
 * never reads the clock; these callers pass "today" in). Two clocks:
 *
 *   the settable clock — clock_now_seconds, clock_now_ms, clock_today,
 *     clock_date_offset, and store_now built on them. Tests pin it with
 *     SEAMLESS_NOW=2027-01-31T09:00:00Z, honoured only when
 *     SEAMLESS_TEST_CLOCK=1 is also set (clock_init refuses it otherwise),
 *     read once at start-up, never settable over HTTP. Pinned, it starts at
 *     that instant and then advances with real time, so ordering by
 *     timestamps still works within a run.
 *   the wall clock — clock_wall_ms: always the real time. Audit entries use
 *     it, so the tamper-evident chain is never back-dated by a test clock.
 *
 * Not thread-safe to change: clock_init runs once in main before threads. */
#ifndef SEAMLESS_CLOCK_H
#define SEAMLESS_CLOCK_H
#include <stddef.h>
#include <stdint.h>

/* Reads SEAMLESS_NOW / SEAMLESS_TEST_CLOCK from the environment. Returns 0
 * (clock pinned or real), or -1 with a message for people in err (n bytes)
 * when SEAMLESS_NOW is set without SEAMLESS_TEST_CLOCK=1 or is malformed. */
int clock_init(char *err, size_t n);
/* Pins the settable clock to `seconds` since the epoch (tests in C). */
void clock_pin(int64_t seconds);
/* 1 when the settable clock is pinned (a test run). */
int clock_is_pinned(void);

/* Seconds since the epoch for an RFC 3339 UTC timestamp as written by
 * store_now ("2026-11-22T10:00:00.123Z"); -1 when malformed. */
int64_t clock_parse_utc(const char *s);
/* The settable clock: seconds and milliseconds since the epoch. */
int64_t clock_now_seconds(void);
int64_t clock_now_ms(void);
/* The real time in milliseconds, whatever the settable clock says (audit). */
int64_t clock_wall_ms(void);
/* Today's civil date in England (Europe/London, BST included) on the
 * settable clock, as "YYYY-MM-DD" (11 bytes). */
void clock_today(char out[11]);
/* seconds since the epoch as "YYYY-MM-DDTHH:MM:SS.000Z" (the same shape as
 * store_now, so the two compare as strings). out holds 32 bytes. */
void clock_format_utc(int64_t seconds, char out[32]);
/* Milliseconds since the epoch as "YYYY-MM-DDTHH:MM:SS.mmmZ" (32 bytes). */
void clock_format_utc_ms(int64_t ms, char out[32]);
/* The civil date in England `days` from today (negative: in the past). */
void clock_date_offset(int days, char out[11]);

/* Monotonic milliseconds, for durations. */
double clock_monotonic_ms(void);

#endif
