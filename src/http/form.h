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

#endif
