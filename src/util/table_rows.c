/* table_rows: see table_rows.h. */
#include "util/table_rows.h"
#include "util/buf.h"
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct table_rows {
    enum table_format format;
    table_row_cb cb;
    void *arg;
    int stopped;               /* the callback's nonzero, or -1 after a fatal error */
    char error[160];
    long line;                 /* the physical line being fed (1-based) */
    /* CSV */
    struct csv_parser csv;
    json_t *columns;           /* header names, NULL until read */
    json_t *fields;            /* the record being read: array of strings (or null when not UTF-8) */
    long record_line;          /* where it started; 0 between records */
    long row_start;            /* the line the parser last stood at a record's start on */
    size_t record_bytes;
    int bad_utf8;              /* 1-based column of the first field that is not UTF-8 */
    int at_line_start;
    /* NDJSON */
    struct buf pending;        /* a line not yet complete */
    int too_long;
    /* A UTF-8 byte order mark at the very start (Excel's "CSV UTF-8" writes
     * one) is dropped: the bytes of the text's start seen so far while they
     * are the mark's, until it is whole or ruled out. */
    unsigned char head[3];
    size_t head_len;
    int head_done;
};

static const unsigned char BOM[3] = {0xEF, 0xBB, 0xBF};

int table_utf8_valid(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        size_t n;
        unsigned cp;
        if (c < 0x80) { i++; continue; }
        else if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1F; }
        else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0F; }
        else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07; }
        else return 0;
        for (size_t k = 1; k <= n; k++) {
            if (i + k >= len || (s[i + k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += n + 1;
    }
    return 1;
}

static void fail(struct table_rows *t, long line, const char *why)
{
    snprintf(t->error, sizeof t->error, "line %ld: %s", line, why);
    t->stopped = -1;
}

static void deliver(struct table_rows *t, long line, json_t *row, const char *problem)
{
    if (t->stopped)
        return;
    int rc = t->cb(t->arg, line, row, problem);
    if (rc)
        t->stopped = rc;
}

/* ---- CSV ---- */

static int no_space(unsigned char c)
{
    (void)c;
    return 0;
}

static void csv_field(void *s, size_t len, void *arg)
{
    struct table_rows *t = arg;
    if (!t->record_line)
        t->record_line = t->row_start;
    t->record_bytes += len + 1;
    if (!table_utf8_valid(s, len)) {
        if (!t->bad_utf8)
            t->bad_utf8 = (int)json_array_size(t->fields) + 1;
        json_array_append_new(t->fields, json_null());
    } else {
        json_array_append_new(t->fields, json_stringn(s, len));
    }
}

static int header(struct table_rows *t, long line)
{
    if (t->bad_utf8) {
        fail(t, line, "the header is not valid UTF-8");
        return -1;
    }
    size_t i;
    json_t *name;
    json_array_foreach(t->fields, i, name) {
        const char *n = json_string_value(name);
        if (!*n) {
            fail(t, line, "the header has an empty column name");
            return -1;
        }
        for (size_t k = 0; k < i; k++)
            if (strcmp(json_string_value(json_array_get(t->fields, k)), n) == 0) {
                char why[120];
                snprintf(why, sizeof why, "the header names column \"%.60s\" twice", n);
                fail(t, line, why);
                return -1;
            }
    }
    t->columns = json_copy(t->fields);
    return 0;
}

static void csv_record(int c, void *arg)
{
    (void)c;
    struct table_rows *t = arg;
    long line = t->record_line ? t->record_line : t->line;
    if (!t->stopped) {
        if (!t->columns) {
            header(t, line);
        } else if (t->record_bytes > TABLE_ROWS_MAX_RECORD) {
            deliver(t, line, NULL, "the row is longer than 64 KiB");
        } else if (json_array_size(t->fields) != json_array_size(t->columns)) {
            char why[120];
            snprintf(why, sizeof why, "the row has %zu fields; the header has %zu", json_array_size(t->fields),
                     json_array_size(t->columns));
            deliver(t, line, NULL, why);
        } else if (t->bad_utf8) {
            char why[160];
            snprintf(why, sizeof why, "%.80s: is not valid UTF-8 text",
                     json_string_value(json_array_get(t->columns, (size_t)t->bad_utf8 - 1)));
            deliver(t, line, NULL, why);
        } else {
            json_t *row = json_object();
            size_t i;
            json_t *v;
            json_array_foreach(t->fields, i, v)
                if (json_string_length(v) > 0)
                    json_object_set(row, json_string_value(json_array_get(t->columns, i)), v);
            deliver(t, line, row, NULL);
            json_decref(row);
        }
    }
    json_array_clear(t->fields);
    t->record_line = 0;
    t->record_bytes = 0;
    t->bad_utf8 = 0;
}

static int csv_feed(struct table_rows *t, const char *data, size_t len)
{
    /* One line at a time, so each record knows the line it starts on. */
    while (len && !t->stopped) {
        const char *nl = memchr(data, '\n', len);
        size_t n = nl ? (size_t)(nl - data) + 1 : len;
        if (t->csv.pstate == 0 && !t->record_line)   /* libcsv's ROW_NOT_BEGUN: a record may start here */
            t->row_start = t->line;
        if (csv_parse(&t->csv, data, n, csv_field, csv_record, t) != n) {
            fail(t, t->record_line ? t->record_line : t->row_start,
                 csv_error(&t->csv) == CSV_EPARSE ? "a quote in the wrong place (quote a field that holds "
                                                    "quotes, and double the quotes inside it)"
                                                  : "the row is too large to read");
            break;
        }
        if (nl)
            t->line++;
        data += n;
        len -= n;
    }
    return t->stopped;
}

/* ---- NDJSON ---- */

static void ndjson_line(struct table_rows *t, const char *s, size_t len)
{
    if (len && s[len - 1] == '\r')
        len--;
    size_t k = 0;
    while (k < len && (s[k] == ' ' || s[k] == '\t'))
        k++;
    if (k == len)
        return;   /* blank */
    if (t->too_long) {
        deliver(t, t->line, NULL, "the row is longer than 64 KiB");
        return;
    }
    if (!table_utf8_valid(s, len)) {
        deliver(t, t->line, NULL, "the line is not valid UTF-8 text");
        return;
    }
    json_error_t jerr;
    json_t *v = json_loadb(s, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!v || !json_is_object(v)) {
        char why[200];
        if (v)
            snprintf(why, sizeof why, "the line is not a JSON object");
        else
            snprintf(why, sizeof why, "the line is not valid JSON (%.120s, column %d)", jerr.text, jerr.column);
        deliver(t, t->line, NULL, why);
    } else {
        deliver(t, t->line, v, NULL);
    }
    json_decref(v);
}

static int ndjson_feed(struct table_rows *t, const char *data, size_t len)
{
    while (len && !t->stopped) {
        const char *nl = memchr(data, '\n', len);
        size_t n = nl ? (size_t)(nl - data) : len;
        if (!t->too_long && t->pending.len + n > TABLE_ROWS_MAX_RECORD) {
            t->too_long = 1;
            buf_reset(&t->pending);
        }
        if (!t->too_long)
            buf_put(&t->pending, data, n);
        if (!nl)
            break;
        ndjson_line(t, buf_str(&t->pending), t->pending.len);
        buf_reset(&t->pending);
        t->too_long = 0;
        t->line++;
        data += n + 1;
        len -= n + 1;
    }
    return t->stopped;
}

/* ---- interface ---- */

struct table_rows *table_rows_new(enum table_format f, table_row_cb cb, void *arg)
{
    struct table_rows *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->format = f;
    t->cb = cb;
    t->arg = arg;
    t->line = 1;
    t->fields = json_array();
    buf_init(&t->pending, 0);
    if (f == TABLE_CSV) {
        if (csv_init(&t->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
            json_decref(t->fields);
            free(t);
            return NULL;
        }
        csv_set_space_func(&t->csv, no_space);
    }
    return t;
}

static int feed_text(struct table_rows *t, const char *data, size_t len)
{
    return t->format == TABLE_CSV ? csv_feed(t, data, len) : ndjson_feed(t, data, len);
}

/* The bytes held as a possible start of the mark go on as text after all. */
static int head_release(struct table_rows *t)
{
    t->head_done = 1;
    return t->head_len ? feed_text(t, (const char *)t->head, t->head_len) : 0;
}

int table_rows_feed(struct table_rows *t, const char *data, size_t len)
{
    while (!t->head_done && len && !t->stopped) {
        if ((unsigned char)*data != BOM[t->head_len]) {
            head_release(t);
            break;
        }
        t->head[t->head_len++] = (unsigned char)*data++;
        len--;
        if (t->head_len == sizeof BOM) {   /* the whole mark: dropped */
            t->head_len = 0;
            t->head_done = 1;
        }
    }
    if (t->stopped)
        return t->stopped;
    return feed_text(t, data, len);
}

int table_rows_finish(struct table_rows *t)
{
    if (!t->head_done && !t->stopped)
        head_release(t);
    if (t->stopped)
        return t->stopped;
    if (t->format == TABLE_CSV) {
        if (csv_fini(&t->csv, csv_field, csv_record, t) != 0 && !t->stopped)
            fail(t, t->record_line ? t->record_line : t->row_start, "a quoted field is not closed");
    } else if (t->pending.len || t->too_long) {
        ndjson_line(t, buf_str(&t->pending), t->pending.len);
        buf_reset(&t->pending);
    }
    return t->stopped;
}

const char *table_rows_error(const struct table_rows *t)
{
    return t->error;
}

const json_t *table_rows_columns(const struct table_rows *t)
{
    return t->columns;
}

void table_rows_free(struct table_rows *t)
{
    if (!t)
        return;
    if (t->format == TABLE_CSV)
        csv_free(&t->csv);
    json_decref(t->fields);
    json_decref(t->columns);
    buf_free(&t->pending);
    free(t);
}
