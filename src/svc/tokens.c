/* API tokens (svc/accounts.h): issue, list, revoke. Only the SHA-256 of a
 * token is stored; the secret is handed back once. */
#include "svc/accounts.h"
#include "domain/roles.h"
#include "domain/text.h"
#include "svc/access.h"
#include "svc/input.h"
#include "util/crypto.h"
#include <stdio.h>
#include <string.h>

static int issue(struct svc_ctx *c, const char *user_id, const char *label, const char *basis,
                 char token_out[API_TOKEN_LEN], char id[STORE_ID_LEN])
{
    if (label && strlen(label) > 100)
        svc_field_error(c, "label", "must be at most 100 characters");
    else if (label && text_fault(label, strlen(label), TEXT_ONE_LINE))
        svc_field_error(c, "label", text_fault(label, strlen(label), TEXT_ONE_LINE));
    if (svc_has_errors(c))
        return SVC_INVALID;
    char secret[CRYPTO_HEX32], hash[CRYPTO_HEX32];
    crypto_random_hex(secret, 32);
    snprintf(token_out, API_TOKEN_LEN, "sk_%s", secret);
    crypto_sha256_hex(token_out, hash);
    int rc = svc_tx_begin(c);
    if (rc == 0)
        rc = accounts_token_add(c->db, user_id, hash, label, svc_now(c), id, &c->err);
    if (rc == 0)
        rc = svc_tx_audit(c, "create", "api_token", id, NULL, basis);
    return svc_tx_end(c, rc);
}

int svc_token_issue(struct svc_ctx *c, const char *user_id, const char *label, char token_out[API_TOKEN_LEN],
                    char id[STORE_ID_LEN])
{
    return issue(c, user_id, label, c->user_id ? "self" : "system", token_out, id);
}

/* An org admin's hand on an integration account of their own
 * organisation (or the system's, on any): SVC_OK with *u the account
 * (never NULL then);
 * another organisation's user is no such user; an admin's hand on a
 * person's account, or a non-admin's on any, is refused and audited. */
static int integration_account(struct svc_ctx *c, const char *user_id, json_t **u)
{
    if (c->user_id && !(c->role && role_allows(c->role, PERM_ORG_ADMIN))) {
        svc_audit_denied(c, "api_token", user_id, NULL);
        return svc_refuse(c, SVC_FORBIDDEN, NULL, "Only an organisation's admin can issue a system's token.");
    }
    *u = svc_own(c, accounts_user_get(c->db, user_id, &c->err));
    if (!*u)
        return c->err.code == STORE_ENOTFOUND ? svc_not_found(c, "user") : svc_failed(c, "user");
    const char *org = json_string_value(json_object_get(*u, "org_id"));
    if (c->user_id && (!org || !c->org_id || strcmp(org, c->org_id) != 0))
        return svc_not_found(c, "user");
    const char *role = json_string_value(json_object_get(*u, "role"));
    if (!role || strcmp(role, "integration") != 0) {
        svc_audit_denied(c, "api_token", user_id, NULL);
        return svc_refuse(c, SVC_FORBIDDEN, "Not an integration account",
                          "An admin issues tokens only for integration accounts; people issue their own.");
    }
    return SVC_OK;
}

int svc_integration_token_issue(struct svc_ctx *c, const char *user_id, json_t *in, char token_out[API_TOKEN_LEN],
                                char id[STORE_ID_LEN])
{
    json_t *u = NULL;
    int rc = integration_account(c, user_id, &u);
    if (rc != SVC_OK)
        return rc;
    const char *label = input_str(in, "label", svc_errors(c));
    if (svc_has_errors(c))
        return SVC_INVALID;
    if (!json_is_true(json_object_get(u, "active")))
        return svc_refuse(c, SVC_CONFLICT, "Account deactivated",
                          "The account is deactivated: reactivate it before issuing a token.");
    return issue(c, user_id, label && *label ? label : "integration", c->user_id ? "admin" : "system", token_out, id);
}

int svc_integration_token_list(struct svc_ctx *c, const char *user_id, json_t **out)
{
    json_t *u = NULL;
    int rc = integration_account(c, user_id, &u);
    if (rc != SVC_OK)
        return rc;
    json_t *items = accounts_token_list(c->db, user_id, &c->err);
    if (!items)
        return svc_failed(c, "token list");
    *out = svc_own(c, json_pack("{s:o, s:n, s:{s:O, s:O, s:O, s:O}}", "items", items, "next_cursor", "user", "id",
                                json_object_get(u, "id"), "username", json_object_get(u, "username"),
                                "display_name", json_object_get(u, "display_name"), "active",
                                json_object_get(u, "active")));
    return SVC_OK;
}

int svc_token_list(struct svc_ctx *c, json_t **out)
{
    json_t *items = accounts_token_list(c->db, c->user_id, &c->err);
    if (!items)
        return svc_failed(c, "token list");
    *out = svc_own(c, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
    return SVC_OK;
}

/* SVC_OK when the principal may revoke token id: its owner (basis
 * "self"), an org admin of the owner's organisation ("admin"), or the
 * system. Anyone else: no such token. */
static int may_revoke(struct svc_ctx *c, const char *id, const char **basis)
{
    char owner[STORE_ID_LEN];
    int rc = accounts_token_owner(c->db, id, owner, &c->err);
    if (rc < 0)
        return svc_store_fail(c, rc, "token");
    *basis = c->user_id ? "self" : "system";
    if (!c->user_id || strcmp(owner, c->user_id) == 0)
        return SVC_OK;
    json_t *u = accounts_user_get(c->db, owner, &c->err);
    int same_org = u && c->org_id && strcmp(json_string_value(json_object_get(u, "org_id")), c->org_id) == 0;
    json_decref(u);
    *basis = "admin";
    if (same_org && c->role && role_allows(c->role, PERM_ORG_ADMIN))
        return SVC_OK;
    return svc_not_found(c, "token");
}

int svc_token_revoke(struct svc_ctx *c, const char *id)
{
    const char *basis = NULL;
    int rc = may_revoke(c, id, &basis);
    if (rc != SVC_OK)
        return rc;
    rc = svc_tx_begin(c);
    if (rc == 0)
        rc = accounts_token_revoke(c->db, id, svc_now(c), &c->err);
    if (rc == 0)
        rc = svc_tx_audit(c, "revoke", "api_token", id, NULL, basis);
    rc = svc_tx_end(c, rc);
    return rc == SVC_STALE || rc == SVC_CONFLICT ? svc_failed(c, "token revoke") : rc;
}

int svc_integration_token_revoke(struct svc_ctx *c, const char *user_id, const char *id)
{
    json_t *u;
    char owner[STORE_ID_LEN];
    int rc = integration_account(c, user_id, &u);
    if (rc != SVC_OK)
        return rc;
    rc = accounts_token_owner(c->db, id, owner, &c->err);
    if (rc < 0)
        return svc_store_fail(c, rc, "token");
    return strcmp(owner, user_id) == 0 ? svc_token_revoke(c, id) : svc_not_found(c, "token");
}
