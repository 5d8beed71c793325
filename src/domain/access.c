#include "domain/access.h"
#include <stddef.h>

enum access_decision access_decide(const struct access_facts *f)
{
    if (!f->person_exists)
        return ACCESS_NOT_FOUND;
    if (f->has_break_glass)
        return ACCESS_BREAK_GLASS;
    if (!f->has_relationship)
        return ACCESS_DENIED_NO_RELATIONSHIP;
    if (f->objects_to_sharing && !f->org_holds_data)
        return ACCESS_DENIED_OBJECTION;
    return ACCESS_RELATIONSHIP;
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
