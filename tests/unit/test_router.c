/* Unit tests for the router (pattern matching, 404 vs 405) and for the
 * route table itself: every route declares a permission, and only the
 * allow-listed routes are public (deny by default). */
#include "test_helpers.h"
#include "http/router.h"
#include "api/routes.h"
#include "web/notice.h"
#include <string.h>

static void noop(struct request *req, struct response *res) { (void)req; (void)res; }

static const struct route table[] = {
    {"GET", "/api/v1/teams", noop, PERM_LOGGED_IN},
    {"GET", "/api/v1/teams/{id}", noop, PERM_LOGGED_IN},
    {"PATCH", "/api/v1/teams/{id}", noop, PERM_ORG_ADMIN},
    {"POST", "/api/v1/persons/{id}/notes/{note}", noop, PERM_PERSONAL_DATA},
    {NULL, NULL, NULL, PERM_UNSET},
};

struct match_case {
    const char *method, *path;
    int expect_index;      /* -1: no match */
    int path_known;
    const char *p0, *p1;
};

static void matches_patterns_and_tells_404_from_405(void **state)
{
    (void)state;
    static const struct match_case cases[] = {
        {"GET", "/api/v1/teams", 0, 0, NULL, NULL},
        {"GET", "/api/v1/teams/abc", 1, 0, "abc", NULL},
        {"HEAD", "/api/v1/teams/abc", 1, 0, "abc", NULL},
        {"PATCH", "/api/v1/teams/abc", 2, 1, "abc", NULL},
        {"DELETE", "/api/v1/teams/abc", -1, 1, NULL, NULL},     /* 405 */
        {"GET", "/api/v1/teams/", -1, 0, NULL, NULL},          /* empty segment */
        {"GET", "/api/v1/teams/abc/def", -1, 0, NULL, NULL},
        {"GET", "/api/v1/team", -1, 0, NULL, NULL},
        {"POST", "/api/v1/persons/p1/notes/n2", 3, 0, "p1", "n2"},
        {"GET", "/nowhere", -1, 0, NULL, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct arena a;
        arena_init(&a);
        const char *params[HTTP_MAX_PARAMS] = {0};
        int known = -1;
        const struct route *r = router_match(table, &a, cases[i].method, cases[i].path, params, &known);
        if (cases[i].expect_index < 0) {
            assert_null(r);
            assert_int_equal(known, cases[i].path_known);
        } else {
            assert_ptr_equal(r, &table[cases[i].expect_index]);
            if (cases[i].p0) assert_string_equal(params[0], cases[i].p0);
            if (cases[i].p1) assert_string_equal(params[1], cases[i].p1);
        }
        arena_free(&a);
    }
}

/* Routes that need no sign-in. Adding one is a security decision: it has
 * to be added here too. */
static const char *const public_routes[] = {
    "GET /healthz", "GET /healthz/ready", "GET /static/{name}", "GET /assets/images/{name}",
    "POST /api/v1/sessions", "GET /login", "POST /login",
    "GET /fhir/R4/metadata",   /* FHIR discovery: says what is served, holds no data */
};

static void every_app_route_declares_a_permission_and_public_is_allow_listed(void **state)
{
    (void)state;
    int n = 0;
    for (const struct route *r = api_routes(); r->method; r++, n++) {
        if (r->perm == PERM_UNSET || !r->handler)
            fail_msg("route %s %s has no permission or handler", r->method, r->pattern);
        if (r->perm != PERM_PUBLIC)
            continue;
        char key[200];
        snprintf(key, sizeof key, "%s %s", r->method, r->pattern);
        int listed = 0;
        for (size_t i = 0; i < sizeof public_routes / sizeof public_routes[0]; i++)
            listed |= strcmp(key, public_routes[i]) == 0;
        if (!listed)
            fail_msg("route %s is public but not on the allow-list", key);
    }
    assert_true(n > 10);
}

static void board_viewers_never_reach_personal_data_routes(void **state)
{
    (void)state;
    for (const struct route *r = api_routes(); r->method; r++) {
        if (r->perm == PERM_PERSONAL_DATA || r->perm == PERM_ORG_ADMIN || r->perm == PERM_PRIVACY_OFFICER)
            assert_false(role_allows("board_viewer", r->perm));
    }
    assert_false(role_allows("nobody", PERM_LOGGED_IN));
    assert_false(role_allows(NULL, PERM_LOGGED_IN));
    assert_false(role_allows("practitioner", PERM_UNSET));
    assert_true(role_allows("practitioner", PERM_PERSONAL_DATA));
    assert_false(role_allows("practitioner", PERM_ORG_ADMIN));
    assert_true(role_allows("org_admin", PERM_ORG_ADMIN));
    assert_false(role_allows("org_admin", PERM_PRIVACY_OFFICER));
}

/* Every page form's POST confirms what it did on the page it leads to
 * (issue #14 item 13, web/notice.h) — except these, which answer with a
 * page of their own: signing in and out, an API token — one's own or an
 * integration account's (shown once, on the page the POST answers) — and a
 * referral (its confirmation page). */
static void every_page_post_confirms_what_it_did(void **state)
{
    (void)state;
    static const char *const own_page[] = {"/login", "/logout", "/account/tokens", "/admin/users/{id}/tokens",
                                                "/referrals"};
    for (const struct route *r = api_routes(); r->method; r++) {
        if (strcmp(r->method, "POST") != 0 || !strncmp(r->pattern, "/api/", 5) || !strncmp(r->pattern, "/fhir/", 6))
            continue;
        int exempt = 0;
        for (size_t i = 0; i < sizeof own_page / sizeof own_page[0]; i++)
            exempt |= strcmp(r->pattern, own_page[i]) == 0;
        const char *slug = notice_for_route(r->pattern);
        if (exempt != (slug == NULL))
            fail_msg("POST %s: %s", r->pattern, slug ? "is exempt but has a notice" : "has no notice (web/notice.c)");
        if (slug && !notice_message(slug))
            fail_msg("POST %s: notice %s has no words", r->pattern, slug);
    }
}

/* A hospital's integration account feeds events and reaches nothing else
 * (issue 16); no person may feed events. */
static void integration_accounts_reach_only_the_hospital_feed(void **state)
{
    (void)state;
    int feeds = 0;
    for (const struct route *r = api_routes(); r->method; r++) {
        if (r->perm == PERM_HOSPITAL_FEED)
            feeds++;
        else if (r->perm != PERM_PUBLIC && role_allows("integration", r->perm))
            fail_msg("integration reaches %s %s", r->method, r->pattern);
    }
    assert_int_equal(feeds, 1);
    for (int i = 0; i < role_count; i++)
        assert_int_equal(role_allows(role_names[i], PERM_HOSPITAL_FEED), strcmp(role_names[i], "integration") == 0);
    assert_false(role_allows("integration", PERM_LOGGED_IN));
    assert_false(role_allows("integration", PERM_PERSONAL_DATA));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(matches_patterns_and_tells_404_from_405),
        cmocka_unit_test(every_app_route_declares_a_permission_and_public_is_allow_listed),
        cmocka_unit_test(board_viewers_never_reach_personal_data_routes),
        cmocka_unit_test(every_page_post_confirms_what_it_did),
        cmocka_unit_test(integration_accounts_reach_only_the_hospital_feed),
    };
    return cmocka_run_group_tests_name("router", tests, NULL, NULL);
}
