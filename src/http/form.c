#include "http/form.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes [s, s+n) into out (at least n+1 bytes); -1 on a bad escape or NUL. */
static int decode(const char *s, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '+') {
            c = ' ';
        } else if (c == '%') {
            if (i + 2 >= n)
                return -1;
            int h = hexval(s[i + 1]), l = hexval(s[i + 2]);
            if (h < 0 || l < 0)
                return -1;
            c = (char)(h * 16 + l);
            i += 2;
        }
        if (c == '\0')
            return -1;
        out[o++] = c;
    }
    out[o] = '\0';
    return 0;
}

static int add_pair(json_t *obj, const char *key, const char *value)
{
    json_t *v = json_string(value);     /* NULL when not valid UTF-8 */
    if (!v)
        return -1;
    json_t *old = json_object_get(obj, key);
    if (!old)
        return json_object_set_new(obj, key, v);
    if (json_is_array(old))
        return json_array_append_new(old, v);
    json_t *arr = json_array();
    json_array_append(arr, old);
    json_array_append_new(arr, v);
    return json_object_set_new(obj, key, arr);
}

json_t *form_parse(const char *data, size_t len)
{
    json_t *obj = json_object();
    char *key = malloc(len + 1), *val = malloc(len + 1);
    size_t start = 0;
    int ok = key && val;
    while (ok && start < len) {
        const char *amp = memchr(data + start, '&', len - start);
        size_t end = amp ? (size_t)(amp - data) : len;
        if (end > start) {
            const char *eq = memchr(data + start, '=', end - start);
            size_t kend = eq ? (size_t)(eq - data) : end;
            ok = decode(data + start, kend - start, key) == 0 &&
                 decode(eq ? eq + 1 : data + end, eq ? end - kend - 1 : 0, val) == 0 &&
                 key[0] != '\0' && add_pair(obj, key, val) == 0;
        }
        start = end + 1;
    }
    free(key);
    free(val);
    if (!ok) {
        json_decref(obj);
        return NULL;
    }
    form_join_dates(obj);
    return obj;
}

/* Digits only, 1..max of them: the number, else -1. */
static int small_number(const char *s, int max)
{
    int n = 0, len = 0;
    for (; s && *s == ' '; s++)
        ;
    for (; s && *s >= '0' && *s <= '9'; s++, len++)
        n = n * 10 + (*s - '0');
    for (; s && *s == ' '; s++)
        ;
    return s && !*s && len >= 1 && len <= max ? n : -1;
}

void form_date_join(const char *d, const char *m, const char *y, char out[FORM_DATE_SIZE])
{
    int dd = small_number(d, 2), mm = small_number(m, 2), yy = small_number(y, 4);
    if (!*d && !*m && !*y)
        out[0] = '\0';                                          /* left empty */
    else if (dd < 0 || mm < 0 || yy < 1000)
        snprintf(out, FORM_DATE_SIZE, "%.8s-%.8s-%.8s", y, m, d);   /* invalid: the validator names the field */
    else
        snprintf(out, FORM_DATE_SIZE, "%04d-%02d-%02d", yy, mm, dd);
}

void form_join_dates(json_t *obj)
{
    const char *key;
    json_t *v;
    json_t *found = json_array();
    json_object_foreach(obj, key, v) {
        size_t n = strlen(key);
        if (n > 4 && strcmp(key + n - 4, "-day") == 0)
            json_array_append_new(found, json_stringn(key, n - 4));
    }
    size_t i;
    json_t *b;
    json_array_foreach(found, i, b) {
        const char *base = json_string_value(b);
        char k[3][300];
        snprintf(k[0], sizeof k[0], "%s-day", base);
        snprintf(k[1], sizeof k[1], "%s-month", base);
        snprintf(k[2], sizeof k[2], "%s-year", base);
        const char *d = json_string_value(json_object_get(obj, k[0]));
        const char *m = json_string_value(json_object_get(obj, k[1]));
        const char *y = json_string_value(json_object_get(obj, k[2]));
        if (!d || !m || !y || json_object_get(obj, base))
            continue;
        char out[FORM_DATE_SIZE];
        form_date_join(d, m, y, out);
        json_object_set_new(obj, base, json_string(out));
    }
    json_decref(found);
}
