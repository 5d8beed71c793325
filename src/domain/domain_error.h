/* domain_error: how a pure domain rule says which input was wrong.
 *
 * Every domain function that can reject input takes a `struct domain_error *`
 * (may be NULL when the caller does not care) and, on failure, returns a
 * negative status and fills it: `field` names the input exactly as the API
 * names it (e.g. "nhs_number", "domains.breathing", "outcomes.nutrition"),
 * `message` says what is wrong in words a user can act on. Both are
 * NUL-terminated and truncated to fit; no allocation. */
#ifndef SEAMLESS_DOMAIN_ERROR_H
#define SEAMLESS_DOMAIN_ERROR_H

enum {
    DOMAIN_OK = 0,
    DOMAIN_EINVAL = -1,   /* a value is malformed or out of range */
    DOMAIN_EMISSING = -2, /* a required value is absent */
    DOMAIN_ERANGE = -3,   /* arithmetic would overflow */
};

/* On every parser: its status must be looked at, since on failure the out
 * value is unset (with -Werror an ignored status does not compile). */
#define MUST_CHECK __attribute__((warn_unused_result))

struct domain_error {
    char field[64];
    char message[200];
};

/* Fills err (when not NULL) and returns code, so callers can write
 * `return domain_fail(err, DOMAIN_EINVAL, "date_of_birth", "is in the future");`.
 * message is a printf format. */
int domain_fail(struct domain_error *err, int code, const char *field,
                const char *message, ...) __attribute__((format(printf, 4, 5)));

#endif
