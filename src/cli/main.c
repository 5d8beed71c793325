/* seamless — shared care records for health and social care. */
#include "util/oom.h"
#include "cli/cli.h"
#include "util/clock.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: seamless <command> [options]\n"
    "  init        --db PATH|postgres://…      create or migrate the database\n"
    "  org add     --db … --code C --name N --type council|icb|acute_trust|community_trust|gp_practice|provider|voluntary\n"
    "  team add    --db … --org C --code T --name N\n"
    "  user add    --db … --username U --org C --role R [--team T]… [--profession P] [--name N] --password-stdin\n"
    "  token issue --db … --username U [--label L]   print an API token (Bearer)\n"
    "  token revoke --db … --id ID\n"
    "  serve       --db … [--listen 127.0.0.1:8080] [--threads N] [--max-body BYTES] [--secure-cookies]\n"
    "              [--max-connections 1000] [--max-per-address 64] [--header-timeout 10]\n"
    "              [--audit-key FILE] [--checkpoints FILE --signing-key FILE [--checkpoint-seconds 60]]\n"
    "              [--mllp-listen 127.0.0.1:2575 --mllp-org TRUST_CODE]\n"
    "              [--export-dir DIR] [--public-url https://care.example.org]   FHIR $export files; FHIR links\n"
    "  demo        --db … [--persons N] [--seed S] [--stays N]  sample organisations, teams and users\n"
    "  audit verify --db … [--audit-key FILE] [--checkpoints FILE --public-key FILE]\n"
    "                                             exit 0 when the chain is intact (and keyed, and anchored)\n"
    "  audit key create --db … --out FILE | audit key rotate --db … --key FILE\n"
    "                                             the key ring that keys every entry (SEAMLESS_AUDIT_KEY=FILE)\n"
    "  audit signing-key create --out FILE        Ed25519 key pair for checkpoints (FILE, FILE.pub)\n"
    "  backup      --db … --to PATH               online backup to a new file\n"
    "  holidays    list|add|remove|complete|import --db …   bank holidays for working days\n"
    "  cld         export|check --db … --from YYYY-MM-DD --to YYYY-MM-DD   the Client Level Data return\n"
    "  import      persons --db … --from FILE.csv|.ndjson --org C [--team T] [--report F]   bulk registration\n";

int main(int argc, char **argv)
{
    oom_install();   /* before any JSON: an allocation failure is noted, not taken for bad input */
    if (sodium_init() < 0) {
        fprintf(stderr, "seamless: libsodium failed to initialise\n");
        return 1;
    }
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
        fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    char clock_err[200];
    if (clock_init(clock_err, sizeof clock_err) != 0) {
        fprintf(stderr, "seamless: %s\n", clock_err);
        return 2;
    }
    if (clock_is_pinned())
        fprintf(stderr, "seamless: test clock in use: \"now\" is SEAMLESS_NOW, not today\n");
    struct cli_args a = {argc - 2, argv + 2};
    const char *cmd = argv[1];
    if (strcmp(cmd, "init") == 0) return cmd_init(&a);
    if (strcmp(cmd, "org") == 0) return cmd_org(&a);
    if (strcmp(cmd, "team") == 0) return cmd_team(&a);
    if (strcmp(cmd, "user") == 0) return cmd_user(&a);
    if (strcmp(cmd, "token") == 0) return cmd_token(&a);
    if (strcmp(cmd, "serve") == 0) return cmd_serve(&a);
    if (strcmp(cmd, "demo") == 0) return cmd_demo(&a);
    if (strcmp(cmd, "audit") == 0) return cmd_audit(&a);
    if (strcmp(cmd, "backup") == 0) return cmd_backup(&a);
    if (strcmp(cmd, "holidays") == 0) return cmd_holidays(&a);
    if (strcmp(cmd, "cld") == 0) return cmd_cld(&a);
    if (strcmp(cmd, "import") == 0) return cmd_import(&a);
    fprintf(stderr, "seamless: unknown command '%s'\n%s", cmd, usage);
    return 2;
}
