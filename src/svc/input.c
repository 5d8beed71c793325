#include "svc/input.h"
#include "domain/text.h"
#include "domain/money.h"
#include "svc/svc.h"
#include "util/clock.h"
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *input_str(json_t *body, const char *key, json_t *errors)
{
    json_t *v = json_object_get(body, key);
    if (!v || json_is_null(v))
        return NULL;
    if (!json_is_string(v)) {
        svc_error_add(errors, key, "must be text");
        return NULL;
    }
    const char *fault = text_fault(json_string_value(v), json_string_length(v), TEXT_LINES);
    if (fault) {
        svc_error_add(errors, key, fault);
        return NULL;
    }
    return json_string_value(v);
}

struct date input_today(void)
{
    char today[DATE_STR_SIZE];
    clock_today(today);
    return date_parse_or(today, (struct date){1970, 1, 1});
}

const char *input_date(json_t *body, const char *key, int required, struct date *out, json_t *errors)
{
    const char *s = input_str(body, key, errors);
    struct domain_error de;
    if (!s || !*s) {
        json_t *v = json_object_get(body, key);
        if (v && !json_is_null(v) && !json_is_string(v))
            return NULL;   /* input_str named it */
        if (required)
            svc_error_add(errors, key, "is required (YYYY-MM-DD)");
        return NULL;
    }
    if (date_parse(s, key, out, &de) != 0) {
        svc_error_add(errors, key, "must be a real date written YYYY-MM-DD");
        return NULL;
    }
    return s;
}

static int blank(const char *s)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    return *s == '\0';
}

static const char *text_of(json_t *body, const char *key, int required, size_t max, enum text_lines lines,
                           json_t *errors)
{
    json_t *v = json_object_get(body, key);
    const char *s = input_str(body, key, errors);
    if (v && !json_is_null(v) && !s)
        return NULL;   /* not text, or control characters: input_str named it */
    if (!s || blank(s)) {
        if (required)
            svc_error_add(errors, key, "is required");
        return s && !required ? s : NULL;
    }
    size_t n = strlen(s);
    if (n > max) {
        svc_error_add(errors, key, max >= 1000 ? "is too long (at most 4,000 characters)" : "is too long");
        return NULL;
    }
    const char *fault = text_fault(s, n, lines);
    if (fault) {
        svc_error_add(errors, key, fault);
        return NULL;
    }
    return s;
}

const char *input_text(json_t *body, const char *key, int required, size_t max, json_t *errors)
{
    return text_of(body, key, required, max, TEXT_LINES, errors);
}

const char *input_line(json_t *body, const char *key, int required, size_t max, json_t *errors)
{
    return text_of(body, key, required, max, TEXT_ONE_LINE, errors);
}

int input_bool_value(json_t *v, int *out)
{
    static const char *const yes[] = {"true", "yes", "on", "1"}, *const no[] = {"false", "no", "off", "0", ""};
    if (json_is_boolean(v)) {
        *out = json_is_true(v);
        return 0;
    }
    const char *s = json_string_value(v);
    for (size_t i = 0; s && i < sizeof yes / sizeof yes[0]; i++)
        if (!strcmp(s, yes[i]))
            return *out = 1, 0;
    for (size_t i = 0; s && i < sizeof no / sizeof no[0]; i++)
        if (!strcmp(s, no[i]))
            return *out = 0, 0;
    return -1;
}

int input_bool(json_t *body, const char *key, json_t *errors)
{
    json_t *v = json_object_get(body, key);
    int b = 0;
    if (!v || json_is_null(v))
        return 0;
    if (input_bool_value(v, &b) < 0) {
        svc_error_add(errors, key, "must be true or false");
        return -1;
    }
    return b;
}

/* The documented bound (domain/money.h) for a member: weekly_* members
 * are weekly amounts, the rest single amounts. */
static int64_t pence_max(const char *key)
{
    return strncmp(key, "weekly_", 7) == 0 ? MONEY_MAX_WEEKLY_PENCE : MONEY_MAX_PENCE;
}

static int pence_bounded(int64_t v, const char *key, int64_t *out, json_t *errors)
{
    struct domain_error de;
    int64_t max = pence_max(key);
    if (money_check_bounds(v, -max, max, key, &de) != 0) {
        svc_error_add(errors, key, de.message);
        return -1;
    }
    *out = v;
    return 0;
}

int input_pence(json_t *body, const char *pence_key, const char *pounds_key, int required, int64_t *out,
                json_t *errors)
{
    json_t *v = json_object_get(body, pence_key);
    if (v && !json_is_null(v)) {
        if (!json_is_integer(v)) {
            svc_error_add(errors, pence_key, "must be a whole number of pence");
            return -1;
        }
        return pence_bounded(json_integer_value(v), pence_key, out, errors);
    }
    const char *pounds = pounds_key ? json_string_value(json_object_get(body, pounds_key)) : NULL;
    if (pounds && *pounds) {
        struct domain_error de;
        int64_t p = 0;
        if (money_parse(pounds, pounds_key, &p, &de) != 0) {
            svc_error_add(errors, pounds_key, "must be an amount in pounds, like 1,250.00");
            return -1;
        }
        return pence_bounded(p, pounds_key, out, errors);
    }
    if (required) {
        svc_error_add(errors, pounds && pounds_key ? pounds_key : pence_key, "is required");
        return -1;
    }
    return 1;
}

int input_count(json_t *body, const char *key, int required, long long min, long long max, long long *out,
                json_t *errors)
{
    json_t *v = json_object_get(body, key);
    const char *s = json_string_value(v);
    if (!v || json_is_null(v) || (s && !*s)) {
        if (required)
            svc_error_add(errors, key, "is required");
        return required ? -1 : 1;
    }
    long long n = 0;
    char *end = NULL;
    errno = 0;
    if (json_is_integer(v))
        n = json_integer_value(v);
    else if (s)
        n = strtoll(s, &end, 10);
    if (!json_is_integer(v) && (!s || !end || *end != '\0' || end == s || errno == ERANGE)) {
        svc_error_add(errors, key, "must be a whole number");
        return -1;
    }
    if (n < min || n > max) {
        char msg[96];
        snprintf(msg, sizeof msg, "must be between %lld and %lld", min, max);
        svc_error_add(errors, key, msg);
        return -1;
    }
    *out = n;
    return 0;
}
