/* text: what may be stored as text a person typed (or another system
 * sent) in a field.
 *
 * Control characters are never text: C0 (U+0000–U+001F) other than TAB, LF
 * and CR, DEL (U+007F) and C1 (U+0080–U+009F). A one-line field (a name, a
 * code, a ward, an address line) also refuses TAB, CR, LF and the Unicode
 * line and paragraph separators (U+2028, U+2029): a line break inside a
 * name splits it on a page, in a CSV export and in the national CLD
 * return. Notes, reasons and other long text may hold line breaks and
 * tabs. */
#ifndef SEAMLESS_TEXT_H
#define SEAMLESS_TEXT_H
#include <stddef.h>

enum text_lines {
    TEXT_ONE_LINE,     /* names, codes, places */
    TEXT_LINES,        /* notes: line breaks and tabs allowed */
};

#define TEXT_MSG_ONE_LINE "must be on one line, without line breaks or tabs"
#define TEXT_MSG_CONTROL "must not contain control characters"

/* NULL when s[0..n) (UTF-8) may be stored in a field of that kind, else
 * the message for the field (TEXT_MSG_ONE_LINE or TEXT_MSG_CONTROL). */
const char *text_fault(const char *s, size_t n, enum text_lines lines);

#endif
