/* roles: which staff role may do what, as a pure rule.
 *
 * Every route declares one permission (see http/router.h); a request is let
 * through only when the caller's role grants it. Deny by default: an unknown
 * role or PERM_UNSET grants nothing. Board viewers see aggregates only and
 * never personal data (domain.md §12; issue "Foundation", Accounts). Person
 * records additionally need a legitimate relationship, checked per record
 * by the person-access function, not here.
 *
 * The integration role is a hospital's interface engine (issue 16): it may
 * only feed hospital events (PERM_HOSPITAL_FEED, which no other role has)
 * and reach the public routes — not even PERM_LOGGED_IN, whose pages and
 * lists (people search, reports, tokens) are for people. */
#ifndef SEAMLESS_ROLES_H
#define SEAMLESS_ROLES_H

enum perm {
    PERM_UNSET = 0,        /* a route left like this fails the route-table test */
    PERM_PUBLIC,           /* no login: health check, login page, static assets */
    PERM_LOGGED_IN,        /* any signed-in user: home page, own session, own tokens */
    PERM_PERSONAL_DATA,    /* may handle personal data: every role but board_viewer */
    PERM_ORG_ADMIN,        /* manage own organisation's teams and users */
    PERM_PRIVACY_OFFICER,  /* audit viewer, break-glass review */
    PERM_AGGREGATES,       /* board reports: aggregates only */
    PERM_HOSPITAL_FEED,    /* send a hospital's admissions, transfers, discharges */
};

/* The roles, in the order the API lists them. */
extern const char *const role_names[];
extern const int role_count;
extern const char *const org_type_names[];
extern const int org_type_count;
extern const char *const profession_names[];
extern const int profession_count;

int role_is_valid(const char *role);
int org_type_is_valid(const char *type);
int profession_is_valid(const char *profession);
/* 1 when role grants perm. */
int role_allows(const char *role, enum perm perm);
const char *perm_name(enum perm perm);

#endif
