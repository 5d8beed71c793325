/* Unit tests for hl7/hl7v2, hl7/adt and hl7/mllp: parsing, field access,
 * escapes, ADT facts and their refusals, the ACK, MLLP framing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "hl7/adt.h"
#include "hl7/hl7v2.h"
#include "hl7/mllp.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
/* 2026-12-02T12:00:00Z */
#define NOW INT64_C(1796212800)

#define MSH(ev, ctl) "MSH|^~\\&|PAS|RX1|SEAMLESS|C1|20261202090000||ADT^" ev "^ADT_A01|" ctl "|P|2.5\r"
#define EVN "EVN|A01|20261202090000\r"
#define PID "PID|1||RX1234^^^RX1^MR~9434765919^^^NHS^NH||Smith^Ann^^^Mrs||19400101|F\r"
#define PV1 "PV1|1|I|WD12^B3^4^RX1|||||||GMD|||||||||SPELL77|||||||||||||||||||||||||20261201083000\r"

static void parse_and_read_fields(void **state)
{
    (void)state;
    const char *msg = MSH("A01", "C1") EVN PID PV1;
    struct hl7_message m;
    struct hl7_error err;
    assert_int_equal(hl7_parse(msg, strlen(msg), &m, &err), 0);
    assert_int_equal(m.count, 4);
    const struct hl7_segment *msh = hl7_find(&m, "MSH", 0), *pid = hl7_find(&m, "PID", 0);
    char out[64];
    static const struct { const char *seg; int field, rep, comp; const char *want; } cases[] = {
        {"MSH", 1, 0, 0, "|"}, {"MSH", 3, 0, 0, "PAS"},
        {"MSH", 9, 0, 1, "ADT"}, {"MSH", 9, 0, 2, "A01"}, {"MSH", 10, 0, 0, "C1"},
        {"PID", 3, 0, 1, "RX1234"}, {"PID", 3, 1, 1, "9434765919"}, {"PID", 3, 1, 4, "NHS"},
        {"PID", 3, 2, 1, ""}, {"PID", 5, 0, 2, "Ann"}, {"PID", 99, 0, 0, ""},
        {"PV1", 3, 0, 1, "WD12"}, {"PV1", 19, 0, 0, "SPELL77"},
    };
    for (size_t i = 0; i < N(cases); i++) {
        const struct hl7_segment *s = hl7_find(&m, cases[i].seg, 0);
        assert_int_equal(hl7_text(&m, hl7_get(&m, s, cases[i].field, cases[i].rep, cases[i].comp), out,
                                  sizeof out), 0);
        if (strcmp(out, cases[i].want) != 0)
            fail_msg("%s-%d rep %d comp %d: '%s'", cases[i].seg, cases[i].field, cases[i].rep, cases[i].comp, out);
    }
    struct hl7_span enc = hl7_get(&m, msh, 2, 0, 0);
    assert_int_equal(enc.n, 4);
    assert_memory_equal(enc.p, "^~\\&", 4);
    assert_int_equal(hl7_repetitions(&m, pid, 3), 2);
    assert_int_equal(hl7_repetitions(&m, msh, 8), 0);
    assert_null(hl7_find(&m, "PV2", 0));
}

