/* holidays_json: reads the UK Government's bank-holidays file
 * (https://www.gov.uk/bank-holidays.json) — outside input, so it is fuzzed
 * (tests/fuzz/fuzz_holidays_json.c).
 *
 * The file is {"england-and-wales": {"division": …, "events": [{"title",
 * "date", "notes", "bunting"}, …]}, "scotland": …, …}. Only the division
 * asked for is read; each event needs a real "YYYY-MM-DD" date and a title
 * of 1..100 characters. Titles are copied into the caller's array.
 *
 * Returns the number of events (0..max), or -1 with a message for people in
 * err (n bytes): not JSON, no such division, an event without a usable date
 * or title, more than max events. */
#ifndef SEAMLESS_HOLIDAYS_JSON_H
#define SEAMLESS_HOLIDAYS_JSON_H
#include <stddef.h>

struct holiday_event {
    char date[11];
    char title[101];
};

int holidays_json_parse(const char *text, size_t len, const char *division, struct holiday_event *out,
                        size_t max, char *err, size_t n);

#endif
