/* hl7v2: a strict, allocation-free reader of HL7 version 2 messages (ER7,
 * the pipe-and-hat encoding) and a writer of their acknowledgements.
 *
 * What arrives here comes from outside (a hospital's integration engine,
 * over MLLP or HTTP), so the reader trusts nothing: it never allocates,
 * never writes into the input, and every span it returns points into the
 * caller's buffer, which must outlive the struct hl7_message.
 *
 * Accepted (HL7 v2.5.1 chapter 2, "Message construction rules"):
 *  - the message starts with "MSH"; MSH-1 (the field separator) must be
 *    '|' and MSH-2 (the encoding characters) "^~\&" — optionally followed
 *    by the v2.7 truncation character '#'. Anything else is refused: a
 *    receiver that guesses delimiters mis-files data, and every NHS trust
 *    engine sends the defaults.
 *  - segments end with CR (the standard), LF or CR LF (what files and some
 *    engines send); empty lines are skipped.
 *  - a segment id is three upper-case letters or digits, followed by the
 *    field separator or the end of the segment.
 *  - at most HL7_MAX_SEGMENTS segments and HL7_MAX_MESSAGE bytes; no
 *    control characters other than CR, LF and TAB (a NUL would cut the
 *    stored copy short).
 * Field numbers follow HL7: for MSH, field 1 is the separator itself and
 * field 2 the encoding characters, so MSH-9 is the ninth field as the
 * standard counts it.
 *
 * Errors say where, as HL7's ERR segment wants it: the segment id, the
 * field number (0 for the whole segment) and a code from HL7 table 0357
 * (100 segment sequence error, 101 required field missing, 102 data type
 * error, 103 table value not found, 200 unsupported message type, 201
 * unsupported event code, 207 application internal error), with a
 * message for people. */
#ifndef SEAMLESS_HL7V2_H
#define SEAMLESS_HL7V2_H

#include <stddef.h>
#include <stdint.h>

#define HL7_MAX_SEGMENTS 64
#define HL7_MAX_MESSAGE (256 * 1024)

enum hl7_error_code {
    HL7_ESEQUENCE = 100,
    HL7_EREQUIRED = 101,
    HL7_EDATATYPE = 102,
    HL7_ETABLE = 103,
    HL7_EMSGTYPE = 200,
    HL7_EEVENT = 201,
    HL7_EDUPKEY = 205,
    HL7_EINTERNAL = 207,
};

struct hl7_error {
    char segment[4];   /* "MSH", "PID", … ("" when not known) */
    int field;         /* 0: the segment as a whole */
    int code;          /* enum hl7_error_code */
    char message[160];
};

struct hl7_span {
    const char *p;
    size_t n;
};

struct hl7_segment {
    char id[4];
    struct hl7_span text;   /* the whole segment, without its terminator */
};

struct hl7_message {
    char fs, cs, rs, ec, ss;   /* field, component, repetition, escape, subcomponent */
    size_t count;
    struct hl7_segment seg[HL7_MAX_SEGMENTS];
};

/* 0, or -1 with err filled (segment "MSH" for a bad header). */
int hl7_parse(const char *buf, size_t len, struct hl7_message *m, struct hl7_error *err);

/* The first segment with this id at or after index from, or NULL. */
const struct hl7_segment *hl7_find(const struct hl7_message *m, const char *id, size_t from);

/* Field `field` (HL7 numbering), repetition rep (0-based), component comp
 * (1-based; 0 for the whole repetition), raw (escapes kept). An absent part
 * is an empty span (p may be NULL). */
struct hl7_span hl7_get(const struct hl7_message *m, const struct hl7_segment *s, int field, int rep, int comp);
/* How many repetitions field has (0 when empty or absent). */
int hl7_repetitions(const struct hl7_message *m, const struct hl7_segment *s, int field);

/* Copies s into out (size n >= 1) with the escape sequences \F\ \S\ \T\ \R\
 * \E\ decoded; other escapes (\H\, \N\, \Xhh\, …) are dropped. Control
 * characters never appear in out. Returns 0, or -1 when s did not fit (out
 * then holds a truncated, terminated copy). */
int hl7_text(const struct hl7_message *m, struct hl7_span s, char *out, size_t n);

/* Writes v with the five delimiters escaped, as a field value in a message
 * this program writes; returns bytes written (without the NUL) or -1 when
 * it did not fit. */
int hl7_escape(const char *v, char *out, size_t n);

/* The acknowledgement for a message. in may be NULL (a message with no
 * usable MSH): then MSA-2 is empty and the version 2.5. ack is "AA", "AE"
 * or "AR"; err may be NULL (AA) and becomes one ERR segment. timestamp is
 * "YYYYMMDDHHMMSS" (or longer TS); control_id is the ACK's own MSH-10.
 * Returns the length written to out (without the NUL), or -1 when out was
 * too small. Only the first component of the sender's MSH-3, MSH-4 and
 * MSH-10 is echoed, so nothing the sender wrote can add a field. */
int hl7_ack_build(const struct hl7_message *in, const char *ack, const struct hl7_error *err,
                  const char *app, const char *facility, const char *timestamp, const char *control_id,
                  char *out, size_t n);

#endif
