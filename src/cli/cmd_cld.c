/* seamless cld export|check: the Adult Social Care Client Level Data
 * return for a reporting period (svc/cld.h, domain/cld.h).
 *
 *   export  writes the return as CSV (RFC 4180: a header row, CRLF, fields
 *           quoted when they hold a comma, quote or line break) to stdout.
 *           When a row breaks the specification nothing is written: every
 *           problem goes to stderr with the row's event reference, exit 1
 *           (--allow-invalid writes the file anyway, after the report).
 *   check   lists the problems on stdout (exit 0 when there are none, 1
 *           otherwise) without writing the return.
 * Both read personal data as the system and are audited (one entry per
 * person in the return, one for the return). */
#include "api/cld_api.h"
#include "cli/cli.h"
#include "svc/cld.h"
#include "util/arena.h"
#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: seamless cld export --db … --from YYYY-MM-DD --to YYYY-MM-DD [--org COUNCIL] [--la-code CODE]\n"
    "                           [--allow-invalid] > cld.csv\n"
    "       seamless cld check  --db … --from YYYY-MM-DD --to YYYY-MM-DD [--org COUNCIL] [--la-code CODE]\n"
    "  --org: the council's organisation code (needed when the database has more than one council)\n"
    "  --la-code: the LA code the return is sent under (default: the council's organisation code)\n";

/* "row 3 (ASM-…): Method_of_Assessment is mandatory …"; row 1 is the first
 * data row (line 2 of the file). */
static void report(FILE *f, const struct svc_cld_return *r)
{
    for (size_t i = 0; i < r->nproblems; i++) {
        const struct svc_cld_problem *p = &r->problems[i];
        fprintf(f, "row %zu (%s): %s %s\n", p->row + 1, r->rows[p->row].v[CLD_EVENT_REF], p->column, p->reason);
    }
    fprintf(f, "%zu rows, %zu with problems\n", r->n, r->invalid_rows);
}

static int failed(int rc, struct svc_ctx *c)
{
    if (rc == SVC_INVALID) {
        size_t i;
        json_t *e;
        json_array_foreach(c->errors, i, e)
            fprintf(stderr, "seamless cld: --%s %s\n", json_string_value(json_object_get(e, "field")),
                    json_string_value(json_object_get(e, "message")));
        return 2;
    }
    fprintf(stderr, "seamless cld: %s\n", c->detail ? c->detail : "could not read the database");
    return 1;
}

int cmd_cld(const struct cli_args *a)
{
    const char *verb = a->argc > 0 ? a->argv[0] : "";
    int export = strcmp(verb, "export") == 0;
    if ((!export && strcmp(verb, "check") != 0) || !cli_opt(a, "--from") || !cli_opt(a, "--to")) {
        fputs(usage, stderr);
        return 2;
    }
    struct store *db = cli_open_db(a, 0);
    if (!db)
        return 1;
    struct arena arena;
    arena_init(&arena);
    struct svc_ctx c;
    svc_ctx_system(&c, db, &arena, "cli");
    struct svc_cld_return r;
    int rc = svc_cld_return(&c, cli_opt(a, "--org"), cli_opt(a, "--la-code"), cli_opt(a, "--from"),
                            cli_opt(a, "--to"), &r);
    int status;
    if (rc != SVC_OK) {
        status = failed(rc, &c);
    } else if (!export) {
        report(stdout, &r);
        status = r.invalid_rows ? 1 : 0;
    } else if (r.invalid_rows && !cli_flag(a, "--allow-invalid")) {
        report(stderr, &r);
        fputs("seamless cld: the return was not written: correct the records above (or --allow-invalid)\n", stderr);
        status = 1;
    } else {
        if (r.invalid_rows)
            report(stderr, &r);
        struct buf b;
        buf_init(&b, 0);
        api_cld_csv(&b, &r);
        status = !b.failed && fwrite(buf_str(&b), 1, b.len, stdout) == b.len && fflush(stdout) == 0 ? 0 : 1;
        buf_free(&b);
    }
    arena_free(&arena);
    store_close(db);
    return status;
}
