#include "http/form.h"
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
    return obj;
}
