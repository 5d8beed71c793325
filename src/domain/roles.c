#include "domain/roles.h"
#include <string.h>

const char *const role_names[] = {"practitioner", "team_manager", "org_admin", "privacy_officer",
                                  "finance", "panel_member", "board_viewer", "integration"};
const int role_count = sizeof role_names / sizeof role_names[0];

const char *const org_type_names[] = {"council", "icb", "acute_trust", "community_trust",
                                      "gp_practice", "provider", "voluntary"};
const int org_type_count = sizeof org_type_names / sizeof org_type_names[0];

/* domain.md §1: staff professions. */
const char *const profession_names[] = {"registered_nurse", "social_worker", "occupational_therapist",
                                        "physiotherapist", "gp", "doctor", "care_worker",
                                        "administrator", "commissioner", "finance", "trainer",
                                        "other"};
const int profession_count = sizeof profession_names / sizeof profession_names[0];

static int in_list(const char *s, const char *const *list, int n)
{
    if (!s)
        return 0;
    for (int i = 0; i < n; i++)
        if (strcmp(s, list[i]) == 0)
            return 1;
    return 0;
}

int role_is_valid(const char *role) { return in_list(role, role_names, role_count); }
int org_type_is_valid(const char *type) { return in_list(type, org_type_names, org_type_count); }
int profession_is_valid(const char *p) { return in_list(p, profession_names, profession_count); }

int role_allows(const char *role, enum perm perm)
{
    if (perm == PERM_PUBLIC)
        return 1;
    if (!role_is_valid(role))
        return 0;
    if (strcmp(role, "integration") == 0)
        return perm == PERM_HOSPITAL_FEED;
    switch (perm) {
    case PERM_LOGGED_IN:
        return 1;
    case PERM_PERSONAL_DATA:
        return strcmp(role, "board_viewer") != 0;
    case PERM_ORG_ADMIN:
        return strcmp(role, "org_admin") == 0;
    case PERM_PRIVACY_OFFICER:
        return strcmp(role, "privacy_officer") == 0;
    case PERM_AGGREGATES:
        return strcmp(role, "board_viewer") == 0 || strcmp(role, "team_manager") == 0 ||
               strcmp(role, "finance") == 0 || strcmp(role, "org_admin") == 0;
    default:
        return 0;
    }
}

const char *perm_name(enum perm perm)
{
    switch (perm) {
    case PERM_PUBLIC: return "public";
    case PERM_LOGGED_IN: return "logged_in";
    case PERM_PERSONAL_DATA: return "personal_data";
    case PERM_ORG_ADMIN: return "org_admin";
    case PERM_PRIVACY_OFFICER: return "privacy_officer";
    case PERM_AGGREGATES: return "aggregates";
    case PERM_HOSPITAL_FEED: return "hospital_feed";
    default: return "unset";
    }
}
