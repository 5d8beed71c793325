/* care_plan: see care_plan.h for the contract and the pinned rules. */
#include "domain/care_plan.h"
#include <string.h>
#include "domain/kpi.h"

int competency_cover(const struct competency_span *spans, size_t n, struct date from, struct date to,
                     struct competency_gap *gap, struct domain_error *err)
{
    if (date_compare(to, from) < 0)
        return domain_fail(err, DOMAIN_EINVAL, "to_on", "must be on or after the start date");
    int32_t day = date_to_days(from), last = date_to_days(to);
    int has_expiry = 0;
    int32_t expired = 0;
    while (day <= last) {
        /* The span covering `day` that runs longest, if any. */
        int32_t reach = -1;
        int found = 0;
        for (size_t i = 0; i < n; i++) {
            int32_t a = date_to_days(spans[i].assessed_on), e = date_to_days(spans[i].expires_on);
            if (a <= day && day <= e && (!found || e > reach)) {
                reach = e;
                found = 1;
            }
            if (e < day && (!has_expiry || e > expired)) {
                expired = e;
                has_expiry = 1;
            }
        }
        if (!found) {
            if (gap) {
                gap->first_uncovered = date_from_days(day);
                gap->has_expiry = has_expiry;
                gap->expired_on = date_from_days(expired);
            }
            return 0;
        }
        day = reach + 1;
    }
    return 1;
}

int care_plan_oversight_overdue(struct date review_on, struct date assignment_to, struct date today)
{
    return date_compare(review_on, today) < 0 && date_compare(review_on, assignment_to) <= 0;
}

static const char *const status_names[] = {"draft", "agreed", "active", "ended"};

int care_plan_status_parse(const char *s, const char *field, enum care_plan_status *out, struct domain_error *err)
{
    for (int i = 0; s && i < 4; i++)
        if (strcmp(s, status_names[i]) == 0) {
            *out = (enum care_plan_status)i;
            return DOMAIN_OK;
        }
    return domain_fail(err, s ? DOMAIN_EINVAL : DOMAIN_EMISSING, field, "must be draft, agreed, active or ended");
}

const char *care_plan_status_name(enum care_plan_status s)
{
    return (unsigned)s < 4 ? status_names[s] : "unknown";
}

int care_plan_transition(enum care_plan_status from, enum care_plan_status to, struct domain_error *err)
{
    /* allowed[from][to] */
    static const unsigned char allowed[4][4] = {
        /* draft */ {0, 1, 0, 1},
        /* agreed */ {1, 0, 1, 1},
        /* active */ {0, 0, 0, 1},
        /* ended */ {0, 0, 0, 0},
    };
    if ((unsigned)from > 3 || (unsigned)to > 3)
        return domain_fail(err, DOMAIN_EINVAL, "status", "is not a plan status");
    if (!allowed[from][to])
        return domain_fail(err, DOMAIN_EINVAL, "status", "a %s plan cannot become %s", status_names[from],
                           status_names[to]);
    return DOMAIN_OK;
}

int care_plan_weekly_calls(long long calls, const char *per, long long *weekly, struct domain_error *err)
{
    long long w;
    if (per && strcmp(per, "day") == 0)
        w = calls > 1000 ? 1001 : calls * 7;
    else if (per && strcmp(per, "week") == 0)
        w = calls;
    else
        return domain_fail(err, per ? DOMAIN_EINVAL : DOMAIN_EMISSING, "per", "must be day or week");
    if (calls < 1 || w > 1000)
        return domain_fail(err, DOMAIN_EINVAL, "calls", "must be between 1 and 1000 calls a week");
    *weekly = w;
    return DOMAIN_OK;
}

int care_plan_registered_health(const char *profession)
{
    static const char *const registered[] = {"registered_nurse", "gp", "doctor", "occupational_therapist",
                                             "physiotherapist"};
    for (size_t i = 0; profession && i < sizeof registered / sizeof registered[0]; i++)
        if (strcmp(profession, registered[i]) == 0)
            return 1;
    return 0;
}

int care_plan_assessor_eligible(const char *profession)
{
    return care_plan_registered_health(profession) || (profession && strcmp(profession, "trainer") == 0);
}

const char *const care_plan_vfm_fields[CARE_PLAN_VFM_COUNT] = {"vfm_call_frequency", "vfm_skill_mix",
                                                               "vfm_assistive_technology", "vfm_community_resources"};

static int blank(const char *s)
{
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return 0;
    return 1;
}

int care_plan_vfm_check(const char *const answers[CARE_PLAN_VFM_COUNT], struct domain_error *err)
{
    static const char *const what[CARE_PLAN_VFM_COUNT] = {"call frequency", "the workforce skill mix",
                                                          "assistive technology", "community resources"};
    for (int i = 0; i < CARE_PLAN_VFM_COUNT; i++)
        if (blank(answers[i]))
            return domain_fail(err, DOMAIN_EMISSING, care_plan_vfm_fields[i],
                               "before the plan is active, record how %s was considered", what[i]);
    return DOMAIN_OK;
}

int care_plan_training_uptake(const struct training_worker *w, size_t n, struct date today, long long *num,
                              long long *den, int *tenths)
{
    struct date since;
    if (date_add_months(today, -12, &since, NULL) != 0)
        since = today;
    long long k = 0;
    for (size_t i = 0; i < n; i++)
        if (w[i].trained && date_compare(w[i].last_completed, since) >= 0 &&
            date_compare(w[i].last_completed, today) <= 0)
            k++;
    *num = k;
    *den = (long long)n;
    int32_t t = 0;
    int has = kpi_percent_tenths(k, (int64_t)n, &t);
    *tenths = has ? t : 0;
    return has;
}

int care_plan_may_change_status(int in_holding_team, const char *role)
{
    return in_holding_team && role && (strcmp(role, "practitioner") == 0 || strcmp(role, "team_manager") == 0);
}

int care_plan_end_reason_check(const char *reason, struct domain_error *err)
{
    while (reason && (*reason == ' ' || *reason == '\t' || *reason == '\n' || *reason == '\r'))
        reason++;
    if (reason && strlen(reason) >= CARE_PLAN_END_REASON_MIN)
        return 0;
    return domain_fail(err, DOMAIN_EMISSING, "reason", "Enter a reason of at least 10 characters");
}
