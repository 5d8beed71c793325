/* table_rows: the rows of a CSV (RFC 4180) or NDJSON text, each as a JSON
 * object with the line it starts on — the input of `seamless import`.
 *
 * CSV: the first record names the columns; every later record becomes an
 * object of its non-empty fields as strings, keyed by column name (so an
 * empty field is an absent one). Parsing is libcsv's (Debian libcsv) in
 * strict mode with no space trimming: quoted fields may hold commas,
 * quotes ("") and line breaks. NDJSON: one JSON object a line; blank lines
 * are skipped.
 *
 * A row that cannot be read as a whole record — the wrong number of fields,
 * bytes that are not UTF-8, a line that is not a JSON object, a record over
 * TABLE_ROWS_MAX_RECORD bytes — is handed to the callback with row NULL and
 * a reason for people; reading goes on with the next row. Text that cannot
 * be split into records at all (CSV quoting left open or a stray quote, a
 * header with an empty or repeated name) stops the reader: feed/finish
 * return -1 and table_rows_error() says why and where.
 *
 * A UTF-8 byte order mark at the start of the text is not part of it
 * (spreadsheets write one before "CSV UTF-8").
 *
 * No I/O: the caller feeds the bytes in chunks of any size. The callback
 * owns nothing it is given (copy what it keeps); a nonzero return stops the
 * reader and is returned by feed/finish. */
#ifndef SEAMLESS_TABLE_ROWS_H
#define SEAMLESS_TABLE_ROWS_H
#include <jansson.h>
#include <stddef.h>

#define TABLE_ROWS_MAX_RECORD (64 * 1024)

enum table_format { TABLE_CSV, TABLE_NDJSON };

typedef int (*table_row_cb)(void *arg, long line, json_t *row, const char *problem);

struct table_rows;
struct table_rows *table_rows_new(enum table_format f, table_row_cb cb, void *arg);
int table_rows_feed(struct table_rows *t, const char *data, size_t len);
/* The end of the text (a last line without a newline is a row too). */
int table_rows_finish(struct table_rows *t);
/* Why the reader stopped ("line 7: a quoted field is not closed"), or "". */
const char *table_rows_error(const struct table_rows *t);
/* The CSV header's column names (NULL before it was read, and for NDJSON). */
const json_t *table_rows_columns(const struct table_rows *t);
void table_rows_free(struct table_rows *t);

/* 1 when s[0..len) is well-formed UTF-8 (no overlongs, surrogates or
 * code points above U+10FFFF). */
int table_utf8_valid(const char *s, size_t len);

#endif
