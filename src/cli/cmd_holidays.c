/* seamless holidays list|add|remove|complete|import: the England and Wales
 * bank holidays that working days are counted with, kept as data so a new
 * year is added without a new binary. Changes go through the same service
 * as the admin page and are audited (basis "system"). */
#include "api/api.h"
#include "svc/bank_holidays.h"
#include "cli/cli.h"
#include "store/bank_holidays.h"
#include "util/holidays_json.h"
#include "util/num.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: seamless holidays list     --db …\n"
    "       seamless holidays add      --db … --date YYYY-MM-DD --name N\n"
    "       seamless holidays remove   --db … --date YYYY-MM-DD\n"
    "       seamless holidays complete --db … --year YYYY\n"
    "       seamless holidays import   --db … --file bank-holidays.json [--division england-and-wales]\n"
    "         (the file from https://www.gov.uk/bank-holidays.json: adds the days not yet loaded and marks\n"
    "          each year in the file complete)\n";

#define IMPORT_MAX 1000

static int print_errors(struct svc_ctx *c, int rc, const char *doing)
{
    json_t *errors = c->errors;
    size_t i;
    json_t *e;
    if (rc == SVC_INVALID)
        json_array_foreach(errors, i, e)
            fprintf(stderr, "seamless holidays: --%s: %s\n", json_string_value(json_object_get(e, "field")),
                    json_string_value(json_object_get(e, "message")));
    else if (rc == SVC_NOTFOUND)
        fprintf(stderr, "seamless holidays: that day is not a bank holiday\n");
    else if (rc != SVC_OK)
        fprintf(stderr, "seamless holidays: could not %s: the database refused the change\n", doing);
    svc_reset(c);
    return rc == SVC_OK ? 0 : rc == SVC_INVALID ? 2 : 1;
}

static int list(struct store *db)
{
    struct store_error err = {0};
    json_t *items = bank_holidays_list(db, 0, &err), *st = items ? svc_bank_holidays_status(db, &err) : NULL;
    if (!st) {
        fprintf(stderr, "seamless holidays: could not read the bank holidays: %s\n", err.message);
        json_decref(items);
        return 1;
    }
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it)
        printf("%s  %s\n", json_string_value(json_object_get(it, "date")),
               json_string_value(json_object_get(it, "name")));
    const char *until = json_string_value(json_object_get(st, "covered_until_words"));
    printf("complete lists up to: %s\n", until ? until : "none");
    const char *warning = json_string_value(json_object_get(st, "warning"));
    if (warning)
        printf("warning: %s\n", warning);
    json_decref(items);
    json_decref(st);
    return 0;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *text = NULL;
    size_t cap = 0, n = 0, got;
    do {
        if (n + 65536 > cap) {
            char *t = realloc(text, cap = n + 65536);
            if (!t || cap > 16u * 1024 * 1024) {
                free(t ? t : text);
                fclose(f);
                return NULL;
            }
            text = t;
        }
        got = fread(text + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(text);
        return NULL;
    }
    *len = n;
    return text;
}

static int import(struct svc_ctx *c, const char *path, const char *division)
{
    size_t len;
    char *text = read_file(path, &len), err[200];
    if (!text) {
        fprintf(stderr, "seamless holidays: cannot read %s\n", path);
        return 1;
    }
    static struct holiday_event ev[IMPORT_MAX];
    int n = holidays_json_parse(text, len, division, ev, IMPORT_MAX, err, sizeof err);
    free(text);
    if (n < 0) {
        fprintf(stderr, "seamless holidays: %s: %s\n", path, err);
        return 2;
    }
    int added = 0, years[IMPORT_MAX], ny = 0;
    for (int i = 0; i < n; i++) {
        svc_reset(c);
        int rc = svc_bank_holiday_add(c, ev[i].date, ev[i].title);
        if (rc == SVC_OK)
            added++;
        else if (rc != SVC_INVALID) {   /* invalid here means "already a holiday" */
            fprintf(stderr, "seamless holidays: could not add %s: the database refused the change\n", ev[i].date);
            return 1;
        }
        int y = 0;
        if (num_parse_int_n(ev[i].date, 4, &y) < 0)   /* dates were checked by the service */
            continue;
        if (ny == 0 || years[ny - 1] != y)
            years[ny++] = y;
    }
    for (int i = 0; i < ny; i++) {
        svc_reset(c);
        if (print_errors(c, svc_bank_holiday_year_complete(c, years[i]), "mark the year complete"))
            return 1;
    }
    printf("%d bank holidays added, %d already loaded; years complete:", added, n - added);
    for (int i = 0; i < ny; i++)
        printf(" %d", years[i]);
    printf("\n");
    return 0;
}

int cmd_holidays(const struct cli_args *a)
{
    const char *verb = a->argc > 0 ? a->argv[0] : "";
    int known = !strcmp(verb, "list") || !strcmp(verb, "add") || !strcmp(verb, "remove") ||
                !strcmp(verb, "complete") || !strcmp(verb, "import");
    if (!known) {
        fputs(usage, stderr);
        return 2;
    }
    struct store *db = cli_open_db(a, 0);
    if (!db)
        return 1;
    struct svc_ctx c;
    struct arena arena;
    arena_init(&arena);
    svc_ctx_system(&c, db, &arena, "cli");
    int rc;
    if (!strcmp(verb, "list")) {
        rc = list(db);
    } else if (!strcmp(verb, "import")) {
        const char *file = cli_opt(a, "--file"), *division = cli_opt(a, "--division");
        rc = file ? import(&c, file, division ? division : "england-and-wales") : (fputs(usage, stderr), 2);
    } else if (!strcmp(verb, "complete")) {
        const char *y = cli_opt(a, "--year");
        rc = print_errors(&c, svc_bank_holiday_year_complete(&c, num_int_or(y, 0)), "mark the year");
    } else if (!strcmp(verb, "remove")) {
        rc = print_errors(&c, svc_bank_holiday_remove(&c, cli_opt(a, "--date") ? cli_opt(a, "--date") : ""),
                          "remove the day");
    } else {
        rc = print_errors(&c, svc_bank_holiday_add(&c, cli_opt(a, "--date"), cli_opt(a, "--name")), "add the day");
    }
    store_close(db);
    arena_free(&arena);
    return rc;
}
