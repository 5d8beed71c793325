/* serve, audit verify, backup. */
#include "svc/bank_holidays.h"
#include "audit/audit.h"
#include "cli/cli.h"
#include "http/app.h"
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

int cmd_serve(const struct cli_args *a)
{
    struct app_config cfg;
    app_config_defaults(&cfg);
    cfg.db_url = cli_opt(a, "--db");
    if (!cfg.db_url) {
        fprintf(stderr, "seamless serve: --db is required\n");
        return 2;
    }
    if (cli_opt(a, "--listen"))
        cfg.listen = cli_opt(a, "--listen");
    if (cli_opt(a, "--threads"))
        cfg.threads = (unsigned)atoi(cli_opt(a, "--threads"));
    if (cli_opt(a, "--max-body"))
        cfg.max_body = (size_t)strtoull(cli_opt(a, "--max-body"), NULL, 10);
    cfg.secure_cookies = cli_flag(a, "--secure-cookies") || (getenv("SEAMLESS_SECURE_COOKIES") &&
                                                             strcmp(getenv("SEAMLESS_SECURE_COOKIES"), "1") == 0);
    cfg.quiet = cli_flag(a, "--quiet");
    if (cli_opt(a, "--relationship-grace-days"))
        cfg.relationship_grace_days = atoi(cli_opt(a, "--relationship-grace-days"));
    if (cli_opt(a, "--break-glass-minutes"))
        cfg.break_glass_minutes = atoi(cli_opt(a, "--break-glass-minutes"));
    if (cli_opt(a, "--export-dir"))
        cfg.export_dir = cli_opt(a, "--export-dir");
    if (cli_opt(a, "--routine-response-days"))
        cfg.routine_response_days = atoi(cli_opt(a, "--routine-response-days"));
    if (cfg.routine_response_days < 1 || cfg.routine_response_days > 260) {
        fprintf(stderr, "seamless serve: --routine-response-days must be 1–260 working days\n");
        return 2;
    }
    if (cfg.relationship_grace_days < 0 || cfg.relationship_grace_days > 3650 ||
        cfg.break_glass_minutes < 1 || cfg.break_glass_minutes > 24 * 60) {
        fprintf(stderr, "seamless serve: --relationship-grace-days must be 0–3650 and --break-glass-minutes 1–1440\n");
        return 2;
    }
    if (cfg.threads < 1 || cfg.threads > 256 || cfg.max_body < 1024) {
        fprintf(stderr, "seamless serve: --threads must be 1–256 and --max-body at least 1024\n");
        return 2;
    }
    warn_bank_holidays(cfg.db_url);
    return server_run(&cfg);
}

int cmd_audit(const struct cli_args *a)
{
    if (a->argc < 1 || strcmp(a->argv[0], "verify") != 0) {
        fprintf(stderr, "usage: seamless audit verify --db …\n");
        return 2;
    }
    struct store *db = cli_open_db(a, 0);
    if (!db)
        return 1;
    struct store_error err = {0};
    int64_t bad = 0, n = 0;
    char why[200] = "";
    int rc = audit_verify(db, &bad, why, sizeof why, &n, &err);
    store_close(db);
    if (rc == 0) {
        printf("audit chain intact: %lld entries\n", (long long)n);
        return 0;
    }
    if (rc < 0)
        fprintf(stderr, "seamless audit verify: %s\n", err.message);
    else
        fprintf(stderr, "audit chain BROKEN at entry %lld: %s\n", (long long)bad, why);
    return 1;
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
