/* input: the one set of decoders for typed members of a decoded request
 * body — JSON from the API, or a form's fields as strings — used by
 * adapters and services alike, so "yes"/"on"/"true" and "£1,250.00" mean
 * the same on every form. Each names the field in the errors array
 * ([{field, message}]) when a value is missing or malformed. Strings
 * returned are owned by body. */
#ifndef SEAMLESS_SVC_INPUT_H
#define SEAMLESS_SVC_INPUT_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include "domain/dates.h"

/* A string member; NULL when absent or null, "" stays "". Adds an error
 * naming key and returns NULL when present but not a string, or holding
 * control characters (domain/text.h: any text may hold line breaks and
 * tabs; input_line refuses those too). */
const char *input_str(json_t *body, const char *key, json_t *errors);
/* Today's date (UTC), for the domain rules. */
struct date input_today(void);
/* A "YYYY-MM-DD" member parsed into *out; NULL when absent (an error when
 * required) or malformed. "" counts as absent (an empty form field). */
const char *input_date(json_t *body, const char *key, int required, struct date *out, json_t *errors);
/* A text member of at most max bytes; NULL when absent (an error when
 * required, as is "" or only spaces) or refused. input_text is for notes:
 * it may hold line breaks and tabs; input_line is for one-line fields
 * (names, codes, places) and refuses them. Both refuse control characters
 * (domain/text.h), naming the field. */
const char *input_text(json_t *body, const char *key, int required, size_t max, json_t *errors);
const char *input_line(json_t *body, const char *key, int required, size_t max, json_t *errors);
/* The one yes/no decoder, so a checkbox, a radio and a JSON boolean mean
 * the same on every form: true, "true", "yes", "on", "1" → 1; false,
 * "false", "no", "off", "0", "" → 0 (case matters: "Yes" is not yes).
 * input_bool_value: 0 and *out set, or -1 for anything else (null and a
 * missing value included). input_bool: a member of body; absent or null
 * → 0; anything else → -1 with an error naming key. */
int input_bool_value(json_t *v, int *out);
int input_bool(json_t *body, const char *key, json_t *errors);
/* A whole number of pence: an integer in JSON, or (from a form) pounds
 * such as "1,234.50" in pounds_key, within the documented bound of
 * domain/money.h (a member named weekly_* at most MONEY_MAX_WEEKLY_PENCE
 * either way, any other at most MONEY_MAX_PENCE). Returns 0 and *out, or
 * -1 with an error naming the member given. Absent → -1 and an error when
 * required, else 1 (nothing given). */
int input_pence(json_t *body, const char *pence_key, const char *pounds_key, int required, int64_t *out,
                json_t *errors);
/* A whole number from min to max: an integer in JSON or a form's digits.
 * 0 and *out; 1 when absent and not required; -1 with an error naming key
 * ("must be a whole number" for 1.5, 1e308 or text; "must be between …"). */
int input_count(json_t *body, const char *key, int required, long long min, long long max, long long *out,
                json_t *errors);

#endif
