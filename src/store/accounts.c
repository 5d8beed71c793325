#include "store/accounts.h"
#include <stdio.h>
#include <string.h>

/* ---- organisations and teams --------------------------------------------- */

int accounts_org_add(struct store *db, const struct actor *by, const char *code, const char *name,
                     const char *type, char id_out[STORE_ID_LEN], struct store_error *err)
{
    store_new_id(id_out);
    const char *p[] = {id_out, code, name, type, by->now, by->user_id};
    return store_run(db, "INSERT INTO organisations (id, code, name, type, created_at, created_by,"
                         " updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $5, $6)", 6, p, err);
}

int accounts_org_set_contact(struct store *db, const char *id, const char *address, const char *phone,
                             const char *email, struct store_error *err)
{
    const char *p[] = {id, address, phone, email};
    return store_run(db, "UPDATE organisations SET address = $2, phone = $3, email = $4 WHERE id = $1", 4, p, err);
}

int accounts_org_id_by_code(struct store *db, const char *code, char id_out[STORE_ID_LEN], struct store_error *err)
{
    const char *p[] = {code};
    return store_query_text(db, "SELECT id FROM organisations WHERE code = $1", 1, p, id_out, STORE_ID_LEN, err);
}

json_t *accounts_org_list(struct store *db, struct store_error *err)
{
    return store_query_rows(db, "SELECT id, code, name, type, version FROM organisations ORDER BY name", 0, NULL, err);
}

json_t *accounts_org_list_by_type(struct store *db, const char *type, struct store_error *err)
{
    const char *p[] = {type};
    return store_query_rows(db, "SELECT id, code, name FROM organisations WHERE type = $1 ORDER BY name", 1, p, err);
}

int accounts_org_type(struct store *db, const char *id, char out[32], struct store_error *err)
{
    const char *p[] = {id};
    return store_query_text(db, "SELECT type FROM organisations WHERE id = $1", 1, p, out, 32, err);
}

int accounts_team_add(struct store *db, const struct actor *by, const char *org_id, const char *code,
                      const char *name, char id_out[STORE_ID_LEN], struct store_error *err)
{
    store_new_id(id_out);
    const char *p[] = {id_out, org_id, code, name, by->now, by->user_id};
    return store_run(db, "INSERT INTO teams (id, org_id, code, name, created_at, created_by, updated_at,"
                         " updated_by) VALUES ($1, $2, $3, $4, $5, $6, $5, $6)", 6, p, err);
}

int accounts_team_id_by_code(struct store *db, const char *org_id, const char *code, char id_out[STORE_ID_LEN],
                             struct store_error *err)
{
    const char *p[] = {org_id, code};
    return store_query_text(db, "SELECT id FROM teams WHERE org_id = $1 AND code = $2", 2, p, id_out, STORE_ID_LEN, err);
}

#define TEAM_COLS "t.id, t.org_id, o.code AS org_code, t.code, t.name, t.version, t.created_at," \
                  " t.updated_at FROM teams t JOIN organisations o ON o.id = t.org_id"

json_t *accounts_team_get(struct store *db, const char *id, struct store_error *err)
{
    const char *p[] = {id};
    return store_query_one(db, "SELECT " TEAM_COLS " WHERE t.id = $1", 1, p, err);
}

json_t *accounts_team_list(struct store *db, const char *org_id, struct store_error *err)
{
    const char *p[] = {org_id};
    return store_query_rows(db, "SELECT " TEAM_COLS " WHERE $1 IS NULL OR t.org_id = $1 ORDER BY o.name, t.name",
                      1, p, err);
}

int accounts_team_update(struct store *db, const struct actor *by, const char *id, long long version,
                         const char *name, struct store_error *err)
{
    char v[24];
    snprintf(v, sizeof v, "%lld", version);
    const char *p[] = {id, v, name, by->now, by->user_id};
    int rc = store_run(db, "UPDATE teams SET name = $3, version = version + 1, updated_at = $4,"
                           " updated_by = $5 WHERE id = $1 AND version = $2", 5, p, err);
    return store_changed_one(db, rc, err);
}

/* ---- users ----------------------------------------------------------------- */

