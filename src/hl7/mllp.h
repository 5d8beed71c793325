/* mllp: the Minimal Lower Layer Protocol framing HL7 v2 uses over TCP
 * (HL7 v2.5.1 Appendix C, "MLLP release 2"): each message is sent as
 *
 *     <VT 0x0B> message <FS 0x1C><CR 0x0D>
 *
 * and answered with exactly one acknowledgement framed the same way.
 * The decoder is incremental and allocation-free: the caller owns the
 * buffer. Bytes between frames (keep-alive newlines, stray CRs) are
 * skipped; a frame longer than the buffer is reported as MLLP_TOO_BIG and
 * the decoder then discards bytes until the next start byte. */
#ifndef SEAMLESS_MLLP_H
#define SEAMLESS_MLLP_H

#include <stddef.h>

#define MLLP_START 0x0B
#define MLLP_END 0x1C
#define MLLP_CR 0x0D

enum mllp_status {
    MLLP_NEED_MORE,   /* everything given was consumed */
    MLLP_FRAME,       /* buf[0..len) holds one message; call mllp_next before feeding again */
    MLLP_TOO_BIG,     /* a frame did not fit: answer AR and carry on */
};

struct mllp_decoder {
    char *buf;
    size_t cap, len;
    int state;   /* 0 between frames, 1 in a frame, 2 skipping an oversized frame */
};

void mllp_init(struct mllp_decoder *d, char *buf, size_t cap);
/* Consumes bytes from in until a frame completes (or all are consumed);
 * *used says how many were consumed. */
enum mllp_status mllp_feed(struct mllp_decoder *d, const char *in, size_t n, size_t *used);
/* Forgets the frame just returned. */
void mllp_next(struct mllp_decoder *d);
/* Writes the framed message into out; returns the framed length, or 0 when
 * out is too small. */
size_t mllp_wrap(const char *msg, size_t n, char *out, size_t cap);

#endif
