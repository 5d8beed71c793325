/* libFuzzer target: evidence_sniff never reads past the bytes it is given
 * (a ZIP header claiming a long name, a truncated magic number), and every
 * accepted type has a media type and an extension. */
#include "fuzz.h"
#include "domain/evidence.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* A copy of exactly size bytes, so ASan sees any read beyond it. */
    unsigned char *b = malloc(size ? size : 1);
    if (!b)
        return 0;
    memcpy(b, data, size);
    enum evidence_type t = evidence_sniff(b, size);
    if (t != EVIDENCE_REFUSED && (!evidence_media_type(t) || !evidence_extension(t)))
        abort();
    free(b);
    return 0;
}
