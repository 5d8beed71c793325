/* Account services (svc/accounts.h): organisations, teams and users —
 * validation, the write and its audit entry in one transaction, and the
 * audited reads. Tokens are in tokens.c. */
#include "svc/accounts.h"
#include "domain/roles.h"
#include "domain/text.h"
#include "svc/input.h"
#include "util/crypto.h"
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
        svc_error_add(errors, field, "is required");
    else if (strlen(v) > 200)
        svc_error_add(errors, field, "must be at most 200 characters");
    else if (text_fault(v, strlen(v), TEXT_ONE_LINE))
        svc_error_add(errors, field, text_fault(v, strlen(v), TEXT_ONE_LINE));
}

/* Ends a create: a duplicate code or username is SVC_CONFLICT naming what. */
static int finish(struct svc_ctx *c, int rc, const char *what)
{
    rc = svc_tx_end(c, rc);
    if (rc == SVC_CONFLICT)
        svc_refuse(c, SVC_CONFLICT, NULL, c->arena ? arena_printf(c->arena, "A %s with these details already exists.",
                                                                  what) : "These details already exist.");
    return rc;
}

int svc_org_add(struct svc_ctx *c, const char *code, const char *name, const char *type, char id[STORE_ID_LEN])
{
    json_t *errors = svc_errors(c);
    if (!valid_code(code))
        svc_error_add(errors, "code", "must be 1–32 letters, digits, '-' or '_'");
    check_name(errors, "name", name);
    if (!org_type_is_valid(type))
        svc_error_add(errors, "type", "must be one of council, icb, acute_trust, community_trust, "
                                       "gp_practice, provider, voluntary");
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct actor by = svc_actor(c);
    int rc = svc_tx_begin(c);
    if (rc == 0)
        rc = accounts_org_add(c->db, &by, code, name, type, id, &c->err);
    if (rc == 0)
        rc = svc_tx_audit(c, "create", "organisation", id, NULL, NULL);
    return finish(c, rc, "organisation");
}

int svc_team_add(struct svc_ctx *c, const char *org_id, const char *code, const char *name, char id[STORE_ID_LEN])
{
    json_t *errors = svc_errors(c);
    if (!valid_code(code))
        svc_error_add(errors, "code", "must be 1–32 letters, digits, '-' or '_'");
    check_name(errors, "name", name);
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct actor by = svc_actor(c);
    int rc = svc_tx_begin(c);
    if (rc == 0)
        rc = accounts_team_add(c->db, &by, org_id, code, name, id, &c->err);
    if (rc == 0)
        rc = svc_tx_audit(c, "create", "team", id, NULL, NULL);
    return finish(c, rc, "team");
}

static void validate_user(const struct user_input *u, json_t *errors)
{
    if (!valid_username(u->username))
        svc_error_add(errors, "username", "must be 3–64 lower-case letters, digits, '.', '_' or '-'");
    check_name(errors, "display_name", u->display_name);
    if (!role_is_valid(u->role))
        svc_error_add(errors, "role", "must be one of practitioner, team_manager, org_admin, "
                                       "privacy_officer, finance, panel_member, board_viewer, integration");
    if (!profession_is_valid(u->profession))
        svc_error_add(errors, "profession", "is not a known profession");
    size_t pl = u->password ? strlen(u->password) : 0;
    if (pl < PASSWORD_MIN)
        svc_error_add(errors, "password", "must be at least 12 characters");
    else if (pl > PASSWORD_MAX)
        svc_error_add(errors, "password", "must be at most 1024 characters");
    if (u->team_codes && !json_is_array(u->team_codes))
        svc_error_add(errors, "teams", "must be a list of team codes");
}

/* An integration account is a hospital's interface engine (issue 16): it
 * belongs to an acute or community trust and to no team (a team would be a
 * caseload, and so a relationship to people). 0, or a store code. */
static int check_integration(struct svc_ctx *c, const char *org_id, const char *role, json_t *teams,
                             json_t *errors)
{
    if (!role || strcmp(role, "integration") != 0 || !org_id)
        return 0;
    char type[32];
    int rc = accounts_org_type(c->db, org_id, type, &c->err);
    if (rc < 0 && rc != STORE_ENOTFOUND)
        return rc;
    if (rc == STORE_ENOTFOUND || (strcmp(type, "acute_trust") != 0 && strcmp(type, "community_trust") != 0))
        svc_error_add(errors, "role", "an integration account belongs to an acute or community trust");
    if (json_array_size(teams) > 0)
        svc_error_add(errors, "teams", "an integration account is in no team");
    return 0;
}

