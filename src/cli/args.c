#include "cli/cli.h"
#include "audit/keyring.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *cli_opt(const struct cli_args *a, const char *name)
{
    for (int i = 0; i + 1 < a->argc; i++)
        if (strcmp(a->argv[i], name) == 0)
            return a->argv[i + 1];
    return NULL;
}

int cli_opt_all(const struct cli_args *a, const char *name, const char **out, int max)
{
    int n = 0;
    for (int i = 0; i + 1 < a->argc && n < max; i++)
        if (strcmp(a->argv[i], name) == 0)
            out[n++] = a->argv[++i];
    return n;
}

int cli_flag(const struct cli_args *a, const char *name)
{
    for (int i = 0; i < a->argc; i++)
        if (strcmp(a->argv[i], name) == 0)
            return 1;
    return 0;
}

int cli_load_audit_key(const struct cli_args *a, const char *cmd)
{
    const char *path = cli_opt(a, "--audit-key");
    if (!path)
        path = getenv("SEAMLESS_AUDIT_KEY");
    char why[300];
    if (!path || !*path)
        return 0;
    if (audit_keyring_load(path, why, sizeof why) != 0) {
        fprintf(stderr, "seamless%s%s: %s\n", *cmd ? " " : "", cmd, why);
        return -1;
    }
    return 0;
}

struct store *cli_open_db(const struct cli_args *a, int migrate)
{
    if (cli_load_audit_key(a, "") < 0)
        return NULL;
    const char *url = cli_opt(a, "--db");
    if (!url) {
        fprintf(stderr, "seamless: --db is required\n");
        return NULL;
    }
    struct store_error err = {0};
    struct store *db = store_open(url, &err);
    if (!db) {
        char shown[512];
        store_url_redact(url, shown, sizeof shown);
        fprintf(stderr, "seamless: cannot open %s: %s\n", shown, err.message);
        return NULL;
    }
    int rc = migrate ? store_migrate(db, &err) : store_check_schema(db, &err);
    if (rc < 0) {
        fprintf(stderr, "seamless: %s\n", err.message);
        store_close(db);
        return NULL;
    }
    return db;
}

int cli_read_password(char *buf, size_t n)
{
    if (!fgets(buf, (int)n, stdin))
        return -1;
    size_t len = strlen(buf);
    while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
        buf[--len] = '\0';
    return 0;
}
