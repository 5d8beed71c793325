/* sessions: signing in and out (POST /api/v1/sessions, the login page).
 *
 * Failed sign-ins for a username slow down (1 s from the 3rd) and are then
 * refused (SVC_THROTTLED from the 5th, for a back-off that doubles from
 * 30 s up to 15 minutes); a success clears the count, and failures older
 * than 15 minutes are forgotten. An unknown username is checked against a
 * dummy hash, so it takes as long as a wrong password.
 *
 * Audit: "login" (basis self, as the user signing in), "login_failed"
 * (basis system: nobody is signed in), "logout" (basis self). A session
 * id is 128 random bits; only its SHA-256 is stored. */
#ifndef SEAMLESS_SVC_SESSIONS_H
#define SEAMLESS_SVC_SESSIONS_H
#include "svc/svc.h"
#include "util/crypto.h"

struct svc_session {
    char token[CRYPTO_HEX32];     /* the session cookie's value */
    char csrf[CRYPTO_HEX32];      /* the session's CSRF token */
    struct principal who;         /* the signed-in user */
    int retry_after;              /* seconds, with SVC_THROTTLED */
};

/* Signs username (case-insensitive) in with password. SVC_OK with out
 * filled, and c now acts as that user; SVC_BAD_CREDENTIALS (401);
 * SVC_THROTTLED (429, out->retry_after set); SVC_FAILED. */
int svc_session_login(struct svc_ctx *c, const char *username, const char *password, struct svc_session *out);
/* Ends the session whose cookie value is token (NULL: nothing to end). */
void svc_session_logout(struct svc_ctx *c, const char *token);
/* The signed-in user (never the password hash). */
int svc_session_me(struct svc_ctx *c, json_t **out);

#endif
