/* nhs_number: the NHS number — parse, validate (Modulus 11), format.
 *
 * Source: NHS Data Model and Dictionary, "NHS Number": ten digits; multiply
 * digits 1–9 by weights 10, 9 … 2, sum, remainder = sum mod 11, check digit
 * = 11 − remainder; a check of 11 becomes 0; a check of 10 means the number
 * is invalid; the tenth digit must equal the check digit. Displayed 3-3-4
 * ("943 476 5919"). Input may contain spaces or hyphens between digits.
 * Numbers starting 999 are the national test range (synthetic data). */
#ifndef SEAMLESS_NHS_NUMBER_H
#define SEAMLESS_NHS_NUMBER_H
#include "domain/domain_error.h"

#define NHS_NUMBER_DIGITS 11      /* 10 digits + NUL */
#define NHS_NUMBER_FORMATTED 13   /* "943 476 5919" + NUL */

/* Parses in (digits, with single spaces or hyphens between groups allowed)
 * into 10 digits. Errors name field "nhs_number": wrong length, a
 * character that is not a digit, a check digit of 10, or a mismatch. */
MUST_CHECK int nhs_number_parse(const char *in, char out[NHS_NUMBER_DIGITS], struct domain_error *err);
/* The check digit for the first nine digits: 0–9, or 10 when no valid
 * number starts with them. digits9 must be nine ASCII digits. */
int nhs_number_check_digit(const char *digits9);
/* "9434765919" → "943 476 5919". digits must be 10 digits. */
void nhs_number_format(const char *digits, char out[NHS_NUMBER_FORMATTED]);
/* 1 when the (valid) number is in the 999 test range. */
int nhs_number_is_test_range(const char *digits);

/* NHS Number Status Indicator Code (NHS Data Dictionary): "01" present and
 * verified (traced against PDS), "02" present but not traced, "03" trace
 * required, "04" trace attempted – no match or multiple match found, "05"
 * trace needs to be resolved, "06" trace in progress, "07" number not
 * present and trace not required, "08" trace postponed. Words for each:
 * domain/words.h words_nhs_number_status. */
#define NHS_NUMBER_STATUS_SIZE 3
int nhs_number_status_is_valid(const char *code);
/* The status after a user saves a record (issue #14 item 5): a number typed
 * in is "02" (present but not traced) until a trace says otherwise; an
 * unchanged number keeps the status it had (a trace result stands); no
 * number is "03" (trace required). Users never set "01" themselves. */
const char *nhs_number_status_after_edit(const char *old_number, const char *old_status, const char *new_number);

#endif
