/* money: see money.h for the contract and the rounding rules. */
#include "domain/money.h"

int money_add(int64_t a, int64_t b, int64_t *out, struct domain_error *err)
{
    int64_t r;
    if (__builtin_add_overflow(a, b, &r))
        return domain_fail(err, DOMAIN_ERANGE, "amount", "is too large");
    *out = r;
    return DOMAIN_OK;
}

int money_mul(int64_t a, int64_t n, int64_t *out, struct domain_error *err)
{
    int64_t r;
    if (__builtin_mul_overflow(a, n, &r))
        return domain_fail(err, DOMAIN_ERANGE, "amount", "is too large");
    *out = r;
    return DOMAIN_OK;
}

int money_weekly_to_annual(int64_t weekly, int64_t *annual,
                           struct domain_error *err)
{
    int64_t r;
    if (__builtin_mul_overflow(weekly, (int64_t)MONEY_WEEKS_PER_YEAR, &r))
        return domain_fail(err, DOMAIN_ERANGE, "weekly_pence",
                           "is too large to annualise");
    *annual = r;
    return DOMAIN_OK;
}

int64_t money_annual_to_weekly(int64_t annual)
{
    int64_t q = annual / MONEY_WEEKS_PER_YEAR;
    int64_t r = annual % MONEY_WEEKS_PER_YEAR;  /* same sign as annual */
    if (r >= 0 ? 2 * r >= MONEY_WEEKS_PER_YEAR : -2 * r >= MONEY_WEEKS_PER_YEAR)
        q += annual < 0 ? -1 : 1;
    return q;
}

static uint64_t magnitude(int64_t v)
{
    return v < 0 ? (uint64_t)(-(v + 1)) + 1 : (uint64_t)v;
}

static int64_t signed_part(uint64_t p, int negative)
{
    if (!negative || p == 0)
        return (int64_t)p;
    return -(int64_t)(p - 1) - 1;   /* p may be 2^63 */
}

/* The largest-remainder split for weight totals up to max_total; products
 * r * w_i are taken in 128 bits so any int64 total stays exact. */
static int split_core(int64_t amount, const int64_t *weights, size_t n,
                      int64_t *parts, int64_t max_total,
                      struct domain_error *err)
{
    if (n == 0 || !weights || !parts)
        return domain_fail(err, DOMAIN_EINVAL, "weights", "are missing");
    int64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        if (weights[i] < 0)
            return domain_fail(err, DOMAIN_EINVAL, "weights",
                               "weight %zu is negative", i);
        if (weights[i] > max_total ||
            __builtin_add_overflow(total, weights[i], &total) ||
            total > max_total)
            return domain_fail(err, DOMAIN_EINVAL, "weights", "total is too large");
    }
    if (total == 0)
        return domain_fail(err, DOMAIN_EINVAL, "weights", "add up to zero");
    typedef unsigned __int128 u128;
    uint64_t mag = magnitude(amount), w = (uint64_t)total;
    uint64_t q = mag / w, r = mag % w, given = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t wi = (uint64_t)weights[i];
        given += q * wi + (uint64_t)((u128)r * wi / w);
    }
    uint64_t leftover = mag - given;   /* < number of parts with a remainder */
    for (size_t i = 0; i < n; i++) {
        uint64_t wi = (uint64_t)weights[i];
        uint64_t rem = (uint64_t)((u128)r * wi % w), rank = 0;
        for (size_t j = 0; j < n && rank < leftover; j++) {
            uint64_t remj = (uint64_t)((u128)r * (uint64_t)weights[j] % w);
            rank += remj > rem || (remj == rem && j < i);
        }
        uint64_t p = q * wi + (uint64_t)((u128)r * wi / w) + (rank < leftover);
        parts[i] = signed_part(p, amount < 0);
    }
    return DOMAIN_OK;
}

int money_split(int64_t amount, const int64_t *weights, size_t n,
                int64_t *parts, struct domain_error *err)
{
    return split_core(amount, weights, n, parts, MONEY_SPLIT_MAX_WEIGHT_TOTAL, err);
}

int money_split_large(int64_t amount, const int64_t *weights, size_t n,
                      int64_t *parts, struct domain_error *err)
{
    return split_core(amount, weights, n, parts, INT64_MAX, err);
}

