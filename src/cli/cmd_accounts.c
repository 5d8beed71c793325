/* init, org add, team add, user add, token issue/revoke. */
#include "svc/accounts.h"
#include "cli/cli.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static void print_errors(json_t *errors)
{
    size_t i;
    json_t *e;
    json_array_foreach(errors, i, e)
        fprintf(stderr, "seamless: --%s %s\n", json_string_value(json_object_get(e, "field")),
                json_string_value(json_object_get(e, "message")));
}

/* The exit status for a service's outcome, printing what went wrong. */
static int report(int rc, const struct svc_ctx *c, const char *what, const char *id)
{
    if (rc == SVC_OK) {
        printf("%s\n", id);
        return 0;
    }
    if (rc == SVC_INVALID)
        print_errors(c->errors);
    else if (rc == SVC_CONFLICT)
        fprintf(stderr, "seamless: that %s already exists\n", what);
    else
        fprintf(stderr, "seamless: could not save the %s\n", what);
    return rc == SVC_INVALID ? 2 : 1;
}

int cmd_init(const struct cli_args *a)
{
    struct store *db = cli_open_db(a, 1);
    if (!db)
        return 1;
    struct store_error err = {0};
    if (store_analyze(db, &err) < 0)   /* planner statistics for the cohort indexes */
        fprintf(stderr, "seamless init: statistics not refreshed: %s\n", err.message);
    printf("database ready at schema %d\n", store_schema_latest());
    store_close(db);
    return 0;
}

static int need(const struct cli_args *a, const char *name, const char *verb)
{
    if (cli_opt(a, name))
        return 0;
    fprintf(stderr, "seamless %s: %s is required\n", verb, name);
    return -1;
}

int cmd_org(const struct cli_args *a)
{
    if (a->argc < 1 || strcmp(a->argv[0], "add") != 0) {
        fprintf(stderr, "usage: seamless org add --db … --code C --name N --type T\n");
        return 2;
    }
    if (need(a, "--code", "org add") || need(a, "--name", "org add") || need(a, "--type", "org add"))
        return 2;
    struct store *db = cli_open_db(a, 0);
    if (!db)
        return 1;
    struct arena arena;
    struct svc_ctx c;
    arena_init(&arena);
    svc_ctx_system(&c, db, &arena, "cli");
    char id[STORE_ID_LEN];
    int rc = svc_org_add(&c, cli_opt(a, "--code"), cli_opt(a, "--name"), cli_opt(a, "--type"), id);
    rc = report(rc, &c, "organisation", id);
    arena_free(&arena);
    store_close(db);
    return rc;
}

static int org_id(struct store *db, const char *code, char id[STORE_ID_LEN])
{
    struct store_error err = {0};
    if (accounts_org_id_by_code(db, code, id, &err) == 0)
        return 0;
    fprintf(stderr, "seamless: --org %s is not a known organisation code\n", code);
    return -1;
}

int cmd_team(const struct cli_args *a)
{
    if (a->argc < 1 || strcmp(a->argv[0], "add") != 0) {
        fprintf(stderr, "usage: seamless team add --db … --org C --code T --name N\n");
        return 2;
    }
    if (need(a, "--org", "team add") || need(a, "--code", "team add") || need(a, "--name", "team add"))
        return 2;
    struct store *db = cli_open_db(a, 0);
    if (!db)
        return 1;
    char oid[STORE_ID_LEN], id[STORE_ID_LEN];
    int rc = 1;
    struct arena arena;
    struct svc_ctx c;
    arena_init(&arena);
    svc_ctx_system(&c, db, &arena, "cli");
    if (org_id(db, cli_opt(a, "--org"), oid) == 0)
        rc = report(svc_team_add(&c, oid, cli_opt(a, "--code"), cli_opt(a, "--name"), id), &c, "team", id);
    arena_free(&arena);
    store_close(db);
    return rc;
}

int cmd_user(const struct cli_args *a)
{
    if (a->argc < 1 || strcmp(a->argv[0], "add") != 0) {
        fprintf(stderr, "usage: seamless user add --db … --username U --org C --role R [--team T]… "
                        "[--profession P] [--name N] --password-stdin\n");
        return 2;
    }
    if (need(a, "--username", "user add") || need(a, "--org", "user add") || need(a, "--role", "user add"))
        return 2;
    if (!cli_flag(a, "--password-stdin")) {
        fprintf(stderr, "seamless user add: --password-stdin is required (passwords never go on the command line)\n");
        return 2;
    }
    char password[1100];
    if (cli_read_password(password, sizeof password) < 0) {
        fprintf(stderr, "seamless user add: no password on standard input\n");
        return 2;
    }
    struct store *db = cli_open_db(a, 0);
    if (!db)
        return 1;
    char oid[STORE_ID_LEN], id[STORE_ID_LEN];
    int rc = 1;
    if (org_id(db, cli_opt(a, "--org"), oid) == 0) {
        const char *teams[64];
        int nt = cli_opt_all(a, "--team", teams, 64);
        json_t *codes = json_array();
        for (int i = 0; i < nt; i++)
            json_array_append_new(codes, json_string(teams[i]));
        const char *name = cli_opt(a, "--name") ? cli_opt(a, "--name") : cli_opt(a, "--username");
        const char *prof = cli_opt(a, "--profession") ? cli_opt(a, "--profession") : "other";
        struct user_input u = {oid, cli_opt(a, "--username"), name, cli_opt(a, "--role"), prof, password, codes, NULL};
        struct arena arena;
        struct svc_ctx c;
        arena_init(&arena);
        svc_ctx_system(&c, db, &arena, "cli");
        rc = report(svc_user_add(&c, &u, id), &c, "user", id);
        arena_free(&arena);
        json_decref(codes);
    }
    sodium_memzero(password, sizeof password);
    store_close(db);
    return rc;
}

int cmd_token(const struct cli_args *a)
{
    int issue = a->argc >= 1 && strcmp(a->argv[0], "issue") == 0;
    int revoke = a->argc >= 1 && strcmp(a->argv[0], "revoke") == 0;
    if ((!issue && !revoke) || (issue && need(a, "--username", "token issue")) ||
        (revoke && need(a, "--id", "token revoke"))) {
        fprintf(stderr, "usage: seamless token issue --db … --username U [--label L]\n"
                        "       seamless token revoke --db … --id ID\n");
        return 2;
    }
    struct store *db = cli_open_db(a, 0);
    if (!db)
        return 1;
    struct store_error err = {0};
    struct arena arena;
    struct svc_ctx c;
    arena_init(&arena);
    svc_ctx_system(&c, db, &arena, "cli");
    int rc = 1;
    if (revoke) {
        int s = svc_token_revoke(&c, cli_opt(a, "--id"));
        if (s == SVC_NOTFOUND)
            fprintf(stderr, "seamless token revoke: no such token\n");
        rc = s == SVC_OK ? 0 : 1;
    } else {
        char uid[STORE_ID_LEN], token[API_TOKEN_LEN], id[STORE_ID_LEN];
        if (accounts_user_id_by_username(db, cli_opt(a, "--username"), uid, &err) < 0) {
            fprintf(stderr, "seamless token issue: no user %s\n", cli_opt(a, "--username"));
        } else if (svc_token_issue(&c, uid, cli_opt(a, "--label") ? cli_opt(a, "--label") : "cli", token, id) == 0) {
            printf("%s\n", token);
            rc = 0;
        }
    }
    arena_free(&arena);
    store_close(db);
    return rc;
}
