/* evidence: what kind of file a dispute's evidence is, decided from its
 * bytes, never from the name or type the browser sent (issue #17 ¶3).
 *
 * Accepted, by their leading bytes ("magic numbers", as file(1) reads them):
 *   PDF   "%PDF-"                              application/pdf
 *   PNG   89 50 4E 47 0D 0A 1A 0A              image/png
 *   JPEG  FF D8 FF                             image/jpeg
 *   GIF   "GIF87a" / "GIF89a"                  image/gif
 *   Office Open XML (docx, xlsx, pptx) — a ZIP ("PK\3\4") whose first
 *         entry is "[Content_Types].xml" or whose name starts "word/",
 *         "xl/", "ppt/" or "docProps/"          the matching OOXML type
 *   OpenDocument — a ZIP whose first entry is "mimetype" holding
 *         application/vnd.oasis.opendocument.*  that type
 *   Legacy Office (doc, xls, ppt) — OLE2 "D0 CF 11 E0 A1 B1 1A E1"
 *                                               application/x-ole-storage
 *   Plain text: UTF-8 without NUL or control bytes other than tab, CR, LF
 *                                               text/plain
 * Everything else is refused: executables (MZ, ELF, Mach-O, "#!"), any
 * other ZIP, HTML/SVG (they can carry script), empty files. The file's
 * extension is rewritten from the type found (evidence_extension), so a
 * program renamed "letter.pdf" is refused and a PDF named "x.exe" is
 * stored and served as a PDF. Pure: reads only the bytes given. */
#ifndef SEAMLESS_EVIDENCE_H
#define SEAMLESS_EVIDENCE_H
#include <stddef.h>

enum evidence_type {
    EVIDENCE_REFUSED = 0,
    EVIDENCE_PDF,
    EVIDENCE_PNG,
    EVIDENCE_JPEG,
    EVIDENCE_GIF,
    EVIDENCE_DOCX,
    EVIDENCE_XLSX,
    EVIDENCE_PPTX,
    EVIDENCE_ODF,
    EVIDENCE_OLE,
    EVIDENCE_TEXT,
};

enum evidence_type evidence_sniff(const unsigned char *bytes, size_t len);
/* The media type served (EVIDENCE_REFUSED → NULL). */
const char *evidence_media_type(enum evidence_type t);
/* "pdf", "png", … without the dot (EVIDENCE_REFUSED → NULL). */
const char *evidence_extension(enum evidence_type t);

#endif