static int add_teams(struct svc_ctx *c, const struct user_input *u, const char *id, json_t *errors)
{
    size_t i;
    json_t *t;
    json_array_foreach(u->team_codes, i, t) {
        char team_id[STORE_ID_LEN];
        const char *code = json_string_value(t);
        int rc = code ? accounts_team_id_by_code(c->db, u->org_id, code, team_id, &c->err) : STORE_ENOTFOUND;
        if (rc == STORE_ENOTFOUND) {
            char field[32];
            snprintf(field, sizeof field, "teams[%zu]", i);
            svc_error_add(errors, field, "is not a team of the user's organisation");
            continue;
        }
        if (rc == 0)
            rc = accounts_user_add_team(c->db, id, team_id, &c->err);
        if (rc < 0)
            return rc;
    }
    return 0;
}

int svc_user_add(struct svc_ctx *c, const struct user_input *u, char id[STORE_ID_LEN])
{
    json_t *errors = svc_errors(c);
    validate_user(u, errors);
    if (check_integration(c, u->org_id, u->role, u->team_codes, errors) < 0)
        return svc_failed(c, "user organisation type");
    if (svc_has_errors(c))
        return SVC_INVALID;
    char hash[256];
    if (!u->password_hash && crypto_password_hash(u->password, hash, sizeof hash) != 0)
        return svc_failed(c, "password hash");
    struct actor by = svc_actor(c);
    struct new_user nu = {u->org_id, u->username, u->display_name, u->role, u->profession,
                          u->password_hash ? u->password_hash : hash};
    int rc = svc_tx_begin(c);
    if (rc == 0)
        rc = accounts_user_add(c->db, &by, &nu, id, &c->err);
    if (rc == 0)
        rc = add_teams(c, u, id, errors);
    if (rc == 0 && svc_has_errors(c))
        rc = SVC_INVALID;
    if (rc == 0)
        rc = svc_tx_audit(c, "create", "user", id, NULL, NULL);
    return finish(c, rc, "user");
}

/* ---- reads and updates ---- */

static int is_admin_of(const struct svc_ctx *c, json_t *row)
{
    return !c->user_id || (c->org_id && strcmp(json_string_value(json_object_get(row, "org_id")), c->org_id) == 0);
}