void money_format(int64_t pence, char out[MONEY_STR_SIZE])
{
    char rev[MONEY_STR_SIZE];
    size_t n = 0;
    uint64_t mag = magnitude(pence);
    uint64_t pounds = mag / 100, p = mag % 100;
    rev[n++] = (char)('0' + p % 10);
    rev[n++] = (char)('0' + p / 10);
    rev[n++] = '.';
    int digits = 0;
    do {
        if (digits > 0 && digits % 3 == 0)
            rev[n++] = ',';
        rev[n++] = (char)('0' + pounds % 10);
        pounds /= 10;
        digits++;
    } while (pounds > 0);
    size_t o = 0;
    if (pence < 0)
        out[o++] = '-';
    out[o++] = (char)0xC2;   /* £ in UTF-8 */
    out[o++] = (char)0xA3;
    while (n > 0)
        out[o++] = rev[--n];
    out[o] = '\0';
}

/* Appends digit c to *v (pounds); -1 when it passes limit. */
static int push_digit(uint64_t *v, char c, uint64_t limit)
{
    uint64_t d = (uint64_t)(c - '0');
    if (*v > (limit - d) / 10)
        return -1;
    *v = *v * 10 + d;
    return 0;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Reads the pounds part at *pp (plain or comma-grouped) into *v. Returns 0,
 * -1 on bad shape, -2 past limit. */
static int scan_pounds(const char **pp, uint64_t *v, uint64_t limit)
{
    const char *p = *pp;
    size_t run = 0;
    for (; is_digit(p[run]); run++)
        if (push_digit(v, p[run], limit) != 0)
            return -2;
    if (run == 0)
        return -1;
    if (p[run] == ',') {
        if (run > 3 || p[0] == '0')
            return -1;
        p += run;
        while (*p == ',') {
            for (int k = 1; k <= 3; k++)
                if (!is_digit(p[k]))
                    return -1;
            for (int k = 1; k <= 3; k++)
                if (push_digit(v, p[k], limit) != 0)
                    return -2;
            p += 4;
        }
        if (is_digit(*p))
            return -1;
    } else {
        p += run;
    }
    *pp = p;
    return 0;
}

int money_parse(const char *s, const char *field, int64_t *out,
                struct domain_error *err)
{
    static const char shape[] = "must be an amount in pounds like 1234.56 or £1,234.56";
    if (!s || !*s)
        return domain_fail(err, DOMAIN_EMISSING, field, "is required");
    const char *p = s;
    int neg = *p == '-';
    p += neg;
    if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA3)
        p += 2;
    /* Limit in pence: INT64_MAX, or 2^63 for a negative amount. */
    uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    uint64_t pounds = 0;
    int rc = scan_pounds(&p, &pounds, limit / 100);
    if (rc == -2)
        return domain_fail(err, DOMAIN_ERANGE, field, "is too large");
    if (rc != 0)
        return domain_fail(err, DOMAIN_EINVAL, field, "%s", shape);
    uint64_t pence = 0;
    if (*p == '.') {
        if (!is_digit(p[1]))
            return domain_fail(err, DOMAIN_EINVAL, field, "%s", shape);
        pence = (uint64_t)(p[1] - '0') * 10;
        p += 2;
        if (is_digit(*p))
            pence += (uint64_t)(*p++ - '0');
        if (is_digit(*p))
            return domain_fail(err, DOMAIN_EINVAL, field,
                               "has more than two decimal places");
    }
    if (*p != '\0')
        return domain_fail(err, DOMAIN_EINVAL, field, "%s", shape);
    if (pounds * 100 > limit - pence)
        return domain_fail(err, DOMAIN_ERANGE, field, "is too large");
    *out = signed_part(pounds * 100 + pence, neg);
    return DOMAIN_OK;
}

int money_check_bounds(int64_t pence, int64_t min_pence, int64_t max_pence, const char *field,
                       struct domain_error *err)
{
    char text[MONEY_STR_SIZE];
    if (pence > max_pence) {
        money_format(max_pence, text);
        return domain_fail(err, DOMAIN_ERANGE, field, "must be at most %s", text);
    }
    if (pence < min_pence) {
        if (min_pence == 0)
            return domain_fail(err, DOMAIN_ERANGE, field, "must not be negative");
        money_format(min_pence, text);
        return domain_fail(err, DOMAIN_ERANGE, field, "must be at least %s", text);
    }
    return DOMAIN_OK;
}