static void refusals_name_segment_and_field(void **state)
{
    (void)state;
    static const struct { const char *name, *msg; const char *seg; int field, code; } cases[] = {
        {"empty", "", "MSH", 0, HL7_ESEQUENCE},
        {"no MSH", "PID|1||x\r", "MSH", 0, HL7_ESEQUENCE},
        {"other field separator", "MSH#^~\\&#A\r", "MSH", 1, HL7_EDATATYPE},
        {"wrong encoding characters", "MSH|^~\\|A|B\r", "MSH", 2, HL7_EDATATYPE},
        {"swapped encoding characters", "MSH|~^\\&|A|B\r", "MSH", 2, HL7_EDATATYPE},
        {"lower-case segment id", MSH("A01", "1") "pid|1\r", "", 0, HL7_ESEQUENCE},
        {"a NUL inside", "MSH|^~\\&|A\0B|C\r", "MSH", 0, HL7_EDATATYPE},
        {"a batch", MSH("A01", "1") MSH("A01", "2"), "MSH", 0, HL7_ESEQUENCE},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct hl7_message m;
        struct hl7_error err = {"", -1, 0, ""};
        size_t len = strcmp(cases[i].name, "a NUL inside") == 0 ? 16 : strlen(cases[i].msg);
        if (hl7_parse(cases[i].msg, len, &m, &err) == 0)
            fail_msg("%s: accepted", cases[i].name);
        if (strcmp(err.segment, cases[i].seg) != 0 || err.field != cases[i].field || err.code != cases[i].code)
            fail_msg("%s: %s-%d code %d", cases[i].name, err.segment, err.field, err.code);
    }
}

static void line_endings_and_escapes(void **state)
{
    (void)state;
    const char *msg = "MSH|^~\\&|A|B\r\nPID|1||x\\F\\y\\S\\z\\E\\\\T\\w\\R\\v\\Xff\\u\n\nPV1|1\n";
    struct hl7_message m;
    assert_int_equal(hl7_parse(msg, strlen(msg), &m, NULL), 0);
    assert_int_equal(m.count, 3);
    char out[64];
    assert_int_equal(hl7_text(&m, hl7_get(&m, hl7_find(&m, "PID", 0), 3, 0, 0), out, sizeof out), 0);
    assert_string_equal(out, "x|y^z\\&w~vu");
    char small[4];
    assert_int_equal(hl7_text(&m, hl7_get(&m, hl7_find(&m, "PID", 0), 3, 0, 0), small, sizeof small), -1);
    assert_string_equal(small, "x|y");
    char esc[64];
    assert_int_equal(hl7_escape("a|b^c&d~e\\f", esc, sizeof esc), 21);
    assert_string_equal(esc, "a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f");
}

static void adt_facts(void **state)
{
    (void)state;
    const char *msg = MSH("A01", "C1") EVN PID PV1 "PV2|||||||||20261210\r";
    struct hl7_message m;
    struct adt_message a;
    struct hl7_error err;
    int reject;
    assert_int_equal(hl7_parse(msg, strlen(msg), &m, &err), 0);
    if (adt_extract(&m, NOW, &a, &reject, &err) != 0)
        fail_msg("%s", err.message);
    assert_int_equal(a.event, ADT_A01);
    assert_string_equal(a.control_id, "C1");
    assert_string_equal(a.nhs_number, "9434765919");
    assert_string_equal(a.family_name, "Smith");
    assert_string_equal(a.date_of_birth, "1940-01-01");
    assert_string_equal(a.ward, "WD12");
    assert_string_equal(a.bed, "4");
    assert_string_equal(a.specialty, "GMD");
    assert_string_equal(a.visit_number, "SPELL77");
    assert_string_equal(a.expected_discharge, "2026-12-10");
    /* 1 Dec 2026 08:30 UK time is 08:30 UTC (GMT). */
    assert_int_equal(a.admitted_at, INT64_C(1796113800));
    assert_int_equal(a.event_at, INT64_C(1796202000));
}

static void hl7_times(void **state)
{
    (void)state;
    static const struct { const char *s; int rc; int64_t want; } cases[] = {
        {"20261202090000", 0, INT64_C(1796202000)},
        {"202612020900", 0, INT64_C(1796202000)},
        {"20261202", 0, INT64_C(1796169600)},
        {"20260701120000", 0, INT64_C(1782903600)},        /* BST: 11:00 UTC */
        {"20260701120000+0000", 0, INT64_C(1782907200)},
        {"20260701120000.123+0100", 0, INT64_C(1782903600)},
        {"20260230", -1, 0}, {"2026120", -1, 0}, {"20261202250000", -1, 0},
        {"20261202090000Z", -1, 0}, {"20261202090000+01", -1, 0}, {"", -1, 0},
    };
    for (size_t i = 0; i < N(cases); i++) {
        int64_t t = 0;
        int rc = hl7_ts_parse(cases[i].s, &t);
        if (rc != cases[i].rc || (rc == 0 && t != cases[i].want))
            fail_msg("%s: rc %d t %lld", cases[i].s, rc, (long long)t);
    }
}

