/* API tokens (svc/accounts.h): issue, list, revoke. Only the SHA-256 of a
 * token is stored; the secret is handed back once. */
#include "svc/accounts.h"
#include "domain/roles.h"
#include "util/crypto.h"
#include <stdio.h>
#include <string.h>

int svc_token_issue(struct svc_ctx *c, const char *user_id, const char *label, char token_out[API_TOKEN_LEN],
                    char id[STORE_ID_LEN])
{
    if (label && strlen(label) > 100)
        svc_field_error(c, "label", "must be at most 100 characters");
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
        rc = svc_tx_audit(c, "create", "api_token", id, NULL, c->user_id ? "self" : "system");
    return svc_tx_end(c, rc);
}

int svc_token_list(struct svc_ctx *c, json_t **out)
{
    json_t *items = accounts_token_list(c->db, c->user_id, &c->err);
    if (!items)
        return svc_failed(c, "token list");
    *out = svc_own(c, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
    return SVC_OK;
}

/* SVC_OK when the principal may revoke token id: its owner, an org admin
 * of the owner's organisation, or the system. Anyone else: no such token. */
static int may_revoke(struct svc_ctx *c, const char *id)
{
    char owner[STORE_ID_LEN];
    int rc = accounts_token_owner(c->db, id, owner, &c->err);
    if (rc < 0)
        return svc_store_fail(c, rc, "token");
    if (!c->user_id || strcmp(owner, c->user_id) == 0)
        return SVC_OK;
    json_t *u = accounts_user_get(c->db, owner, &c->err);
    int same_org = u && c->org_id && strcmp(json_string_value(json_object_get(u, "org_id")), c->org_id) == 0;
    json_decref(u);
    if (same_org && c->role && role_allows(c->role, PERM_ORG_ADMIN))
        return SVC_OK;
    return svc_not_found(c, "token");
}

int svc_token_revoke(struct svc_ctx *c, const char *id)
{
    int rc = may_revoke(c, id);
    if (rc != SVC_OK)
        return rc;
    rc = svc_tx_begin(c);
    if (rc == 0)
        rc = accounts_token_revoke(c->db, id, svc_now(c), &c->err);
    if (rc == 0)
        rc = svc_tx_audit(c, "revoke", "api_token", id, NULL, c->user_id ? "self" : "system");
    rc = svc_tx_end(c, rc);
    return rc == SVC_STALE || rc == SVC_CONFLICT ? svc_failed(c, "token revoke") : rc;
}
