/* Fuzz target: MLLP framing, the HL7 v2 reader, ADT extraction and the ACK
 * writer, as the MLLP listener chains them. Invariants: nothing reads
 * outside the input; every span lies inside it; an accepted message starts
 * with MSH; an error names a known table 0357 code; the ACK always fits a
 * 2 KiB buffer, is one MSH + MSA (+ ERR) and holds no control characters
 * other than the segment CRs. */
#include "fuzz.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "hl7/adt.h"
#include "hl7/hl7v2.h"
#include "hl7/mllp.h"

static void check_span(struct hl7_span s, const char *buf, size_t len)
{
    if (s.n && (s.p < buf || s.p + s.n > buf + len))
        abort();
}

static void one(const char *buf, size_t len)
{
    struct hl7_message m;
    struct hl7_error err;
    memset(&err, 0, sizeof err);
    int ok = hl7_parse(buf, len, &m, &err) == 0;
    if (!ok && (err.code < 100 || err.code > 207))
        abort();
    int reject = 0;
    struct adt_message a;
    if (ok) {
        if (m.count == 0 || strcmp(m.seg[0].id, "MSH") != 0)
            abort();
        for (size_t i = 0; i < m.count; i++)
            for (int f = 0; f < 8; f++)
                for (int c = 0; c < 3; c++)
                    check_span(hl7_get(&m, &m.seg[i], f, 0, c), buf, len);
        ok = adt_extract(&m, INT64_C(1796212800), &a, &reject, &err) == 0;
    }
    char ack[2048];
    int n = hl7_ack_build(m.count ? &m : NULL, ok ? "AA" : reject ? "AR" : "AE", ok ? NULL : &err, "SEAMLESS",
                          "C1", "20261202120000", "ACK1", ack, sizeof ack);
    if (n <= 0 || (size_t)n >= sizeof ack || strncmp(ack, "MSH|^~\\&|", 9) != 0)
        abort();
    int segs = 0;
    for (int i = 0; i < n; i++) {
        unsigned char c = (unsigned char)ack[i];
        if (c == '\r')
            segs++;
        else if (c < 0x20)
            abort();
    }
    if (segs < 2 || segs > 3)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The input as one message, then as an MLLP byte stream. */
    one((const char *)data, size);
    char frame[4096];
    struct mllp_decoder d;
    mllp_init(&d, frame, sizeof frame);
    size_t off = 0;
    while (off < size) {
        size_t used;
        enum mllp_status st = mllp_feed(&d, (const char *)data + off, size - off, &used);
        if (used == 0 || used > size - off || d.len > sizeof frame)
            abort();
        off += used;
        if (st == MLLP_FRAME) {
            one(frame, d.len);
            mllp_next(&d);
        }
    }
    return 0;
}
