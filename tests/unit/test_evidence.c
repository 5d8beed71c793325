/* Unit tests for domain/evidence: a file's type from its bytes, never its
 * name — accepted kinds, renamed executables and script-bearing text refused. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "domain/evidence.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* A ZIP local file header whose first entry is name (then data). */
static size_t zip(unsigned char *out, const char *name, const char *data)
{
    size_t n = strlen(name), d = strlen(data);
    memset(out, 0, 30);
    memcpy(out, "PK\x03\x04", 4);
    out[26] = (unsigned char)n;
    memcpy(out + 30, name, n);
    memcpy(out + 30 + n, data, d);
    return 30 + n + d;
}

static void sniffs_by_content(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        const char *bytes;
        size_t len;
        enum evidence_type want;
    } cases[] = {
        {"PDF", "%PDF-1.7\n...", 12, EVIDENCE_PDF},
        {"PNG", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, EVIDENCE_PNG},
        {"JPEG", "\xff\xd8\xff\xe0\0\x10JFIF", 10, EVIDENCE_JPEG},
        {"GIF89a", "GIF89a\x01\0\x01\0", 10, EVIDENCE_GIF},
        {"GIF87a", "GIF87a\x01\0\x01\0", 10, EVIDENCE_GIF},
        {"legacy Office (OLE2)", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0", 10, EVIDENCE_OLE},
        {"plain text", "Minutes of the meeting\r\n\tAgreed.", 32, EVIDENCE_TEXT},
        {"Windows executable renamed .pdf", "MZ\x90\0\x03\0\0\0", 8, EVIDENCE_REFUSED},
        {"ELF executable", "\x7f" "ELF\x02\x01\x01", 7, EVIDENCE_REFUSED},
        {"shell script", "#!/bin/sh\nrm -rf /\n", 19, EVIDENCE_REFUSED},
        {"HTML with script", "<html><script>x</script>", 24, EVIDENCE_REFUSED},
        {"SVG (can carry script)", "<svg xmlns='http://www.w3.org/2000/svg'/>", 41, EVIDENCE_REFUSED},
        {"text with a NUL byte", "abc\0def", 7, EVIDENCE_REFUSED},
        {"PDF magic one byte short is only text", "%PDF", 4, EVIDENCE_TEXT},
        {"PDF magic one byte short, then binary", "%PDF\x01\x02", 6, EVIDENCE_REFUSED},
        {"empty", "", 0, EVIDENCE_REFUSED},
    };
    for (size_t i = 0; i < N(cases); i++) {
        enum evidence_type t = evidence_sniff((const unsigned char *)cases[i].bytes, cases[i].len);
        if (t != cases[i].want)
            fail_msg("%s: got %d want %d", cases[i].name, (int)t, (int)cases[i].want);
    }
    assert_int_equal(evidence_sniff(NULL, 5), EVIDENCE_REFUSED);
}

static void zips_only_when_office(void **state)
{
    (void)state;
    unsigned char b[256];
    assert_int_equal(evidence_sniff(b, zip(b, "word/document.xml", "<w/>")), EVIDENCE_DOCX);
    assert_int_equal(evidence_sniff(b, zip(b, "xl/workbook.xml", "<x/>")), EVIDENCE_XLSX);
    assert_int_equal(evidence_sniff(b, zip(b, "ppt/presentation.xml", "<p/>")), EVIDENCE_PPTX);
    assert_int_equal(evidence_sniff(b, zip(b, "[Content_Types].xml", "<Override PartName=\"/word/document.xml\"/>")),
                     EVIDENCE_DOCX);
    assert_int_equal(evidence_sniff(b, zip(b, "mimetype", "application/vnd.oasis.opendocument.text")), EVIDENCE_ODF);
    assert_int_equal(evidence_sniff(b, zip(b, "payload.exe", "MZ")), EVIDENCE_REFUSED);
    assert_int_equal(evidence_sniff(b, zip(b, "mimetype", "application/zip")), EVIDENCE_REFUSED);
    /* A header that claims a name longer than the file. */
    size_t n = zip(b, "word/document.xml", "");
    b[26] = 200;
    assert_int_equal(evidence_sniff(b, n), EVIDENCE_REFUSED);
    assert_int_equal(evidence_sniff((const unsigned char *)"PK\x03\x04", 4), EVIDENCE_REFUSED);
}

static void names_follow_the_type(void **state)
{
    (void)state;
    assert_string_equal(evidence_media_type(EVIDENCE_PDF), "application/pdf");
    assert_string_equal(evidence_extension(EVIDENCE_PDF), "pdf");
    assert_string_equal(evidence_extension(EVIDENCE_XLSX), "xlsx");
    assert_null(evidence_media_type(EVIDENCE_REFUSED));
    assert_null(evidence_extension(EVIDENCE_REFUSED));
    assert_null(evidence_extension((enum evidence_type)99));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sniffs_by_content),
        cmocka_unit_test(zips_only_when_office),
        cmocka_unit_test(names_follow_the_type),
    };
    return cmocka_run_group_tests_name("evidence", tests, NULL, NULL);
}
