/* care_act_assessments: the SQL behind Care Act 2014 needs assessments
 * (adults and carers). Rows travel as JSON objects keyed by column name
 * (integers as numbers, NULL as null; outcomes and wellbeing as the JSON
 * text stored). JSON results are owned by the caller; NULL means error (err
 * filled, STORE_ENOTFOUND when absent). Writes expect the caller's
 * transaction; the guarded updates return STORE_ENOTFOUND when the
 * assessment is no longer at that status and version (moved on meanwhile). */
#ifndef SEAMLESS_CARE_ACT_STORE_H
#define SEAMLESS_CARE_ACT_STORE_H
#include <jansson.h>
#include "store/accounts.h"

struct care_act_new {
    const char *person_id, *kind, *org_id, *team_id, *assessor_id;
};
int care_act_insert(struct store *db, const struct actor *by, const struct care_act_new *a, char id[STORE_ID_LEN],
                    struct store_error *err);
/* The assessment with person identifiers (names, NHS number, date of
 * birth), assessor_name, team_name and authorised_by_name. */
json_t *care_act_get(struct store *db, const char *id, struct store_error *err);
/* A person's assessments, newest first (no answers, no person details). */
json_t *care_act_for_person(struct store *db, const char *person_id, struct store_error *err);

/* The whole answer set of a draft; -1 in an int means not answered (NULL). */
struct care_act_answers {
    int impairment, arise, health, impact;
    const char *outcomes, *wellbeing, *person_views, *notes;
};
int care_act_save_answers(struct store *db, const struct actor *by, const char *id, long long version,
                          const struct care_act_answers *a, struct store_error *err);

struct care_act_completion {
    int computed_eligible, outcomes_unable, agrees, eligible;
    const char *reasons, *assessor_reason;
};
int care_act_complete(struct store *db, const struct actor *by, const char *id, long long version,
                      const struct care_act_completion *c, struct store_error *err);
int care_act_authorise(struct store *db, const struct actor *by, const char *id, long long version,
                       struct store_error *err);

#endif
