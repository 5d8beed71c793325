#include "domain/postcode.h"
#include <ctype.h>
#include <string.h>

static int is_alpha(char c) { return c >= 'A' && c <= 'Z'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Outward code shapes: A9, A99, AA9, AA99, A9A, AA9A. */
static int outward_ok(const char *s, size_t n)
{
    if (n < 2 || n > 4 || !is_alpha(s[0]))
        return 0;
    size_t i = is_alpha(s[1]) ? 2 : 1;
    if (i >= n || !is_digit(s[i]))
        return 0;
    i++;
    if (i == n)
        return 1;
    if (i == n - 1 && (is_digit(s[i]) || is_alpha(s[i])))
        return 1;
    return 0;
}

int postcode_normalise(const char *in, const char *field, char out[POSTCODE_MAX], struct domain_error *err)
{
    char c[16];
    size_t n = 0;
    if (!in)
        return domain_fail(err, DOMAIN_EMISSING, field, "is required");
    for (const char *p = in; *p; p++) {
        if (*p == ' ')
            continue;
        if (n >= 7 || !isalnum((unsigned char)*p))
            return domain_fail(err, DOMAIN_EINVAL, field, "is not a UK postcode (for example LE1 7RH)");
        c[n++] = (char)toupper((unsigned char)*p);
    }
    c[n] = '\0';
    if (n < 5)
        return domain_fail(err, DOMAIN_EINVAL, field, "is not a UK postcode (for example LE1 7RH)");
    const char *inward = c + n - 3;
    int ok = (strcmp(c, "GIR0AA") == 0) ||
             (is_digit(inward[0]) && is_alpha(inward[1]) && is_alpha(inward[2]) && outward_ok(c, n - 3));
    if (!ok)
        return domain_fail(err, DOMAIN_EINVAL, field, "is not a UK postcode (for example LE1 7RH)");
    memcpy(out, c, n - 3);
    out[n - 3] = ' ';
    memcpy(out + n - 2, inward, 4);
    return DOMAIN_OK;
}
