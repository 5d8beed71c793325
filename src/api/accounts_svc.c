/* Account services shared by the CLI and the HTTP handlers: validation,
 * the write and its audit entry in one transaction. */
#include "api/api.h"
#include "domain/roles.h"
#include "http/crypto.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define PASSWORD_MIN 12
#define PASSWORD_MAX 1024

static int valid_code(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n < 1 || n > 32)
        return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_')
            return 0;
    return 1;
}

static int valid_username(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n < 3 || n > 64)
        return 0;
    for (; *s; s++)
        if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && !strchr("._-", *s))
            return 0;
    return 1;
}

static void check_name(json_t *errors, const char *field, const char *v)
{
    if (!v || !*v)
        http_add_error(errors, field, "is required");
    else if (strlen(v) > 200)
        http_add_error(errors, field, "must be at most 200 characters");
}

/* Runs fn inside a write transaction; maps constraint errors to conflict. */
static int finish(const struct svc_ctx *c, int rc, struct store_error *err)
{
    if (rc == 0 && store_tx_commit(c->db, err) == 0)
        return SVC_OK;
    store_tx_rollback(c->db);
    if (rc == STORE_ECONSTRAINT)
        return SVC_CONFLICT;
    fprintf(stderr, "level=error msg=\"account write failed\" detail=\"%s\"\n", err->message);
    return SVC_FAILED;
}

int svc_org_add(const struct svc_ctx *c, const char *code, const char *name, const char *type,
                json_t *errors, char id[STORE_ID_LEN])
{
    if (!valid_code(code))
        http_add_error(errors, "code", "must be 1–32 letters, digits, '-' or '_'");
    check_name(errors, "name", name);
    if (!org_type_is_valid(type))
        http_add_error(errors, "type", "must be one of council, icb, acute_trust, community_trust, "
                                       "gp_practice, provider, voluntary");
    if (json_array_size(errors))
        return SVC_INVALID;
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {c->user_id, now};
    struct store_error err = {0};
    int rc = store_tx_begin(c->db, STORE_TX_WRITE, &err);
    if (rc == 0)
        rc = accounts_org_add(c->db, &by, code, name, type, id, &err);
    if (rc == 0)
        rc = svc_audit(c, "create", "organisation", id, NULL, NULL, &err);
    return finish(c, rc, &err);
}

int svc_team_add(const struct svc_ctx *c, const char *org_id, const char *code, const char *name,
                 json_t *errors, char id[STORE_ID_LEN])
{
    if (!valid_code(code))
        http_add_error(errors, "code", "must be 1–32 letters, digits, '-' or '_'");
    check_name(errors, "name", name);
    if (json_array_size(errors))
        return SVC_INVALID;
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {c->user_id, now};
    struct store_error err = {0};
    int rc = store_tx_begin(c->db, STORE_TX_WRITE, &err);
    if (rc == 0)
        rc = accounts_team_add(c->db, &by, org_id, code, name, id, &err);
    if (rc == 0)
        rc = svc_audit(c, "create", "team", id, NULL, NULL, &err);
    return finish(c, rc, &err);
}

static void validate_user(const struct user_input *u, json_t *errors)
{
    if (!valid_username(u->username))
        http_add_error(errors, "username", "must be 3–64 lower-case letters, digits, '.', '_' or '-'");
    check_name(errors, "display_name", u->display_name);
    if (!role_is_valid(u->role))
        http_add_error(errors, "role", "must be one of practitioner, team_manager, org_admin, "
                                       "privacy_officer, finance, panel_member, board_viewer");
    if (!profession_is_valid(u->profession))
        http_add_error(errors, "profession", "is not a known profession");
    size_t pl = u->password ? strlen(u->password) : 0;
    if (pl < PASSWORD_MIN)
        http_add_error(errors, "password", "must be at least 12 characters");
    else if (pl > PASSWORD_MAX)
        http_add_error(errors, "password", "must be at most 1024 characters");
    if (u->team_codes && !json_is_array(u->team_codes))
        http_add_error(errors, "teams", "must be a list of team codes");
}

static int add_teams(const struct svc_ctx *c, const struct user_input *u, const char *id, json_t *errors,
                     struct store_error *err)
{
    size_t i;
    json_t *t;
    json_array_foreach(u->team_codes, i, t) {
        char team_id[STORE_ID_LEN];
        const char *code = json_string_value(t);
        int rc = code ? accounts_team_id_by_code(c->db, u->org_id, code, team_id, err) : STORE_ENOTFOUND;
        if (rc == STORE_ENOTFOUND) {
            char field[32];
            snprintf(field, sizeof field, "teams[%zu]", i);
            http_add_error(errors, field, "is not a team of the user's organisation");
            continue;
        }
        if (rc == 0)
            rc = accounts_user_add_team(c->db, id, team_id, err);
        if (rc < 0)
            return rc;
    }
    return 0;
}

int svc_user_add(const struct svc_ctx *c, const struct user_input *u, json_t *errors, char id[STORE_ID_LEN])
{
    validate_user(u, errors);
    if (json_array_size(errors))
        return SVC_INVALID;
    char hash[256];
    if (crypto_password_hash(u->password, hash, sizeof hash) != 0)
        return SVC_FAILED;
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {c->user_id, now};
    struct new_user nu = {u->org_id, u->username, u->display_name, u->role, u->profession, hash};
    struct store_error err = {0};
    int rc = store_tx_begin(c->db, STORE_TX_WRITE, &err);
    if (rc == 0)
        rc = accounts_user_add(c->db, &by, &nu, id, &err);
    if (rc == 0)
        rc = add_teams(c, u, id, errors, &err);
    if (rc == 0 && json_array_size(errors)) {
        store_tx_rollback(c->db);
        return SVC_INVALID;
    }
    if (rc == 0)
        rc = svc_audit(c, "create", "user", id, NULL, NULL, &err);
    return finish(c, rc, &err);
}

int svc_token_issue(const struct svc_ctx *c, const char *user_id, const char *label,
                    char token_out[API_TOKEN_LEN], char id[STORE_ID_LEN])
{
    char secret[CRYPTO_HEX32], hash[CRYPTO_HEX32], now[STORE_TIME_LEN];
    crypto_random_hex(secret, 32);
    snprintf(token_out, API_TOKEN_LEN, "sk_%s", secret);
    crypto_sha256_hex(token_out, hash);
    store_now(now);
    struct store_error err = {0};
    int rc = store_tx_begin(c->db, STORE_TX_WRITE, &err);
    if (rc == 0)
        rc = accounts_token_add(c->db, user_id, hash, label, now, id, &err);
    if (rc == 0)
        rc = svc_audit(c, "create", "api_token", id, NULL, c->user_id ? "self" : "system", &err);
    return finish(c, rc, &err);
}