int accounts_user_add(struct store *db, const struct actor *by, const struct new_user *u,
                      char id_out[STORE_ID_LEN], struct store_error *err)
{
    store_new_id(id_out);
    const char *p[] = {id_out, u->org_id, u->username, u->display_name, u->role, u->profession,
                       u->password_hash, by->now, by->user_id};
    return store_run(db, "INSERT INTO users (id, org_id, username, display_name, role, profession,"
                         " password_hash, created_at, created_by, updated_at, updated_by)"
                         " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8, $9)", 9, p, err);
}

int accounts_user_add_team(struct store *db, const char *user_id, const char *team_id, struct store_error *err)
{
    const char *p[] = {user_id, team_id};
    return store_run(db, "INSERT INTO user_teams (user_id, team_id) VALUES ($1, $2)", 2, p, err);
}

int accounts_user_clear_teams(struct store *db, const char *user_id, struct store_error *err)
{
    const char *p[] = {user_id};
    return store_run(db, "DELETE FROM user_teams WHERE user_id = $1", 1, p, err);
}

int accounts_user_id_by_username(struct store *db, const char *username, char id_out[STORE_ID_LEN],
                                 struct store_error *err)
{
    const char *p[] = {username};
    return store_query_text(db, "SELECT id FROM users WHERE username = $1", 1, p, id_out, STORE_ID_LEN, err);
}

#define USER_COLS "u.id, u.org_id, o.code AS org_code, o.name AS org_name, u.username, u.display_name," \
                  " u.role, u.profession, u.active, u.version, u.created_at, u.updated_at" \
                  " FROM users u JOIN organisations o ON o.id = u.org_id"

json_t *accounts_user_get(struct store *db, const char *id, struct store_error *err)
{
    const char *p[] = {id};
    json_t *u = store_query_one(db, "SELECT " USER_COLS " WHERE u.id = $1", 1, p, err);
    if (!u)
        return NULL;
    json_t *teams = store_query_rows(db, "SELECT t.id, t.code, t.name FROM user_teams ut JOIN teams t"
                                   " ON t.id = ut.team_id WHERE ut.user_id = $1 ORDER BY t.name", 1, p, err);
    if (!teams) {
        json_decref(u);
        return NULL;
    }
    json_object_set_new(u, "active", json_boolean(json_integer_value(json_object_get(u, "active"))));
    json_object_set_new(u, "teams", teams);
    return u;
}

json_t *accounts_user_list(struct store *db, const char *org_id, const char *after_id, int limit,
                           struct store_error *err)
{
    char lim[16];
    snprintf(lim, sizeof lim, "%d", limit);
    const char *p[] = {org_id, after_id ? after_id : "", lim};
    json_t *rows = store_query_rows(db, "SELECT " USER_COLS " WHERE u.org_id = $1 AND u.id > $2"
                                  " ORDER BY u.id LIMIT $3", 3, p, err);
    size_t i;
    json_t *u;
    json_array_foreach(rows, i, u)
        json_object_set_new(u, "active", json_boolean(json_integer_value(json_object_get(u, "active"))));
    return rows;
}

json_t *accounts_user_directory(struct store *db, struct store_error *err)
{
    json_t *rows = store_query_rows(db, "SELECT " USER_COLS " ORDER BY u.display_name, u.id", 0, NULL, err);
    json_t *teams = rows ? store_query_rows(db, "SELECT ut.user_id, t.id, t.code, t.name FROM user_teams ut"
                                                " JOIN teams t ON t.id = ut.team_id ORDER BY t.name, t.id", 0, NULL, err)
                         : NULL;
    if (!teams) {
        json_decref(rows);
        return NULL;
    }
    size_t i, j;
    json_t *u, *t;
    json_array_foreach(rows, i, u) {
        json_object_set_new(u, "active", json_boolean(json_integer_value(json_object_get(u, "active"))));
        json_t *mine = json_array();
        json_array_foreach(teams, j, t)
            if (strcmp(json_string_value(json_object_get(t, "user_id")), json_string_value(json_object_get(u, "id"))) == 0)
                json_array_append_new(mine, json_pack("{s:O, s:O, s:O}", "id", json_object_get(t, "id"), "code",
                                                      json_object_get(t, "code"), "name", json_object_get(t, "name")));
        json_object_set_new(u, "teams", mine);
    }
    json_decref(teams);
    return rows;
}