static void adt_refusals(void **state)
{
    (void)state;
    static const struct { const char *name, *msg; int reject; const char *seg; int field, code; } cases[] = {
        {"not ADT", "MSH|^~\\&|PAS|RX1|S|C|20261202090000||ORU^R01|9|P|2.5\r" PID PV1, 1, "MSH", 9, HL7_EMSGTYPE},
        {"unknown event", MSH("A28", "9") EVN PID PV1, 1, "MSH", 9, HL7_EEVENT},
        {"no control id", MSH("A01", "") EVN PID PV1, 0, "MSH", 10, HL7_EREQUIRED},
        {"no PID", MSH("A01", "9") EVN PV1, 0, "PID", 0, HL7_ESEQUENCE},
        {"no PID-3", MSH("A01", "9") EVN "PID|1||||Smith^Ann\r" PV1, 0, "PID", 3, HL7_EREQUIRED},
        {"bad NHS number", MSH("A01", "9") EVN "PID|1||9434765918^^^NHS^NH\r" PV1, 0, "PID", 3, HL7_EDATATYPE},
        {"no PV1", MSH("A01", "9") EVN PID, 0, "PV1", 0, HL7_ESEQUENCE},
        {"no visit number", MSH("A01", "9") EVN PID "PV1|1|I|WD12\r", 0, "PV1", 19, HL7_EREQUIRED},
        {"admit without ward", MSH("A01", "9") EVN PID "PV1|1|I|||||||||||||||||SP1\r", 0, "PV1", 3,
         HL7_EREQUIRED},
        {"event in the future", MSH("A01", "9") "EVN|A01|20261203090000\r" PID PV1, 0, "EVN", 2, HL7_EDATATYPE},
        {"bad date of birth", MSH("A01", "9") EVN "PID|1||9434765919^^^NHS^NH||S^A||19401301\r" PV1, 0, "PID",
         7, HL7_EDATATYPE},
        {"discharge before admission", MSH("A03", "9") EVN PID
         "PV1|1|I|WD12||||||||||||||||SP1|||||||||||||||||||||||||20261201083000|20261130100000\r", 0, "PV1", 45,
         HL7_EDATATYPE},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct hl7_message m;
        struct adt_message a;
        struct hl7_error err = {"", -1, 0, ""};
        int reject = -1;
        assert_int_equal(hl7_parse(cases[i].msg, strlen(cases[i].msg), &m, &err), 0);
        if (adt_extract(&m, NOW, &a, &reject, &err) == 0)
            fail_msg("%s: accepted", cases[i].name);
        if (reject != cases[i].reject || strcmp(err.segment, cases[i].seg) != 0 || err.field != cases[i].field ||
            err.code != cases[i].code)
            fail_msg("%s: reject %d %s-%d code %d (%s)", cases[i].name, reject, err.segment, err.field, err.code,
                     err.message);
    }
    /* No NHS number at all is not an error: the message is held. */
    const char *msg = MSH("A01", "9") EVN "PID|1||RX1234^^^RX1^MR\r" PV1;
    struct hl7_message m;
    struct adt_message a;
    struct hl7_error err;
    int reject;
    assert_int_equal(hl7_parse(msg, strlen(msg), &m, &err), 0);
    assert_int_equal(adt_extract(&m, NOW, &a, &reject, &err), 0);
    assert_string_equal(a.nhs_number, "");
}

