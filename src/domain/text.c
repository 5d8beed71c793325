#include "domain/text.h"

const char *text_fault(const char *s, size_t n, enum text_lines lines)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; s && i < n; i++) {
        unsigned char b = p[i];
        if (b == '\t' || b == '\n' || b == '\r') {
            if (lines == TEXT_ONE_LINE)
                return TEXT_MSG_ONE_LINE;
        } else if (b < 0x20 || b == 0x7f) {
            return TEXT_MSG_CONTROL;
        } else if (b == 0xc2 && i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f) {
            return TEXT_MSG_CONTROL;                        /* C1: U+0080–U+009F */
        } else if (b == 0xe2 && i + 2 < n && p[i + 1] == 0x80 && (p[i + 2] == 0xa8 || p[i + 2] == 0xa9)) {
            if (lines == TEXT_ONE_LINE)                     /* U+2028, U+2029 */
                return TEXT_MSG_ONE_LINE;
        }
    }
    return NULL;
}
