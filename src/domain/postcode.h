/* postcode: UK postcodes, validated and normalised.
 *
 * Source: the UK postcode format (Royal Mail Programmers' Guide; GOV.UK
 * "Bulk Data Transfer: additional validation" regular expression):
 * outward code A9, A99, AA9, AA99, A9A or AA9A; inward code 9AA. Input may be
 * any case with any spaces; the normal form is upper case with one space
 * before the inward code ("LE1 7RH"). The special GIR 0AA is accepted. */
#ifndef SEAMLESS_POSTCODE_H
#define SEAMLESS_POSTCODE_H
#include "domain/domain_error.h"

#define POSTCODE_MAX 9   /* "AA9A 9AA" + NUL */

/* 0 and out filled with the normal form; DOMAIN_EINVAL naming field. */
int postcode_normalise(const char *in, const char *field, char out[POSTCODE_MAX], struct domain_error *err);

#endif
