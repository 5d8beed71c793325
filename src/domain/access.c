#include "domain/access.h"
#include <stddef.h>
#include <string.h>

const char *const access_direct_care_roles[] = {"practitioner", "team_manager"};
const int access_direct_care_role_count = 2;
const char *const access_partnership_org_types[] = {"council", "icb", "acute_trust", "community_trust", "gp_practice"};
const int access_partnership_org_type_count = 5;

static int listed(const char *s, const char *const *list, int n)
{
    for (int i = 0; s && i < n; i++)
        if (strcmp(s, list[i]) == 0)
            return 1;
    return 0;
}

int access_attendance_grants(const char *role, const char *org_type)
{
    return listed(role, access_direct_care_roles, access_direct_care_role_count) &&
           listed(org_type, access_partnership_org_types, access_partnership_org_type_count);
}

enum access_decision access_decide(const struct access_facts *f)
{
    if (!f->person_exists)
        return ACCESS_NOT_FOUND;
    if (f->has_relationship && !(f->objects_to_sharing && !f->org_holds_data))
        return ACCESS_RELATIONSHIP;
    if (f->has_break_glass)
        return ACCESS_BREAK_GLASS;
    return f->has_relationship ? ACCESS_DENIED_OBJECTION : ACCESS_DENIED_NO_RELATIONSHIP;
}

int access_allowed(enum access_decision d)
{
    return d == ACCESS_RELATIONSHIP || d == ACCESS_BREAK_GLASS;
}

const char *access_basis(enum access_decision d)
{
    switch (d) {
    case ACCESS_RELATIONSHIP: return "relationship";
    case ACCESS_BREAK_GLASS: return "break_glass";
    default: return NULL;
    }
}
