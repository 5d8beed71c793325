/* form: application/x-www-form-urlencoded → a JSON object of strings, so
 * page forms and JSON bodies go through the same validation. A repeated key
 * becomes an array of strings. Keys and values are percent-decoded ('+' is a
 * space); invalid escapes and non-UTF-8 text are rejected. Fuzzed by
 * tests/fuzz/fuzz_form.c. */
#ifndef SEAMLESS_FORM_H
#define SEAMLESS_FORM_H
#include <jansson.h>
#include <stddef.h>

/* NULL when the input is malformed. Caller owns the result. */
json_t *form_parse(const char *data, size_t len);
/* The NHS.UK date input pattern (issue #14 item 11): a date typed as three
 * fields NAME-day, NAME-month, NAME-year becomes NAME = "YYYY-MM-DD" (all
 * three empty: ""; not numbers: "year-month-day" as typed, so the field's
 * validator refuses it by name). A NAME already present is left alone.
 * form_parse calls this. */
void form_join_dates(json_t *obj);
/* The joining of one date's three fields (above); out holds FORM_DATE_SIZE. */
#define FORM_DATE_SIZE 32
void form_date_join(const char *day, const char *month, const char *year, char out[FORM_DATE_SIZE]);

#endif