int accounts_user_update(struct store *db, const struct actor *by, const char *id, long long version,
                         const char *display_name, const char *role, const char *profession, int active,
                         struct store_error *err)
{
    char v[24], a[4];
    snprintf(v, sizeof v, "%lld", version);
    snprintf(a, sizeof a, "%d", active ? 1 : 0);
    const char *p[] = {id, v, display_name, role, profession, a, by->now, by->user_id};
    int rc = store_run(db, "UPDATE users SET display_name = $3, role = $4, profession = $5, active = $6,"
                           " version = version + 1, updated_at = $7, updated_by = $8"
                           " WHERE id = $1 AND version = $2", 8, p, err);
    return store_changed_one(db, rc, err);
}

#define PRINCIPAL_COLS "u.id, u.org_id, o.type, u.role, u.username, u.display_name, u.profession"

static void load_principal(struct store_stmt *s, int first, struct principal *p)
{
    snprintf(p->user_id, sizeof p->user_id, "%s", store_col_text(s, first));
    snprintf(p->org_id, sizeof p->org_id, "%s", store_col_text(s, first + 1));
    snprintf(p->org_type, sizeof p->org_type, "%s", store_col_text(s, first + 2));
    snprintf(p->role, sizeof p->role, "%s", store_col_text(s, first + 3));
    snprintf(p->username, sizeof p->username, "%s", store_col_text(s, first + 4));
    snprintf(p->display_name, sizeof p->display_name, "%s", store_col_text(s, first + 5));
    snprintf(p->profession, sizeof p->profession, "%s", store_col_text(s, first + 6));
}

int accounts_login_lookup(struct store *db, const char *username, char *hash, size_t hash_len,
                          struct principal *p, struct store_error *err)
{
    struct store_stmt *s = store_prepare(db, "SELECT u.password_hash, " PRINCIPAL_COLS
        " FROM users u JOIN organisations o ON o.id = u.org_id WHERE u.username = $1 AND u.active = 1", err);
    if (!s)
        return err->code;
    store_bind_text(s, 1, username);
    int rc = store_step(s, err);
    if (rc == STORE_ROW) {
        snprintf(hash, hash_len, "%s", store_col_text(s, 0));
        load_principal(s, 1, p);
    }
    store_reset(s);
    if (rc == STORE_DONE)
        return store_notfound(err);
    return rc == STORE_ROW ? STORE_OK : rc;
}

/* ---- sessions and tokens ------------------------------------------------- */

int accounts_session_create(struct store *db, const char *id_hash, const char *user_id, const char *csrf,
                            const char *now, struct store_error *err)
{
    const char *p[] = {id_hash, user_id, csrf, now};
    return store_run(db, "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at)"
                         " VALUES ($1, $2, $3, $4, $4)", 4, p, err);
}

int accounts_session_lookup(struct store *db, const char *id_hash, struct principal *p,
                            char created_at[STORE_TIME_LEN], char last_seen[STORE_TIME_LEN],
                            struct store_error *err)
{
    struct store_stmt *s = store_prepare(db, "SELECT s.csrf_token, s.created_at, s.last_seen_at, "
        PRINCIPAL_COLS " FROM sessions s JOIN users u ON u.id = s.user_id"
        " JOIN organisations o ON o.id = u.org_id WHERE s.id_hash = $1 AND u.active = 1", err);
    if (!s)
        return err->code;
    store_bind_text(s, 1, id_hash);
    int rc = store_step(s, err);
    if (rc == STORE_ROW) {
        snprintf(p->csrf_token, sizeof p->csrf_token, "%s", store_col_text(s, 0));
        snprintf(created_at, STORE_TIME_LEN, "%s", store_col_text(s, 1));
        snprintf(last_seen, STORE_TIME_LEN, "%s", store_col_text(s, 2));
        load_principal(s, 3, p);
        p->via_session = 1;
    }
    store_reset(s);
    if (rc == STORE_DONE)
        return store_notfound(err);
    return rc == STORE_ROW ? STORE_OK : rc;
}