static void acknowledgements(void **state)
{
    (void)state;
    const char *msg = MSH("A03", "CTRL^X") EVN PID PV1;
    struct hl7_message m;
    assert_int_equal(hl7_parse(msg, strlen(msg), &m, NULL), 0);
    char out[1024];
    int n = hl7_ack_build(&m, "AA", NULL, "SEAMLESS", "C|1", "20261202120000", "ACK1", out, sizeof out);
    assert_true(n > 0);
    assert_string_equal(out, "MSH|^~\\&|SEAMLESS|C\\F\\1|PAS|RX1|20261202120000||ACK^A03^ACK|ACK1|P|2.5\r"
                             "MSA|AA|CTRL\r");
    struct hl7_error err = {"PID", 3, HL7_EREQUIRED, "PID-3 is missing | really"};
    n = hl7_ack_build(&m, "AE", &err, "SEAMLESS", "C1", "20261202120000", "ACK2", out, sizeof out);
    assert_true(n > 0);
    assert_non_null(strstr(out, "MSA|AE|CTRL\rERR||PID^1^3|101^Required field missing^HL70357|E||||"
                                "PID-3 is missing \\F\\ really\r"));
    n = hl7_ack_build(NULL, "AR", &(struct hl7_error){"MSH", 0, HL7_ESEQUENCE, "no MSH"}, "SEAMLESS", "C1",
                      "20261202120000", "ACK3", out, sizeof out);
    assert_true(n > 0);
    assert_non_null(strstr(out, "|ACK^^ACK|ACK3|P|2.5\rMSA|AR|\rERR||MSH^1|100^"));
    assert_int_equal(hl7_ack_build(&m, "AA", NULL, "SEAMLESS", "C1", "20261202120000", "A", out, 20), -1);
}

static void mllp_frames(void **state)
{
    (void)state;
    char buf[16];
    struct mllp_decoder d;
    mllp_init(&d, buf, sizeof buf);
    const char in[] = "\n\x0b" "ABC\x1c\r\x0b" "DE" "F\x1c\r";
    size_t used, off = 0, n = sizeof in - 1;
    assert_int_equal(mllp_feed(&d, in, n, &used), MLLP_FRAME);
    assert_int_equal(d.len, 3);
    assert_memory_equal(d.buf, "ABC", 3);
    off += used;
    mllp_next(&d);
    assert_int_equal(mllp_feed(&d, in + off, 3, &used), MLLP_NEED_MORE);   /* "\r\x0bD" */
    off += used;
    assert_int_equal(mllp_feed(&d, in + off, n - off, &used), MLLP_FRAME);
    assert_memory_equal(d.buf, "DEF", 3);
    off += used;
    mllp_next(&d);
    assert_int_equal(mllp_feed(&d, in + off, n - off, &used), MLLP_NEED_MORE);
    /* Too big, then a good frame again. */
    char big[40];
    memset(big, 'x', sizeof big);
    big[0] = 0x0b;
    big[38] = 0x1c;
    big[39] = '\r';
    assert_int_equal(mllp_feed(&d, big, sizeof big, &used), MLLP_TOO_BIG);
    assert_int_equal(mllp_feed(&d, "\x0bOK\x1c\r", 5, &used), MLLP_FRAME);
    assert_memory_equal(d.buf, "OK", 2);
    char w[8];
    assert_int_equal(mllp_wrap("OK", 2, w, sizeof w), 5);
    assert_memory_equal(w, "\x0bOK\x1c\r", 5);
    assert_int_equal(mllp_wrap("OK", 2, w, 4), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_and_read_fields),
        cmocka_unit_test(refusals_name_segment_and_field),
        cmocka_unit_test(line_endings_and_escapes),
        cmocka_unit_test(adt_facts),
        cmocka_unit_test(hl7_times),
        cmocka_unit_test(adt_refusals),
        cmocka_unit_test(acknowledgements),
        cmocka_unit_test(mllp_frames),
    };
    return cmocka_run_group_tests_name("hl7", tests, NULL, NULL);
}
