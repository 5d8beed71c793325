/* accounts: organisations, teams, users and API tokens as services, for the
 * JSON API, the admin pages and the CLI alike. Every write is validated,
 * stored and audited in one transaction; reads of other people's accounts
 * are audited.
 *
 * Who: org admins manage their own organisation's teams and users (a team
 * or user of another organisation is SVC_NOTFOUND to them); anyone may
 * read their own account; the system (CLI: no user) may do anything.
 * Tokens: a user issues and revokes their own; an org admin may revoke any
 * token of their organisation's users. The secret is shown once; only its
 * SHA-256 is stored.
 *
 * Outcomes as svc/result.h; SVC_INVALID names fields in c->errors, and
 * SVC_CONFLICT ("… already exists") is a duplicate code or username.
 * JSON handed back through out is owned by the context. */
#ifndef SEAMLESS_SVC_ACCOUNTS_H
#define SEAMLESS_SVC_ACCOUNTS_H
#include "svc/svc.h"

int svc_org_add(struct svc_ctx *c, const char *code, const char *name, const char *type, char id[STORE_ID_LEN]);
/* {items, next_cursor}: every organisation. */
int svc_org_list(struct svc_ctx *c, json_t **out);
/* The organisations of one type (e.g. "gp_practice" for a person's form). */
int svc_orgs_of_type(struct svc_ctx *c, const char *type, json_t **out);

int svc_team_add(struct svc_ctx *c, const char *org_id, const char *code, const char *name, char id[STORE_ID_LEN]);
/* {items, next_cursor}: the teams of the organisation with code org_code
 * (SVC_INVALID naming "org" when unknown), or of every one (NULL). */
int svc_team_list(struct svc_ctx *c, const char *org_code, json_t **out);
/* The teams of the principal's own organisation (an array). */
int svc_org_teams(struct svc_ctx *c, json_t **out);
int svc_team_get(struct svc_ctx *c, const char *id, json_t **out);
/* {name} made against version e, for a team of the principal's organisation. */
int svc_team_update(struct svc_ctx *c, const char *id, json_t *in, const struct svc_expect *e);

struct user_input {
    const char *org_id, *username, *display_name, *role, *profession, *password;
    json_t *team_codes;   /* array of team codes in the user's organisation, or NULL */
    /* An argon2id hash of password made earlier (crypto_password_hash), stored
     * as it is: the demo gives every user one password and hashes it once
     * (each hash costs some 0.15 s of CPU by design). Never set from a
     * request. NULL: password is hashed here. */
    const char *password_hash;
};
int svc_user_add(struct svc_ctx *c, const struct user_input *u, char id[STORE_ID_LEN]);
/* {items, next_cursor}: the principal's organisation's users after cursor
 * (a user id, or NULL), audited as one read of the list. */
int svc_user_list(struct svc_ctx *c, const char *cursor, int limit, json_t **out);
/* The user (never the password hash): oneself, or as an org admin of
 * their organisation (SVC_FORBIDDEN otherwise); audited. */
int svc_user_get(struct svc_ctx *c, const char *id, json_t **out);
/* The staff directory (FHIR Practitioner and PractitionerRole): any
 * signed-in user may read who works where — staff accounts are not the
 * personal data of the people supported. Each user as {id, username,
 * display_name, role, profession, active, org_id, org_code, org_name,
 * version, updated_at, teams}: never a password hash, session or token.
 * svc_staff_directory: every user (an array), audited as one read of the
 * directory; svc_staff_get: one user (SVC_NOTFOUND), audited as a read of
 * that user. Basis "admin": a read of directory data, not of a person. */
int svc_staff_directory(struct svc_ctx *c, json_t **out);
int svc_staff_get(struct svc_ctx *c, const char *id, json_t **out);
/* {display_name?, role?, profession?, active?} made against version e, for
 * a user of the principal's organisation; deactivating ends their sessions. */
int svc_user_update(struct svc_ctx *c, const char *id, json_t *in, const struct svc_expect *e);

/* Issues a token for user_id: token_out receives the secret (shown once). */
#define API_TOKEN_LEN 68
int svc_token_issue(struct svc_ctx *c, const char *user_id, const char *label, char token_out[API_TOKEN_LEN],
                    char id[STORE_ID_LEN]);
/* A hospital's interface engine cannot sign in to issue its own token: an
 * org admin issues the token of an integration account of their own
 * organisation (in: {label}, absent or "" → "integration"; shown once,
 * audited basis "admin"), lists its tokens ({items, next_cursor, user: {id,
 * username, display_name, active}}) and revokes them. Another
 * organisation's account is SVC_NOTFOUND; a non-admin, or an account that
 * is not an integration account, SVC_FORBIDDEN (audited); a deactivated
 * account SVC_CONFLICT. */
int svc_integration_token_issue(struct svc_ctx *c, const char *user_id, json_t *in, char token_out[API_TOKEN_LEN],
                                char id[STORE_ID_LEN]);
int svc_integration_token_list(struct svc_ctx *c, const char *user_id, json_t **out);
/* Token id of that account (SVC_NOTFOUND when it is another's). */
int svc_integration_token_revoke(struct svc_ctx *c, const char *user_id, const char *id);
/* {items, next_cursor}: the principal's own tokens. */
int svc_token_list(struct svc_ctx *c, json_t **out);
int svc_token_revoke(struct svc_ctx *c, const char *id);

#endif
