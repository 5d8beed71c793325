/* cli: the `seamless` command and its subcommands (one file each). Each
 * returns the process exit status: 0 ok, 1 failure, 2 usage error. */
#ifndef SEAMLESS_CLI_H
#define SEAMLESS_CLI_H
#include <stddef.h>
#include "store/store.h"

struct cli_args {
    int argc;
    char **argv;
};

/* The value of --name, or NULL. */
const char *cli_opt(const struct cli_args *a, const char *name);
/* All values of a repeatable --name, in order (up to max); returns count. */
int cli_opt_all(const struct cli_args *a, const char *name, const char **out, int max);
int cli_flag(const struct cli_args *a, const char *name);
/* Opens --db (required) and checks the schema; prints errors. */
struct store *cli_open_db(const struct cli_args *a, int migrate);
/* Loads the audit key ring from --audit-key FILE, else SEAMLESS_AUDIT_KEY
 * (every command that writes audit entries must key them); nothing when
 * neither is given. -1 after printing why. */
int cli_load_audit_key(const struct cli_args *a, const char *cmd);
/* Reads one line from stdin without the newline into buf. */
int cli_read_password(char *buf, size_t n);

int cmd_init(const struct cli_args *a);
int cmd_org(const struct cli_args *a);
int cmd_team(const struct cli_args *a);
int cmd_user(const struct cli_args *a);
int cmd_token(const struct cli_args *a);
int cmd_serve(const struct cli_args *a);
int cmd_demo(const struct cli_args *a);
int cmd_audit(const struct cli_args *a);
int cmd_backup(const struct cli_args *a);
int cmd_holidays(const struct cli_args *a);
int cmd_cld(const struct cli_args *a);
int cmd_import(const struct cli_args *a);

#endif
