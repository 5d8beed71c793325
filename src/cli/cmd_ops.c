/* serve, audit verify, backup. */
#include "svc/bank_holidays.h"
#include "audit/audit.h"
#include "audit/checkpoint.h"
#include "audit/keyring.h"
#include "store/audit_store.h"
#include "cli/cli.h"
#include "http/app.h"
#include "api/routes.h"
#include "domain/referral.h"
#include "util/num.h"
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Tells the operator at start-up when the loaded bank holidays run out
 * within months (the admin home page says so too). Best effort: a database
 * not yet migrated says nothing here. */
static void warn_bank_holidays(const char *url)
{
    struct store_error err = {0};
    struct store *db = store_open(url, &err);
    json_t *st = db ? svc_bank_holidays_status(db, &err) : NULL;
    const char *w = st ? json_string_value(json_object_get(st, "warning")) : NULL;
    if (w)
        fprintf(stderr, "seamless serve: warning: %s (seamless holidays import --file bank-holidays.json)\n", w);
    json_decref(st);
    store_close(db);
}

/* An integer option: absent leaves *out alone; anything but a whole number
 * is reported and fails (-1). */
static int opt_int(const struct cli_args *a, const char *name, int *out)
{
    const char *v = cli_opt(a, name);
    if (v && num_parse_int(v, out) < 0) {
        fprintf(stderr, "seamless serve: %s must be a whole number\n", name);
        return -1;
    }
    return 0;
}

/* --public-url: http(s)://host[:port][/path], no trailing slash, no
 * query, fragment, user info or spaces (it goes into every FHIR link). */
static int public_url_ok(const char *u)
{
    const char *host = strncmp(u, "https://", 8) == 0 ? u + 8 : strncmp(u, "http://", 7) == 0 ? u + 7 : NULL;
    size_t n = strlen(u);
    return host && *host && *host != '/' && u[n - 1] != '/' && !strpbrk(host, "?#@ \t\r\n\"<>\\");
}

