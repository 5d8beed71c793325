/* adt: the facts Seamless takes from an HL7 v2 ADT message about a hospital
 * stay (a spell), checked; pure, no allocation.
 *
 * Events accepted (HL7 v2.5.1 chapter 3): A01 admit, A02 transfer, A03
 * discharge, A08 update patient information, A11 cancel admit, A13 cancel
 * discharge. Anything else is refused (AR): MSH-9.1 not "ADT" → 200,
 * another trigger → 201.
 *
 * Where each fact comes from (NHS England's HL7 v2 ADT conventions as trust
 * engines send them):
 *   MSH-10 control id (required: the ACK echoes it, replays are found by it)
 *   EVN-6 event occurred, else EVN-2 recorded, else MSH-7
 *   PID-3  the repetition whose CX-4 assigning authority is "NHS" or whose
 *          CX-5 identifier type is "NH" carries the NHS number (PID-3
 *          absent → 101; an NHS number failing its check digit → 102;
 *          no NHS number at all is not an error: the message is held for
 *          a person to match)
 *   PID-5  family ^ given; PID-7 date of birth
 *   PV1-3  assigned location: ward ^ room ^ bed (PV1 required, 101)
 *   PV1-10 hospital service (specialty); PV1-19 visit number = the spell
 *          (required, 101); PV1-36 discharge disposition; PV1-37 discharged
 *          to location; PV1-44 admitted at (A01 falls back to the event
 *          time); PV1-45 discharged at (A03 falls back to the event time)
 *   PV2-9  expected discharge date
 * Times: HL7 TS "YYYYMMDDHHMM[SS[.S…]][+/-ZZZZ]"; without an offset the
 * time is UK civil time (Europe/London), as trust systems send it. A time
 * more than ADT_FUTURE_SLACK seconds after now is refused (102), and so is
 * PV1-45 before PV1-44. */
#ifndef SEAMLESS_ADT_H
#define SEAMLESS_ADT_H

#include <stdint.h>
#include "hl7/hl7v2.h"

#define ADT_FUTURE_SLACK 300

enum adt_event { ADT_A01, ADT_A02, ADT_A03, ADT_A08, ADT_A11, ADT_A13 };

struct adt_message {
    enum adt_event event;
    char event_code[4];        /* "A01" … */
    char control_id[64];
    char sending_facility[64]; /* MSH-4.1, for the log */
    int64_t event_at;          /* seconds since the epoch, UTC */
    char nhs_number[11];       /* "" when the message carries none */
    char family_name[80], given_name[80];
    char date_of_birth[11];    /* "YYYY-MM-DD" or "" */
    char ward[64], room[32], bed[32];
    char specialty[64];
    char visit_number[64];
    char discharge_disposition[16], discharge_destination[64];
    int64_t admitted_at, discharged_at;   /* 0: not given */
    char expected_discharge[11];          /* "YYYY-MM-DD" or "" */
};

/* 0, or -1 with err naming segment, field and a table 0357 code. *reject is
 * 1 when the ACK must be AR (not ADT, unknown event), else 0 (AE). */
int adt_extract(const struct hl7_message *m, int64_t now, struct adt_message *out, int *reject,
                struct hl7_error *err);
/* "A01" → ADT_A01 …; -1 when not one of ours. */
int adt_event_parse(const char *code);
/* "Admitted", "Transferred", … for pages. */
const char *adt_event_label(enum adt_event e);
/* Parses an HL7 TS (see above) into UTC seconds; -1 when malformed. */
int hl7_ts_parse(const char *s, int64_t *out);

#endif
