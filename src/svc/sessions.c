#include "svc/sessions.h"
#include "util/clock.h"
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define SLOWDOWN_FROM 3
#define LOCKOUT_FROM 5
#define LOCKOUT_BASE_SECONDS 30
#define LOCKOUT_MAX_SECONDS (15 * 60)
#define FAILURE_MEMORY_SECONDS (15 * 60)

static char dummy_hash[256];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static void make_dummy(void)
{
    crypto_password_hash("not-a-real-password", dummy_hash, sizeof dummy_hash);
}

static int lockout_seconds(int failures)
{
    int shift = failures - LOCKOUT_FROM;
    if (shift > 5)
        return LOCKOUT_MAX_SECONDS;
    int s = LOCKOUT_BASE_SECONDS << shift;
    return s > LOCKOUT_MAX_SECONDS ? LOCKOUT_MAX_SECONDS : s;
}

/* Seconds the caller must still wait, 0 when a try is allowed. */
static int throttle_wait(struct store *db, const char *user, int *failures)
{
    char last[STORE_TIME_LEN];
    struct store_error err = {0};
    if (accounts_throttle_get(db, user, failures, last, &err) < 0 || *failures == 0)
        return 0;
    int64_t ago = clock_now_seconds() - clock_parse_utc(last);
    if (ago > FAILURE_MEMORY_SECONDS) {
        *failures = 0;
        accounts_throttle_clear(db, user, &err);
        return 0;
    }
    if (*failures >= LOCKOUT_FROM && ago < lockout_seconds(*failures))
        return (int)(lockout_seconds(*failures) - ago);
    return 0;
}

/* Counted and audited even though nobody is signed in; a failure to record
 * it does not change the answer (the sign-in failed either way). */
static void record_failure(struct svc_ctx *c, const char *user, int failures)
{
    int rc = svc_tx_begin(c);
    if (rc == 0) rc = accounts_throttle_fail(c->db, user, svc_now(c), &c->err);
    if (rc == 0) rc = svc_tx_audit(c, "login_failed", "session", NULL, NULL, "system");
    svc_tx_end(c, rc);
    if (failures + 1 >= SLOWDOWN_FROM)
        sleep(1);
}

int svc_session_login(struct svc_ctx *c, const char *username, const char *password, struct svc_session *out)
{
    char user[128], hash[256];
    snprintf(user, sizeof user, "%s", username ? username : "");
    for (char *p = user; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    int failures = 0;
    memset(out, 0, sizeof *out);
    out->retry_after = throttle_wait(c->db, user, &failures);
    if (out->retry_after > 0)
        return svc_refuse(c, SVC_THROTTLED, NULL, "Wait a few minutes before trying again.");
    int rc = accounts_login_lookup(c->db, user, hash, sizeof hash, &out->who, &c->err);
    if (rc < 0 && rc != STORE_ENOTFOUND)
        return svc_failed(c, "login");
    pthread_once(&dummy_once, make_dummy);
    /* Verify against a dummy hash for unknown users: same time either way. */
    int ok = crypto_password_verify(rc == 0 ? hash : dummy_hash, password ? password : "") && rc == 0;
    if (!ok) {
        record_failure(c, user, failures);
        return svc_refuse(c, SVC_BAD_CREDENTIALS, NULL, "The username or password is not right.");
    }
    char id_hash[CRYPTO_HEX32];
    crypto_random_hex(out->token, 16);   /* 128-bit session id */
    crypto_random_hex(out->csrf, 32);
    crypto_sha256_hex(out->token, id_hash);
    snprintf(out->who.csrf_token, sizeof out->who.csrf_token, "%s", out->csrf);
    out->who.via_session = 1;
    /* From here the context acts as the user signing in. */
    c->user_id = out->who.user_id;
    c->org_id = out->who.org_id;
    c->role = out->who.role;
    c->org_type = out->who.org_type;
    c->username = out->who.username;
    c->display_name = out->who.display_name;
    c->profession = out->who.profession[0] ? out->who.profession : NULL;
    rc = svc_tx_begin(c);
    if (rc == 0) rc = accounts_session_create(c->db, id_hash, out->who.user_id, out->csrf, svc_now(c), &c->err);
    if (rc == 0) rc = accounts_throttle_clear(c->db, user, &c->err);
    if (rc == 0) rc = svc_tx_audit(c, "login", "session", NULL, NULL, "self");
    return svc_tx_end(c, rc);
}

void svc_session_logout(struct svc_ctx *c, const char *token)
{
    if (!token)
        return;
    char hash[CRYPTO_HEX32];
    crypto_sha256_hex(token, hash);
    int rc = svc_tx_begin(c);
    if (rc == 0) rc = accounts_session_delete(c->db, hash, &c->err);
    if (rc == 0) rc = svc_tx_audit(c, "logout", "session", NULL, NULL, "self");
    svc_tx_end(c, rc);
}

int svc_session_me(struct svc_ctx *c, json_t **out)
{
    *out = svc_own(c, accounts_user_get(c->db, c->user_id, &c->err));
    return *out ? SVC_OK : svc_failed(c, "me");
}
