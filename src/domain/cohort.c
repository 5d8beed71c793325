#include "domain/cohort.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

int cohort_membership(const struct cohort_input *in, int *cohorts, struct domain_error *err)
{
    *cohorts = 0;
    if (in->ltc_count < 0)
        return domain_fail(err, DOMAIN_EINVAL, "ltc_count", "must not be negative");
    if (in->predicted_cost_pence < 0)
        return domain_fail(err, DOMAIN_EINVAL, "predicted_cost_pence", "must not be negative");
    if (in->average_cost_pence < 0)
        return domain_fail(err, DOMAIN_EINVAL, "average_cost_pence", "must not be negative");
    if (in->ltc_count >= 5)
        *cohorts |= COHORT_LTC5;
    /* predicted >= 3 × average, without overflow: for non-negative
     * integers floor(p / 3) >= a exactly when p >= 3a. */
    if (in->average_cost_pence > 0 && in->predicted_cost_pence / 3 >= in->average_cost_pence)
        *cohorts |= COHORT_HIGH_COST;
    if (in->efi == EFI_MODERATE || in->efi == EFI_SEVERE || in->frailty_flag)
        *cohorts |= COHORT_FRAILTY;
    return DOMAIN_OK;
}

void cohort_reason(const struct cohort_input *in, int cohort, char *out, size_t n)
{
    switch (cohort) {
    case COHORT_LTC5:
        snprintf(out, n, "%d long-term conditions (5 or more)", in->ltc_count);
        break;
    case COHORT_HIGH_COST:
        snprintf(out, n, "predicted acute cost £%lld is %lld.%02lld × the average (3 × or more)",
                 (long long)(in->predicted_cost_pence / 100),
                 (long long)(in->average_cost_pence ? in->predicted_cost_pence / in->average_cost_pence : 0),
                 (long long)(in->average_cost_pence ? (in->predicted_cost_pence % in->average_cost_pence) * 100 /
                                                       in->average_cost_pence : 0));
        break;
    case COHORT_FRAILTY:
        snprintf(out, n, in->frailty_flag && in->efi < EFI_MODERATE ? "frailty flag recorded"
                                                                  : "eFI %s frailty", efi_category_name(in->efi));
        break;
    default:
        snprintf(out, n, "not in a cohort");
    }
}

int64_t cohort_average(int64_t people, int64_t total_pence)
{
    return people > 0 && total_pence > 0 ? total_pence / people : 0;
}

int64_t cohort_cost_threshold(int64_t average)
{
    return average <= 0 || average > INT64_MAX / 3 ? INT64_MAX : 3 * average;
}

int cohort_entries(const struct cohort_person *p, int64_t average, struct cohort_entry out[COHORT_KINDS])
{
    if (!p->current || !p->placed)
        return 0;
    struct cohort_input in = {p->ltc_count < 0 ? 0 : p->ltc_count,
                              p->predicted_cost_pence < 0 ? 0 : p->predicted_cost_pence,
                              average < 0 ? 0 : average, efi_category_for_count(p->efi_count), p->frailty_flag};
    int flags = 0, n = 0;
    cohort_membership(&in, &flags, NULL);
    if (flags & COHORT_LTC5)
        out[n++] = (struct cohort_entry){COHORT_KIND_LTC5, -(int64_t)in.ltc_count, 1};
    if (flags & COHORT_HIGH_COST)
        out[n++] = (struct cohort_entry){COHORT_KIND_HIGH_COST, -in.predicted_cost_pence, 0};
    if (flags & COHORT_FRAILTY)
        out[n++] = (struct cohort_entry){COHORT_KIND_FRAILTY, -(int64_t)(p->efi_count < 0 ? 0 : p->efi_count), 1};
    return n;
}

void cohort_population_share(const struct cohort_person *p, int64_t *people, int64_t *total_pence)
{
    *people = p->current ? 1 : 0;
    *total_pence = p->current && p->predicted_cost_pence > 0 ? p->predicted_cost_pence : 0;
}

int cohort_key_cmp(const struct cohort_key *a, const struct cohort_key *b)
{
    if (a->rank_key != b->rank_key)
        return a->rank_key < b->rank_key ? -1 : 1;
    int c = strcmp(a->name_key ? a->name_key : "", b->name_key ? b->name_key : "");
    if (c)
        return c < 0 ? -1 : 1;
    c = strcmp(a->person_id ? a->person_id : "", b->person_id ? b->person_id : "");
    return c < 0 ? -1 : c > 0;
}

/* rank "." person id "." name key in hex */
int cohort_cursor_format(const struct cohort_key *k, char *out, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const char *id = k->person_id ? k->person_id : "", *name = k->name_key ? k->name_key : "";
    for (const char *c = id; *c; c++)
        if (!isalnum((unsigned char)*c))
            return -1;
    int w = snprintf(out, n, "%lld.%s.", (long long)k->rank_key, id);
    if (w < 0 || (size_t)w + 2 * strlen(name) + 1 > n)
        return -1;
    size_t at = (size_t)w;
    for (const unsigned char *c = (const unsigned char *)name; *c; c++) {
        out[at++] = hex[*c >> 4];
        out[at++] = hex[*c & 15];
    }
    out[at] = '\0';
    return 0;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int cohort_cursor_parse(const char *cursor, struct cohort_key *k, char *names, size_t nn, char *ids, size_t idn)
{
    const char *dot1 = cursor ? strchr(cursor, '.') : NULL, *dot2 = dot1 ? strchr(dot1 + 1, '.') : NULL;
    if (!dot1 || !dot2 || dot1 == cursor || dot1 - cursor > 20 || dot2 == dot1 + 1)
        return -1;
    int64_t r = 0;
    int neg = *cursor == '-';
    const char *c = cursor + neg;
    if (c == dot1)
        return -1;
    for (; c < dot1; c++) {
        if (!isdigit((unsigned char)*c) || r > (INT64_MAX - (*c - '0')) / 10)
            return -1;
        r = r * 10 + (*c - '0');
    }
    size_t idlen = (size_t)(dot2 - dot1 - 1), hexlen = strlen(dot2 + 1);
    if (idlen + 1 > idn || hexlen % 2 || hexlen / 2 + 1 > nn)
        return -1;
    for (size_t i = 0; i < idlen; i++)
        if (!isalnum((unsigned char)dot1[1 + i]))
            return -1;
    memcpy(ids, dot1 + 1, idlen);
    ids[idlen] = '\0';
    for (size_t i = 0; i < hexlen / 2; i++) {
        int hi = hexval(dot2[1 + 2 * i]), lo = hexval(dot2[2 + 2 * i]);
        if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
            return -1;
        names[i] = (char)(hi << 4 | lo);
    }
    names[hexlen / 2] = '\0';
    *k = (struct cohort_key){neg ? -r : r, names, ids};
    return 0;
}
