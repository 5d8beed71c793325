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
int nhs_number_parse(const char *in, char out[NHS_NUMBER_DIGITS], struct domain_error *err);
/* The check digit for the first nine digits: 0–9, or 10 when no valid
 * number starts with them. digits9 must be nine ASCII digits. */
int nhs_number_check_digit(const char *digits9);
/* "9434765919" → "943 476 5919". digits must be 10 digits. */
void nhs_number_format(const char *digits, char out[NHS_NUMBER_FORMATTED]);
/* 1 when the (valid) number is in the 999 test range. */
int nhs_number_is_test_range(const char *digits);

#endif