int cmd_serve(const struct cli_args *a)
{
    struct app_config cfg;
    app_config_defaults(&cfg);
    cfg.routes = api_routes();
    cfg.workers = api_workers();
    cfg.db_url = cli_opt(a, "--db");
    if (!cfg.db_url) {
        fprintf(stderr, "seamless serve: --db is required\n");
        return 2;
    }
    if (cli_opt(a, "--listen"))
        cfg.listen = cli_opt(a, "--listen");
    if (cli_opt(a, "--threads")) {
        int v = 0;
        if (opt_int(a, "--threads", &v) < 0)
            return 2;
        cfg.threads = v < 0 ? UINT_MAX : (unsigned)v;   /* refused by the range check */
    }
    if (cli_opt(a, "--max-body")) {
        int v = 0;
        if (opt_int(a, "--max-body", &v) < 0)
            return 2;
        cfg.max_body = v < 0 ? 0 : (size_t)v;   /* refused by the range check */
    }
    const char *secure = getenv("SEAMLESS_SECURE_COOKIES");
    cfg.secure_cookies = cli_flag(a, "--secure-cookies") || (secure && strcmp(secure, "1") == 0);
    cfg.quiet = cli_flag(a, "--quiet");
    cfg.checkpoints = cli_opt(a, "--checkpoints");
    cfg.signing_key = cli_opt(a, "--signing-key");
    if (opt_int(a, "--checkpoint-seconds", &cfg.checkpoint_seconds) < 0)
        return 2;
    if (cfg.checkpoint_seconds < 1 || cfg.checkpoint_seconds > 86400) {
        fprintf(stderr, "seamless serve: --checkpoint-seconds must be 1–86400\n");
        return 2;
    }
    if (cli_opt(a, "--max-connections")) {
        int v = 0;
        if (opt_int(a, "--max-connections", &v) < 0)
            return 2;
        cfg.max_connections = v < 0 ? UINT_MAX : (unsigned)v;   /* refused by the range check */
    }
    if (cli_opt(a, "--max-per-address")) {
        int v = 0;
        if (opt_int(a, "--max-per-address", &v) < 0)
            return 2;
        cfg.max_per_address = v < 0 ? UINT_MAX : (unsigned)v;   /* refused by the range check */
    }
    if (opt_int(a, "--header-timeout", &cfg.header_seconds) < 0)
        return 2;
    if (cfg.max_connections < 16 || cfg.max_connections > 100000 || cfg.max_per_address > cfg.max_connections ||
        cfg.header_seconds < 1 || cfg.header_seconds > 300) {
        fprintf(stderr, "seamless serve: --max-connections must be 16–100000, --max-per-address at most that "
                        "(0: no limit), --header-timeout 1–300 seconds\n");
        return 2;
    }
    if (cli_load_audit_key(a, "serve") < 0)
        return 1;
    if (opt_int(a, "--relationship-grace-days", &cfg.relationship_grace_days) < 0)
        return 2;
    if (opt_int(a, "--break-glass-minutes", &cfg.break_glass_minutes) < 0)
        return 2;
    if (cli_opt(a, "--export-dir"))
        cfg.export_dir = cli_opt(a, "--export-dir");
    cfg.public_url = cli_opt(a, "--public-url");
    if (cfg.public_url && !public_url_ok(cfg.public_url)) {
        fprintf(stderr, "seamless serve: --public-url must be an origin with an optional path, e.g. "
                        "https://care.example.org or https://example.org/seamless (no trailing /, query or fragment)\n");
        return 2;
    }
    if (opt_int(a, "--routine-response-days", &cfg.routine_response_days) < 0)
        return 2;
    if (cfg.routine_response_days < 1 || cfg.routine_response_days > 260) {
        fprintf(stderr, "seamless serve: --routine-response-days must be 1–260 working days\n");
        return 2;
    }
    if (opt_int(a, "--trusted-assessment-days", &cfg.trusted_assessment_days) < 0)
        return 2;
    if (cfg.trusted_assessment_days < 1 || cfg.trusted_assessment_days > TRUSTED_ASSESSMENT_DAYS_MAX) {
        fprintf(stderr, "seamless serve: --trusted-assessment-days must be 1–90 days\n");
        return 2;
    }
    if (cfg.relationship_grace_days < 0 || cfg.relationship_grace_days > 3650 ||
        cfg.break_glass_minutes < 1 || cfg.break_glass_minutes > 24 * 60) {
        fprintf(stderr, "seamless serve: --relationship-grace-days must be 0–3650 and --break-glass-minutes 1–1440\n");
        return 2;
    }
    cfg.mllp_listen = cli_opt(a, "--mllp-listen");
    cfg.mllp_org = cli_opt(a, "--mllp-org");
    if (!cfg.mllp_listen != !cfg.mllp_org) {
        fprintf(stderr, "seamless serve: --mllp-listen and --mllp-org go together\n");
        return 2;
    }
    if (cfg.threads < 1 || cfg.threads > 256 || cfg.max_body < 1024) {
        fprintf(stderr, "seamless serve: --threads must be 1–256 and --max-body at least 1024\n");
        return 2;
    }
    warn_bank_holidays(cfg.db_url);
    return server_run(&cfg);
}

/* --checkpoints FILE --public-key KEY: the chain against its signed anchors. */
static int verify_checkpoints(struct store *db, const char *file, const char *pubkey)
{
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    char why[400] = "";
    struct store_error err = {0};
    struct checkpoint last;
    int n = 0;
    if (!pubkey) {
        fprintf(stderr, "seamless audit verify: --checkpoints needs --public-key FILE\n");
        return 2;
    }
    if (checkpoint_public_load(pubkey, pk, why, sizeof why) != 0) {
        fprintf(stderr, "seamless audit verify: %s\n", why);
        return 1;
    }
    int rc = checkpoint_verify_file(db, file, pk, &n, &last, why, sizeof why, &err);
    if (rc == 0) {
        printf("checkpoints intact: %d signed, the newest at entry %lld (%s)\n", n, (long long)checkpoint_seq(&last), n ? last.at : "none");
        return 0;
    }
    if (rc < 0)
        fprintf(stderr, "seamless audit verify: %s\n", err.message);
    else
        fprintf(stderr, "audit log TAMPERED: %s\n", why);
    return 1;
}

