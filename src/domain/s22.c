/* s22: see s22.h for the contract and the text of Care Act 2014 s.22. */
#include "domain/s22.h"
#include <string.h>

static const char *const kind_names[] = {"health", "social_care",
                                         "registered_nurse_care"};
static const char *const funder_names[] = {"nhs", "council", "person", "joint"};
static const char *const verdict_names[] = {"allowed", "flagged", "forbidden"};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char r_ok_nhs[] = "the NHS may fund health and social care tasks";
static const char r_ok_social[] = "social care may be funded by the council, "
                                  "the person or jointly";
static const char r_health_council[] =
    "council funding of a health task: allowed only if merely incidental or "
    "ancillary and of a nature a council could be expected to provide "
    "(Care Act 2014 s.22(1)); review";
static const char r_rn_council[] =
    "a council may not provide or arrange nursing care by a registered nurse "
    "(Care Act 2014 s.22(3)); the ICB funds it (FNC or CHC)";
static const char r_person_health[] =
    "NHS care is free at the point of use unless an enactment allows a charge "
    "(NHS Act 2006 s.1(4)); review the person's contribution";

int s22_check(enum s22_task_kind kind, enum s22_funder funder,
              struct s22_result *out, struct domain_error *err)
{
    if ((unsigned)kind >= COUNT(kind_names))
        return domain_fail(err, DOMAIN_EINVAL, "kind", "is not a task kind");
    if ((unsigned)funder >= COUNT(funder_names))
        return domain_fail(err, DOMAIN_EINVAL, "funder", "is not a funder");
    struct s22_result r = {S22_ALLOWED, r_ok_nhs};
    if (funder == S22_FUNDER_NHS) {
        *out = r;
        return DOMAIN_OK;
    }
    switch (kind) {
    case S22_TASK_SOCIAL_CARE:
        r.reason = r_ok_social;
        break;
    case S22_TASK_HEALTH:
        r.verdict = S22_FLAGGED;
        r.reason = funder == S22_FUNDER_PERSON ? r_person_health : r_health_council;
        break;
    case S22_TASK_REGISTERED_NURSE_CARE:
        r.verdict = funder == S22_FUNDER_PERSON ? S22_FLAGGED : S22_FORBIDDEN;
        r.reason = funder == S22_FUNDER_PERSON ? r_person_health : r_rn_council;
        break;
    }
    *out = r;
    return DOMAIN_OK;
}

static int lookup(const char *const *names, size_t n, const char *s)
{
    for (size_t i = 0; s && i < n; i++)
        if (strcmp(names[i], s) == 0)
            return (int)i;
    return -1;
}

int s22_task_kind_parse(const char *s, const char *field,
                        enum s22_task_kind *out, struct domain_error *err)
{
    if (!s || !*s)
        return domain_fail(err, DOMAIN_EMISSING, field, "is required");
    int i = lookup(kind_names, COUNT(kind_names), s);
    if (i < 0)
        return domain_fail(err, DOMAIN_EINVAL, field,
                           "must be health, social_care or registered_nurse_care");
    *out = (enum s22_task_kind)i;
    return DOMAIN_OK;
}

int s22_funder_parse(const char *s, const char *field, enum s22_funder *out,
                     struct domain_error *err)
{
    if (!s || !*s)
        return domain_fail(err, DOMAIN_EMISSING, field, "is required");
    int i = lookup(funder_names, COUNT(funder_names), s);
    if (i < 0)
        return domain_fail(err, DOMAIN_EINVAL, field,
                           "must be nhs, council, person or joint");
    *out = (enum s22_funder)i;
    return DOMAIN_OK;
}

const char *s22_task_kind_name(enum s22_task_kind kind)
{
    return (unsigned)kind < COUNT(kind_names) ? kind_names[kind] : "unknown";
}

const char *s22_funder_name(enum s22_funder funder)
{
    return (unsigned)funder < COUNT(funder_names) ? funder_names[funder] : "unknown";
}

const char *s22_verdict_name(enum s22_verdict verdict)
{
    return (unsigned)verdict < COUNT(verdict_names) ? verdict_names[verdict]
                                                    : "unknown";
}
