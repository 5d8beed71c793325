/* Fuzz target: the CSV and NDJSON row reader of `seamless import`
 * (util/table_rows.c, outside input). The first byte picks the format and
 * a chunk size, so records split across feeds are exercised too. Checks:
 * rows come with increasing lines within the text's line count, every row
 * is an object of UTF-8 strings (CSV) or an object (NDJSON), every
 * refusal has a reason, and a fatal error names a line. */
#include "util/table_rows.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct seen {
    long last_line;
    long lines;
    enum table_format f;
};

static int check(void *arg, long line, json_t *row, const char *problem)
{
    struct seen *s = arg;
    if (line < 1 || line > s->lines || line < s->last_line)
        abort();
    s->last_line = line;
    if (!row == !problem)
        abort();
    if (problem && !*problem)
        abort();
    if (row) {
        if (!json_is_object(row))
            abort();
        if (s->f == TABLE_CSV) {
            const char *k;
            json_t *v;
            json_object_foreach(row, k, v)
                if (!json_is_string(v) || !table_utf8_valid(json_string_value(v), json_string_length(v)))
                    abort();
        }
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    struct seen s = {0, 1, (data[0] & 1) ? TABLE_NDJSON : TABLE_CSV};
    size_t chunk = 1 + (data[0] >> 1);
    data++;
    size--;
    for (size_t i = 0; i < size; i++)
        s.lines += data[i] == '\n';
    struct table_rows *t = table_rows_new(s.f, check, &s);
    int rc = 0;
    for (size_t off = 0; off < size && rc == 0; off += chunk)
        rc = table_rows_feed(t, (const char *)data + off, size - off < chunk ? size - off : chunk);
    if (rc == 0)
        rc = table_rows_finish(t);
    if (rc < 0 && strncmp(table_rows_error(t), "line ", 5) != 0)
        abort();
    table_rows_free(t);
    return 0;
}