static int audit_verify_cmd(const struct cli_args *a)
{
    if (cli_load_audit_key(a, "audit verify") < 0)
        return 1;
    struct store *db = cli_open_db(a, 0);
    if (!db)
        return 1;
    struct store_error err = {0};
    int64_t bad = 0, n = 0;
    char why[200] = "";
    int rc = audit_verify(db, &bad, why, sizeof why, &n, &err);
    if (rc == 0) {
        printf("audit chain intact: %lld entries\n", (long long)n);
        if (audit_keyring_loaded())
            printf("every entry from %lld on carries a valid key (mac)%s\n", (long long)audit_keyring_since(),
                   audit_keyring_since() > 1 ? "; earlier ones were written before the key existed" : "");
        if (cli_opt(a, "--checkpoints"))
            rc = verify_checkpoints(db, cli_opt(a, "--checkpoints"), cli_opt(a, "--public-key"));
        store_close(db);
        return rc;
    }
    store_close(db);
    if (rc < 0)
        fprintf(stderr, "seamless audit verify: %s\n", err.message);
    else
        fprintf(stderr, "audit chain BROKEN at entry %lld: %s\n", (long long)bad, why);
    return 1;
}

/* audit key create --db … --out FILE / audit key rotate --db … --key FILE:
 * a key valid from the next entry on. */
static int audit_key_cmd(const struct cli_args *a, int rotate)
{
    const char *path = cli_opt(a, rotate ? "--key" : "--out");
    if (!path) {
        fprintf(stderr, "usage: seamless audit key %s --db … %s FILE\n", rotate ? "rotate" : "create",
                rotate ? "--key" : "--out");
        return 2;
    }
    struct store *db = cli_open_db(a, 0);
    if (!db)
        return 1;
    struct store_error err = {0};
    struct audit_heads heads;
    char why[300];
    int rc = audit_store_heads(db, &heads, &err);
    store_close(db);
    if (rc < 0) {
        fprintf(stderr, "seamless audit key: %s\n", err.message);
        return 1;
    }
    /* A new ring: every entry from since on must be keyed, so since is past
     * every chain's newest. A rotation: the new key must be valid for every
     * chain's next entry, so since is the lowest of them (with one chain
     * both are the head + 1). */
    int64_t since = rotate ? audit_heads_next(&heads) : audit_heads_max(&heads) + 1;
    if (audit_keyring_add(path, since, rotate, why, sizeof why) != 0) {
        fprintf(stderr, "seamless audit key: %s\n", why);
        return 1;
    }
    printf("audit key %s in %s: keys entries from %lld on; restart every server and command with it\n",
           rotate ? "added" : "created", path, (long long)since);
    return 0;
}

int cmd_audit(const struct cli_args *a)
{
    const char *sub = a->argc >= 1 ? a->argv[0] : "";
    const char *what = a->argc >= 2 ? a->argv[1] : "";
    if (strcmp(sub, "verify") == 0)
        return audit_verify_cmd(a);
    if (strcmp(sub, "key") == 0 && (strcmp(what, "create") == 0 || strcmp(what, "rotate") == 0))
        return audit_key_cmd(a, strcmp(what, "rotate") == 0);
    if (strcmp(sub, "signing-key") == 0 && strcmp(what, "create") == 0) {
        const char *out = cli_opt(a, "--out");
        char why[300];
        if (!out) {
            fprintf(stderr, "usage: seamless audit signing-key create --out FILE\n");
            return 2;
        }
        if (checkpoint_keys_create(out, why, sizeof why) != 0) {
            fprintf(stderr, "seamless audit signing-key: %s\n", why);
            return 1;
        }
        printf("checkpoint signing key in %s (secret), public key in %s.pub\n", out, out);
        return 0;
    }
    fprintf(stderr, "usage: seamless audit verify --db … [--audit-key FILE] [--checkpoints FILE --public-key FILE]\n"
                    "       seamless audit key create --db … --out FILE | key rotate --db … --key FILE\n"
                    "       seamless audit signing-key create --out FILE\n");
    return 2;
}

int cmd_backup(const struct cli_args *a)
{
    const char *to = cli_opt(a, "--to");
    if (!to) {
        fprintf(stderr, "seamless backup: --to PATH is required\n");
        return 2;
    }
    struct store *db = cli_open_db(a, 0);
    if (!db)
        return 1;
    struct store_error err = {0};
    int rc = store_backup(db, to, &err);
    store_close(db);
    if (rc < 0) {
        fprintf(stderr, "seamless backup: %s\n", err.message);
        return 1;
    }
    printf("backup written to %s\n", to);
    return 0;
}
