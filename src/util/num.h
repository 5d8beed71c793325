/* num: decimal integers read from text — form fields, query strings, CLI
 * options, database columns — with every failure visible (the checked
 * replacement for the atoi family, which util/banned.h forbids).
 *
 * The whole string must be an optionally signed run of ASCII digits: no
 * leading or trailing space, no junk after the digits, not empty, and in
 * range of the target type. On failure *out is left untouched and the
 * function returns -1, so a caller can pre-set a default:
 *     int page = 1;
 *     if (p && num_parse_int(p, &page) < 0) page = 1;
 * NULL is a failure, not 0. Both are pure (no allocation, no errno left set). */
#ifndef SEAMLESS_NUM_H
#define SEAMLESS_NUM_H
#include <stdint.h>

#include <stddef.h>

__attribute__((warn_unused_result)) int num_parse_i64(const char *s, int64_t *out);
__attribute__((warn_unused_result)) int num_parse_int(const char *s, int *out);
/* The same rules for exactly the first n bytes of s (a number inside a
 * longer text: the year of "2026-12-02", the 12 of "$12::text"). */
__attribute__((warn_unused_result)) int num_parse_int_n(const char *s, size_t n, int *out);
/* s's value, or dflt when s is NULL or not a number (see above). */
int64_t num_i64_or(const char *s, int64_t dflt);
int num_int_or(const char *s, int dflt);

#endif
