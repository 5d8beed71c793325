/* mllp: see mllp.h. */
#include "hl7/mllp.h"
#include <string.h>

void mllp_init(struct mllp_decoder *d, char *buf, size_t cap)
{
    d->buf = buf;
    d->cap = cap;
    d->len = 0;
    d->state = 0;
}

enum mllp_status mllp_feed(struct mllp_decoder *d, const char *in, size_t n, size_t *used)
{
    size_t i = 0;
    enum mllp_status st = MLLP_NEED_MORE;
    while (i < n && st == MLLP_NEED_MORE) {
        unsigned char c = (unsigned char)in[i++];
        if (c == MLLP_START) {
            /* A start byte always begins a new frame: a sender that died
             * mid-frame and reconnected logic-wise starts over. */
            d->state = 1;
            d->len = 0;
        } else if (d->state == 0) {
            continue;
        } else if (c == MLLP_END) {
            st = d->state == 1 ? MLLP_FRAME : MLLP_TOO_BIG;
            d->state = 0;
        } else if (d->state == 1) {
            if (d->len == d->cap)
                d->state = 2;
            else
                d->buf[d->len++] = (char)c;
        }
    }
    *used = i;
    return st;
}

void mllp_next(struct mllp_decoder *d)
{
    d->len = 0;
}

size_t mllp_wrap(const char *msg, size_t n, char *out, size_t cap)
{
    if (cap < n + 3)
        return 0;
    out[0] = MLLP_START;
    memcpy(out + 1, msg, n);
    out[n + 1] = MLLP_END;
    out[n + 2] = MLLP_CR;
    return n + 3;
}
