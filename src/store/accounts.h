/* accounts: organisations, teams, users, sessions, API tokens and login
 * throttling — the SQL behind them. Functions return 0, STORE_ENOTFOUND, or
 * another negative STORE_E* code with err filled. JSON results are owned by
 * the caller. Writes expect the caller's transaction (so the audit entry
 * commits with them) unless said otherwise. */
#ifndef SEAMLESS_ACCOUNTS_H
#define SEAMLESS_ACCOUNTS_H
#include <jansson.h>
#include "store/store.h"

/* Who is asking, as loaded for a session or a token. */
struct principal {
    char user_id[STORE_ID_LEN];
    char org_id[STORE_ID_LEN];
    char org_type[32];
    char role[32];
    char username[128];
    char display_name[256];       /* up to 200 bytes (svc/accounts.c) */
    char profession[64];
    char csrf_token[65];
    int via_session;   /* 1 session cookie, 0 bearer token */
};

/* Who made a change: the user id or NULL for the CLI/system. */
struct actor {
    const char *user_id;
    const char *now;
};

int accounts_org_add(struct store *db, const struct actor *by, const char *code, const char *name,
                     const char *type, char id_out[STORE_ID_LEN], struct store_error *err);
int accounts_org_id_by_code(struct store *db, const char *code, char id_out[STORE_ID_LEN], struct store_error *err);
json_t *accounts_org_list(struct store *db, struct store_error *err);
/* Postal address (lines separated by ", "), phone and email for letters. */
int accounts_org_set_contact(struct store *db, const char *id, const char *address, const char *phone,
                             const char *email, struct store_error *err);
/* Organisations of one type ({id, code, name}), by name. */
json_t *accounts_org_list_by_type(struct store *db, const char *type, struct store_error *err);
/* The type of organisation id into out (32 bytes). */
int accounts_org_type(struct store *db, const char *id, char out[32], struct store_error *err);

int accounts_team_add(struct store *db, const struct actor *by, const char *org_id, const char *code,
                      const char *name, char id_out[STORE_ID_LEN], struct store_error *err);
int accounts_team_id_by_code(struct store *db, const char *org_id, const char *code, char id_out[STORE_ID_LEN],
                             struct store_error *err);
json_t *accounts_team_get(struct store *db, const char *id, struct store_error *err);
json_t *accounts_team_list(struct store *db, const char *org_id, struct store_error *err);
/* Updates name when version matches: 0, STORE_ENOTFOUND (no such team or
 * version moved on: the caller re-reads to tell which). */
int accounts_team_update(struct store *db, const struct actor *by, const char *id, long long version,
                         const char *name, struct store_error *err);

struct new_user {
    const char *org_id, *username, *display_name, *role, *profession, *password_hash;
};
int accounts_user_add(struct store *db, const struct actor *by, const struct new_user *u,
                      char id_out[STORE_ID_LEN], struct store_error *err);
int accounts_user_add_team(struct store *db, const char *user_id, const char *team_id, struct store_error *err);
int accounts_user_clear_teams(struct store *db, const char *user_id, struct store_error *err);
int accounts_user_id_by_username(struct store *db, const char *username, char id_out[STORE_ID_LEN],
                                 struct store_error *err);
/* The user with its teams (array of {id, code, name}); never the password hash. */
json_t *accounts_user_get(struct store *db, const char *id, struct store_error *err);
json_t *accounts_user_list(struct store *db, const char *org_id, const char *after_id, int limit,
                           struct store_error *err);
/* Every user of every organisation (the staff directory), by display name
 * then id, with their teams; never the password hash. */
json_t *accounts_user_directory(struct store *db, struct store_error *err);
int accounts_user_update(struct store *db, const struct actor *by, const char *id, long long version,
                         const char *display_name, const char *role, const char *profession, int active,
                         struct store_error *err);
/* For login: the active user's password hash (caller's buffer) and principal. */
int accounts_login_lookup(struct store *db, const char *username, char *hash, size_t hash_len,
                          struct principal *p, struct store_error *err);

int accounts_session_create(struct store *db, const char *id_hash, const char *user_id, const char *csrf,
                            const char *now, struct store_error *err);
/* Loads the session's principal and its created/last-seen times. */
int accounts_session_lookup(struct store *db, const char *id_hash, struct principal *p,
                            char created_at[STORE_TIME_LEN], char last_seen[STORE_TIME_LEN],
                            struct store_error *err);
int accounts_session_touch(struct store *db, const char *id_hash, const char *now, struct store_error *err);
int accounts_session_delete(struct store *db, const char *id_hash, struct store_error *err);
int accounts_sessions_delete_for_user(struct store *db, const char *user_id, struct store_error *err);

int accounts_token_add(struct store *db, const char *user_id, const char *token_hash, const char *label,
                       const char *now, char id_out[STORE_ID_LEN], struct store_error *err);
int accounts_token_lookup(struct store *db, const char *token_hash, struct principal *p, struct store_error *err);
json_t *accounts_token_list(struct store *db, const char *user_id, struct store_error *err);
/* Revokes token id; owner_id receives its user (for the caller's access check). */
int accounts_token_owner(struct store *db, const char *id, char owner_id[STORE_ID_LEN], struct store_error *err);
int accounts_token_revoke(struct store *db, const char *id, const char *now, struct store_error *err);

/* Login throttling by username (lower-cased by the caller). */
int accounts_throttle_get(struct store *db, const char *username, int *failures,
                          char last_failure[STORE_TIME_LEN], struct store_error *err);
int accounts_throttle_fail(struct store *db, const char *username, const char *now, struct store_error *err);
int accounts_throttle_clear(struct store *db, const char *username, struct store_error *err);

#endif
