/* evidence: see evidence.h for the pinned magic numbers. */
#include "domain/evidence.h"
#include <string.h>

static int starts(const unsigned char *b, size_t len, const char *magic, size_t n)
{
    return len >= n && memcmp(b, magic, n) == 0;
}

/* The first ZIP entry's name (local file header: name length at 26, name at 30). */
static enum evidence_type zip_kind(const unsigned char *b, size_t len)
{
    if (len < 30)
        return EVIDENCE_REFUSED;
    size_t n = (size_t)b[26] | (size_t)b[27] << 8, extra = (size_t)b[28] | (size_t)b[29] << 8;
    if (30 + n > len)
        return EVIDENCE_REFUSED;
    const char *name = (const char *)b + 30;
    static const struct { const char *prefix; enum evidence_type t; } ooxml[] = {
        {"word/", EVIDENCE_DOCX}, {"xl/", EVIDENCE_XLSX}, {"ppt/", EVIDENCE_PPTX},
    };
    for (size_t i = 0; i < sizeof ooxml / sizeof ooxml[0]; i++)
        if (n >= strlen(ooxml[i].prefix) && memcmp(name, ooxml[i].prefix, strlen(ooxml[i].prefix)) == 0)
            return ooxml[i].t;
    if ((n == 19 && memcmp(name, "[Content_Types].xml", 19) == 0) || (n >= 9 && memcmp(name, "docProps/", 9) == 0)) {
        /* The part names that follow say which application: look for them. */
        const char *hay = (const char *)b;
        for (size_t i = 0; i + 3 < len; i++) {
            if (i + 5 <= len && memcmp(hay + i, "word/", 5) == 0)
                return EVIDENCE_DOCX;
            if (memcmp(hay + i, "xl/", 3) == 0)
                return EVIDENCE_XLSX;
            if (i + 4 <= len && memcmp(hay + i, "ppt/", 4) == 0)
                return EVIDENCE_PPTX;
        }
        return EVIDENCE_REFUSED;
    }
    static const char odf[] = "application/vnd.oasis.opendocument.";
    size_t off = 30 + n + extra;
    if (n == 8 && memcmp(name, "mimetype", 8) == 0 && off + sizeof odf - 1 <= len &&
        memcmp(b + off, odf, sizeof odf - 1) == 0)
        return EVIDENCE_ODF;
    return EVIDENCE_REFUSED;
}

static int is_text(const unsigned char *b, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (b[i] == 0 || (b[i] < 0x20 && b[i] != '\t' && b[i] != '\r' && b[i] != '\n') || b[i] == 0x7f)
            return 0;
    if (starts(b, len, "#!", 2) || starts(b, len, "<", 1))
        return 0;   /* scripts, HTML, SVG, XML */
    return 1;
}

enum evidence_type evidence_sniff(const unsigned char *b, size_t len)
{
    if (!b || len == 0)
        return EVIDENCE_REFUSED;
    if (starts(b, len, "%PDF-", 5))
        return EVIDENCE_PDF;
    if (starts(b, len, "\x89PNG\r\n\x1a\n", 8))
        return EVIDENCE_PNG;
    if (starts(b, len, "\xff\xd8\xff", 3))
        return EVIDENCE_JPEG;
    if (starts(b, len, "GIF87a", 6) || starts(b, len, "GIF89a", 6))
        return EVIDENCE_GIF;
    if (starts(b, len, "PK\x03\x04", 4))
        return zip_kind(b, len);
    if (starts(b, len, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8))
        return EVIDENCE_OLE;
    return is_text(b, len) ? EVIDENCE_TEXT : EVIDENCE_REFUSED;
}

static const struct { const char *media, *ext; } types[] = {
    [EVIDENCE_REFUSED] = {NULL, NULL},
    [EVIDENCE_PDF] = {"application/pdf", "pdf"},
    [EVIDENCE_PNG] = {"image/png", "png"},
    [EVIDENCE_JPEG] = {"image/jpeg", "jpg"},
    [EVIDENCE_GIF] = {"image/gif", "gif"},
    [EVIDENCE_DOCX] = {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"},
    [EVIDENCE_XLSX] = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"},
    [EVIDENCE_PPTX] = {"application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"},
    [EVIDENCE_ODF] = {"application/vnd.oasis.opendocument", "odf"},
    [EVIDENCE_OLE] = {"application/x-ole-storage", "doc"},
    [EVIDENCE_TEXT] = {"text/plain; charset=utf-8", "txt"},
};

const char *evidence_media_type(enum evidence_type t)
{
    return t >= EVIDENCE_REFUSED && t <= EVIDENCE_TEXT ? types[t].media : NULL;
}

const char *evidence_extension(enum evidence_type t)
{
    return t >= EVIDENCE_REFUSED && t <= EVIDENCE_TEXT ? types[t].ext : NULL;
}
