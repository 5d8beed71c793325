/* Query strings in and Bundle links out (query.h). */
#include "fhir/query.h"
#include <stdio.h>
#include <string.h>

int fhir_query_parse(struct request *req, struct response *res, const struct fhir_search_spec *spec,
                     struct fhir_search *out)
{
    json_t *all = arena_json(&req->arena, http_query_all(req));
    size_t n = json_array_size(all);
    const char *(*args)[2] = arena_alloc(&req->arena, (n ? n : 1) * sizeof *args);
    for (size_t i = 0; i < n; i++) {
        args[i][0] = json_string_value(json_array_get(json_array_get(all, i), 0));
        args[i][1] = json_string_value(json_array_get(json_array_get(all, i), 1));
    }
    char why[200];
    if (fhir_search_parse((const char *const(*)[2])args, (int)n, spec, out, why, sizeof why) == 0)
        return 0;
    fhir_outcome(res, 400, "invalid", why, NULL);
    return -1;
}

static void encode(struct buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || strchr("-._~:", ch)) {
            buf_putc(b, (char)ch);
        } else {
            buf_putc(b, '%');
            buf_putc(b, hex[ch >> 4]);
            buf_putc(b, hex[ch & 15]);
        }
    }
}

const char *fhir_query_url(struct request *req, const char *type, const char *cursor)
{
    struct buf b;
    buf_init(&b, 0);
    buf_puts(&b, type);
    json_t *all = http_query_all(req);
    size_t i;
    json_t *kv;
    int first = 1;
    json_array_foreach(all, i, kv) {
        const char *k = json_string_value(json_array_get(kv, 0)), *v = json_string_value(json_array_get(kv, 1));
        if (cursor && strcmp(k, "_cursor") == 0)
            continue;
        buf_putc(&b, first ? '?' : '&');
        first = 0;
        encode(&b, k);
        buf_putc(&b, '=');
        encode(&b, v);
    }
    if (cursor) {
        buf_puts(&b, first ? "?_cursor=" : "&_cursor=");
        encode(&b, cursor);
    }
    json_decref(all);
    const char *out = arena_strdup(&req->arena, buf_str(&b));
    buf_free(&b);
    return out;
}
