/* svc/discharge_intake_text: what the HL7 intake stores is text
 * PostgreSQL accepts (svc/discharge_int.h). */
#include <string.h>
#include "svc/discharge_int.h"

/* The stored copy: valid UTF-8 (PostgreSQL TEXT refuses anything else),
 * control characters other than CR, LF and TAB replaced by '?'. */
char *discharge_safe_text(struct svc_ctx *c, const char *in, size_t n)
{
    char *out = arena_alloc(c->arena, n + 1);
    size_t i = 0;
    while (i < n) {
        unsigned char b = (unsigned char)in[i];
        size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
        int ok = len > 0 && i + len <= n;
        for (size_t k = 1; ok && k < len; k++)
            ok = ((unsigned char)in[i + k] >> 6) == 2;
        if (ok && len == 1 && ((b < 0x20 && b != '\r' && b != '\n' && b != '\t') || b == 0x7f))
            ok = 0;
        if (!ok) {
            out[i++] = '?';
            continue;
        }
        memcpy(out + i, in + i, len);
        i += len;
    }
    out[n] = '\0';
    return out;
}

/* The same in place for one extracted field (each bad byte becomes one
 * '?', so the length stays), so every value that reaches SQL is UTF-8. */
void discharge_fix_utf8(char *s)
{
    size_t n = strlen(s), i = 0;
    while (i < n) {
        unsigned char b = (unsigned char)s[i];
        size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
        int ok = len > 0 && i + len <= n;
        for (size_t k = 1; ok && k < len; k++)
            ok = ((unsigned char)s[i + k] >> 6) == 2;
        if (!ok) {
            s[i++] = '?';
            continue;
        }
        i += len;
    }
}

void discharge_fix_adt(struct adt_message *a)
{
    char *fields[] = {a->control_id, a->sending_facility, a->nhs_number, a->family_name, a->given_name,
                      a->ward, a->room, a->bed, a->specialty, a->visit_number, a->discharge_disposition,
                      a->discharge_destination};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        discharge_fix_utf8(fields[i]);
}