int svc_org_list(struct svc_ctx *c, json_t **out)
{
    json_t *items = accounts_org_list(c->db, &c->err);
    if (!items)
        return svc_failed(c, "organisation list");
    *out = svc_own(c, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
    return SVC_OK;
}

int svc_orgs_of_type(struct svc_ctx *c, const char *type, json_t **out)
{
    *out = svc_own(c, accounts_org_list_by_type(c->db, type, &c->err));
    return *out ? SVC_OK : svc_failed(c, "organisations of a type");
}

int svc_team_list(struct svc_ctx *c, const char *org_code, json_t **out)
{
    char org_id[STORE_ID_LEN];
    if (org_code && accounts_org_id_by_code(c->db, org_code, org_id, &c->err) < 0) {
        svc_field_error(c, "org", "is not a known organisation code");
        return SVC_INVALID;
    }
    json_t *items = accounts_team_list(c->db, org_code ? org_id : NULL, &c->err);
    if (!items)
        return svc_failed(c, "team list");
    *out = svc_own(c, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
    return SVC_OK;
}

int svc_org_teams(struct svc_ctx *c, json_t **out)
{
    *out = svc_own(c, accounts_team_list(c->db, c->org_id, &c->err));
    return *out ? SVC_OK : svc_failed(c, "team list");
}

int svc_team_get(struct svc_ctx *c, const char *id, json_t **out)
{
    *out = svc_own(c, accounts_team_get(c->db, id, &c->err));
    return *out ? SVC_OK : svc_store_fail(c, c->err.code, "team");
}

int svc_team_update(struct svc_ctx *c, const char *id, json_t *in, const struct svc_expect *e)
{
    json_t *team;
    int rc = svc_team_get(c, id, &team);
    if (rc == SVC_OK && !is_admin_of(c, team))   /* another organisation's team is none of their business */
        rc = svc_not_found(c, "team");
    if (rc != SVC_OK)
        return rc;
    long long version = json_integer_value(json_object_get(team, "version"));
    rc = svc_version_check(c, e, version);
    if (rc != SVC_OK)
        return rc;
    const char *name = input_str(in, "name", svc_errors(c));
    check_name(svc_errors(c), "name", name);
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct actor by = svc_actor(c);
    rc = svc_tx_begin(c);
    if (rc == 0)
        rc = accounts_team_update(c->db, &by, id, version, name, &c->err);
    if (rc == 0)
        rc = svc_tx_audit(c, "update", "team", id, NULL, "admin");
    return svc_tx_end(c, rc);
}

int svc_user_list(struct svc_ctx *c, const char *cursor, int limit, json_t **out)
{
    json_t *items = svc_own(c, accounts_user_list(c->db, c->org_id, cursor, limit + 1, &c->err));
    if (!items)
        return svc_failed(c, "user list");
    json_t *next = json_null();
    if (json_array_size(items) > (size_t)limit) {
        json_array_remove(items, (size_t)limit);
        next = json_incref(json_object_get(json_array_get(items, (size_t)limit - 1), "id"));
    }
    int rc = svc_audit_read(c, "user_list", c->org_id, NULL, "admin");
    if (rc != SVC_OK) {
        json_decref(next);
        return rc;
    }
    *out = svc_own(c, json_pack("{s:O, s:o}", "items", items, "next_cursor", next));
    return SVC_OK;
}

int svc_user_get(struct svc_ctx *c, const char *id, json_t **out)
{
    json_t *u = svc_own(c, accounts_user_get(c->db, id, &c->err));
    if (!u)
        return svc_store_fail(c, c->err.code, "user");
    int self = c->user_id && strcmp(id, c->user_id) == 0;
    int admin = c->role && role_allows(c->role, PERM_ORG_ADMIN) && is_admin_of(c, u);
    if (!self && !admin)
        return svc_refuse(c, SVC_FORBIDDEN, NULL,
                          "You can see your own account, or your organisation's accounts as its administrator.");
    int rc = svc_audit_read(c, "user", id, NULL, self ? "self" : "admin");
    if (rc == SVC_OK)
        *out = u;
    return rc;
}

/* Only what a directory shows (a new object; the store row is left alone). */
static json_t *staff_entry(json_t *u)
{
    static const char *const keys[] = {"id", "username", "display_name", "role", "profession", "active", "org_id",
                                       "org_code", "org_name", "version", "updated_at", "teams"};
    json_t *e = json_object();
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (json_object_get(u, keys[i]))
            json_object_set(e, keys[i], json_object_get(u, keys[i]));
    return e;
}

int svc_staff_directory(struct svc_ctx *c, json_t **out)
{
    json_t *rows = svc_own(c, accounts_user_directory(c->db, &c->err));
    if (!rows)
        return svc_failed(c, "staff directory");
    json_t *items = svc_own(c, json_array());
    size_t i;
    json_t *u;
    json_array_foreach(rows, i, u)
        json_array_append_new(items, staff_entry(u));
    int rc = svc_audit_read(c, "staff_directory", NULL, NULL, "admin");
    if (rc == SVC_OK)
        *out = items;
    return rc;
}

int svc_staff_get(struct svc_ctx *c, const char *id, json_t **out)
{
    json_t *u = svc_own(c, accounts_user_get(c->db, id, &c->err));
    if (!u)
        return svc_store_fail(c, c->err.code, "user");
    int rc = svc_audit_read(c, "user", id, NULL, "admin");
    if (rc == SVC_OK)
        *out = svc_own(c, staff_entry(u));
    return rc;
}

static const char *or_default(const char *v, json_t *u, const char *key)
{
    return v ? v : json_string_value(json_object_get(u, key));
}

int svc_user_update(struct svc_ctx *c, const char *id, json_t *in, const struct svc_expect *e)
{
    json_t *u = svc_own(c, accounts_user_get(c->db, id, &c->err));
    if (!u && c->err.code != STORE_ENOTFOUND)
        return svc_failed(c, "user read");
    if (!u || !is_admin_of(c, u))
        return svc_not_found(c, "user");
    long long version = json_integer_value(json_object_get(u, "version"));
    int rc = svc_version_check(c, e, version);
    if (rc != SVC_OK)
        return rc;
    json_t *errors = svc_errors(c);
    const char *name = or_default(input_str(in, "display_name", errors), u, "display_name");
    const char *role = or_default(input_str(in, "role", errors), u, "role");
    const char *prof = or_default(input_str(in, "profession", errors), u, "profession");
    json_t *act = json_object_get(in, "active");
    int active = json_is_true(json_object_get(u, "active"));
    if (act && !json_is_boolean(act))
        svc_error_add(errors, "active", "must be true or false");
    else if (act)
        active = json_is_true(act);
    if (!name || !*name || strlen(name) > 200)
        svc_error_add(errors, "display_name", "is required and at most 200 characters");
    else if (text_fault(name, strlen(name), TEXT_ONE_LINE))
        svc_error_add(errors, "display_name", text_fault(name, strlen(name), TEXT_ONE_LINE));
    if (!role_is_valid(role))
        svc_error_add(errors, "role", "is not a known role");
    if (!profession_is_valid(prof))
        svc_error_add(errors, "profession", "is not a known profession");
    if (check_integration(c, json_string_value(json_object_get(u, "org_id")), role, NULL, errors) < 0)
        return svc_failed(c, "user organisation type");
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct actor by = svc_actor(c);
    rc = svc_tx_begin(c);
    if (rc == 0)
        rc = accounts_user_update(c->db, &by, id, version, name, role, prof, active, &c->err);
    if (rc == 0 && !active)   /* a deactivated account loses its sessions at once */
        rc = accounts_sessions_delete_for_user(c->db, id, &c->err);
    if (rc == 0)
        rc = svc_tx_audit(c, "update", "user", id, NULL, "admin");
    return svc_tx_end(c, rc);
}
