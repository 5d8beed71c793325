#include "domain/chc_challenge.h"
#include <string.h>

static const char *const stage_names[CHC_STAGES] = {"local_resolution", "independent_review"};
static const char *const stage_labels[CHC_STAGES] = {"Local resolution with the ICB",
                                                     "Independent review by NHS England"};
static const char *const outcome_names[CHC_CHALLENGE_OUTCOMES] = {"upheld", "not_upheld", "withdrawn"};

static int parse(const char *s, const char *field, const char *const *names, int n, const char *choices,
                 int *out, struct domain_error *err)
{
    if (!s || !*s)
        return domain_fail(err, DOMAIN_EMISSING, field, "is required: %s", choices);
    for (int i = 0; i < n; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = i;
            return DOMAIN_OK;
        }
    return domain_fail(err, DOMAIN_EINVAL, field, "must be %s", choices);
}

int chc_challenge_stage_parse(const char *s, const char *field, enum chc_challenge_stage *out,
                              struct domain_error *err)
{
    int v = 0;
    int rc = parse(s, field, stage_names, CHC_STAGES, "local_resolution or independent_review", &v, err);
    if (rc == DOMAIN_OK)
        *out = (enum chc_challenge_stage)v;
    return rc;
}

const char *chc_challenge_stage_name(enum chc_challenge_stage s)
{
    return (unsigned)s < CHC_STAGES ? stage_names[s] : "";
}

const char *chc_challenge_stage_label(enum chc_challenge_stage s)
{
    return (unsigned)s < CHC_STAGES ? stage_labels[s] : "";
}

int chc_challenge_outcome_parse(const char *s, const char *field, enum chc_challenge_outcome *out,
                                struct domain_error *err)
{
    int v = 0;
    int rc = parse(s, field, outcome_names, CHC_CHALLENGE_OUTCOMES, "upheld, not_upheld or withdrawn", &v, err);
    if (rc == DOMAIN_OK)
        *out = (enum chc_challenge_outcome)v;
    return rc;
}

const char *chc_challenge_outcome_name(enum chc_challenge_outcome o)
{
    return (unsigned)o < CHC_CHALLENGE_OUTCOMES ? outcome_names[o] : "";
}

int chc_challenge_check_request(const struct chc_challenge_request *r, struct chc_challenge_check *out,
                                struct domain_error *err)
{
    char when[DATE_STR_SIZE];
    int rc = date_add_months(r->letter_on, CHC_CHALLENGE_REQUEST_MONTHS, &out->deadline, err);
    if (rc != DOMAIN_OK)
        return rc;
    out->late = 0;
    const char *letter = r->stage == CHC_STAGE_LOCAL_RESOLUTION ? "the decision letter"
                                                                 : "the local resolution outcome";
    if (date_compare(r->requested_on, r->today) > 0)
        return domain_fail(err, DOMAIN_EINVAL, "requested_on", "is in the future");
    if (date_compare(r->requested_on, r->letter_on) < 0)
        return domain_fail(err, DOMAIN_EINVAL, "requested_on", "is before %s", letter);
    if (date_compare(r->requested_on, out->deadline) > 0) {
        date_format(out->deadline, when);
        if (!r->late_accepted)
            return domain_fail(err, DOMAIN_EINVAL, "requested_on",
                               "is more than 6 months after %s (the deadline was %s); a late request needs "
                               "late_accepted and the reason it is accepted", letter, when);
        if (!r->late_reason || strlen(r->late_reason) < CHC_LATE_REASON_MIN)
            return domain_fail(err, DOMAIN_EINVAL, "late_reason",
                               "say why a request after the deadline (%s) is accepted, in 10 characters or more",
                               when);
        out->late = 1;
    }
    return DOMAIN_OK;
}

int chc_challenge_may_escalate(int has_local, int local_concluded, enum chc_challenge_outcome local_outcome,
                               struct domain_error *err)
{
    if (!has_local)
        return domain_fail(err, DOMAIN_EINVAL, "stage",
                           "an independent review needs local resolution with the ICB first");
    if (!local_concluded)
        return domain_fail(err, DOMAIN_EINVAL, "stage",
                           "local resolution is still open: an independent review can follow its outcome");
    if (local_outcome != CHC_CHALLENGE_NOT_UPHELD)
        return domain_fail(err, DOMAIN_EINVAL, "stage",
                           "an independent review follows a local resolution that was not upheld");
    return DOMAIN_OK;
}

struct date chc_local_resolution_target(struct date requested_on)
{
    struct date t = requested_on;
    if (date_add_months(requested_on, CHC_LOCAL_RESOLUTION_TARGET_MONTHS, &t, NULL) != DOMAIN_OK)
        return requested_on;
    return t;
}

int chc_local_resolution_overdue(struct date requested_on, struct date today)
{
    return date_compare(today, chc_local_resolution_target(requested_on)) > 0;
}
