#include "domain/nhs_number.h"
#include <string.h>

int nhs_number_check_digit(const char *digits9)
{
    int sum = 0;
    for (int i = 0; i < 9; i++)
        sum += (digits9[i] - '0') * (10 - i);
    int check = 11 - sum % 11;
    return check == 11 ? 0 : check;
}

int nhs_number_parse(const char *in, char out[NHS_NUMBER_DIGITS], struct domain_error *err)
{
    if (!in || !*in)
        return domain_fail(err, DOMAIN_EMISSING, "nhs_number", "is required");
    char d[NHS_NUMBER_DIGITS];
    int n = 0;
    char prev = 0;
    for (const char *p = in; *p; p++) {
        char c = *p;
        if (c >= '0' && c <= '9') {
            if (n == 10)
                return domain_fail(err, DOMAIN_EINVAL, "nhs_number", "must be 10 digits (it has more)");
            d[n++] = c;
        } else if (c == ' ' || c == '-') {
            /* A separator only between digits, never two in a row. */
            if (n == 0 || prev == ' ' || prev == '-' || p[1] == '\0')
                return domain_fail(err, DOMAIN_EINVAL, "nhs_number",
                                   "may have spaces or hyphens only between digits");
        } else {
            return domain_fail(err, DOMAIN_EINVAL, "nhs_number", "must contain only digits, spaces or hyphens");
        }
        prev = c;
    }
    if (n != 10)
        return domain_fail(err, DOMAIN_EINVAL, "nhs_number", "must be 10 digits (it has %d)", n);
    d[10] = '\0';
    int check = nhs_number_check_digit(d);
    if (check == 10)
        return domain_fail(err, DOMAIN_EINVAL, "nhs_number", "is not a valid NHS number (no check digit fits)");
    if (d[9] - '0' != check)
        return domain_fail(err, DOMAIN_EINVAL, "nhs_number", "is not a valid NHS number (the check digit is wrong)");
    memcpy(out, d, NHS_NUMBER_DIGITS);
    return DOMAIN_OK;
}

void nhs_number_format(const char *digits, char out[NHS_NUMBER_FORMATTED])
{
    memcpy(out, digits, 3);
    out[3] = ' ';
    memcpy(out + 4, digits + 3, 3);
    out[7] = ' ';
    memcpy(out + 8, digits + 6, 4);
    out[12] = '\0';
}

int nhs_number_is_test_range(const char *digits)
{
    return strncmp(digits, "999", 3) == 0;
}

int nhs_number_status_is_valid(const char *code)
{
    return code && strlen(code) == 2 && code[0] == '0' && code[1] >= '1' && code[1] <= '8';
}

const char *nhs_number_status_after_edit(const char *old_number, const char *old_status, const char *new_number)
{
    if (!new_number || !*new_number)
        return "03";
    if (old_number && strcmp(old_number, new_number) == 0 && nhs_number_status_is_valid(old_status))
        return old_status;
    return "02";
}