int accounts_session_touch(struct store *db, const char *id_hash, const char *now, struct store_error *err)
{
    const char *p[] = {id_hash, now};
    return store_run(db, "UPDATE sessions SET last_seen_at = $2 WHERE id_hash = $1", 2, p, err);
}

int accounts_session_delete(struct store *db, const char *id_hash, struct store_error *err)
{
    const char *p[] = {id_hash};
    return store_run(db, "DELETE FROM sessions WHERE id_hash = $1", 1, p, err);
}

int accounts_sessions_delete_for_user(struct store *db, const char *user_id, struct store_error *err)
{
    const char *p[] = {user_id};
    return store_run(db, "DELETE FROM sessions WHERE user_id = $1", 1, p, err);
}

int accounts_token_add(struct store *db, const char *user_id, const char *token_hash, const char *label,
                       const char *now, char id_out[STORE_ID_LEN], struct store_error *err)
{
    store_new_id(id_out);
    const char *p[] = {id_out, user_id, token_hash, label ? label : "", now};
    return store_run(db, "INSERT INTO api_tokens (id, user_id, token_hash, label, created_at)"
                         " VALUES ($1, $2, $3, $4, $5)", 5, p, err);
}

int accounts_token_lookup(struct store *db, const char *token_hash, struct principal *p, struct store_error *err)
{
    struct store_stmt *s = store_prepare(db, "SELECT " PRINCIPAL_COLS " FROM api_tokens t"
        " JOIN users u ON u.id = t.user_id JOIN organisations o ON o.id = u.org_id"
        " WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.active = 1", err);
    if (!s)
        return err->code;
    store_bind_text(s, 1, token_hash);
    int rc = store_step(s, err);
    if (rc == STORE_ROW) {
        load_principal(s, 0, p);
        p->via_session = 0;
    }
    store_reset(s);
    if (rc == STORE_DONE)
        return store_notfound(err);
    return rc == STORE_ROW ? STORE_OK : rc;
}

json_t *accounts_token_list(struct store *db, const char *user_id, struct store_error *err)
{
    const char *p[] = {user_id};
    return store_query_rows(db, "SELECT id, label, created_at, revoked_at FROM api_tokens WHERE user_id = $1"
                          " ORDER BY id", 1, p, err);
}

int accounts_token_owner(struct store *db, const char *id, char owner_id[STORE_ID_LEN], struct store_error *err)
{
    const char *p[] = {id};
    return store_query_text(db, "SELECT user_id FROM api_tokens WHERE id = $1", 1, p, owner_id, STORE_ID_LEN, err);
}

int accounts_token_revoke(struct store *db, const char *id, const char *now, struct store_error *err)
{
    const char *p[] = {id, now};
    return store_run(db, "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1", 2, p, err);
}

/* ---- login throttling ---------------------------------------------------- */

int accounts_throttle_get(struct store *db, const char *username, int *failures,
                          char last_failure[STORE_TIME_LEN], struct store_error *err)
{
    struct store_stmt *s = store_prepare(db, "SELECT failures, last_failure FROM login_throttle"
                                             " WHERE username = $1", err);
    if (!s)
        return err->code;
    store_bind_text(s, 1, username);
    int rc = store_step(s, err);
    *failures = 0;
    last_failure[0] = '\0';
    if (rc == STORE_ROW) {
        *failures = (int)store_col_int(s, 0);
        snprintf(last_failure, STORE_TIME_LEN, "%s", store_col_text(s, 1));
    }
    store_reset(s);
    return rc < 0 ? rc : STORE_OK;
}

int accounts_throttle_fail(struct store *db, const char *username, const char *now, struct store_error *err)
{
    const char *p[] = {username, now};
    return store_run(db, "INSERT INTO login_throttle (username, failures, first_failure, last_failure)"
                         " VALUES ($1, 1, $2, $2) ON CONFLICT (username) DO UPDATE SET"
                         " failures = login_throttle.failures + 1, last_failure = $2", 2, p, err);
}

int accounts_throttle_clear(struct store *db, const char *username, struct store_error *err)
{
    const char *p[] = {username};
    return store_run(db, "DELETE FROM login_throttle WHERE username = $1", 1, p, err);
}
