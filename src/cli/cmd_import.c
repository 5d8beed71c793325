/* seamless import persons: registers a council's client index from a CSV or
 * NDJSON file, through the same checks as the API (svc/person_import.h).
 *
 * The file is read twice: once to hash it (the run is found again by its
 * SHA-256, so a run cut short resumes after its last committed batch) and
 * to find whether it can be split into rows at all (a file that cannot —
 * an open quote, a bad header — imports nothing); then to import it in
 * batches of --batch rows, one transaction each. Rejected rows are listed
 * with their line and reason (to --report FILE as CSV, else on stderr);
 * on a terminal a progress line is kept up to date.
 * Exit status: 0 every row imported; 1 some rows rejected (the others are
 * in) or the database failed (run it again to resume); 2 usage, or a file
 * that cannot be read or split into rows. */
#include "cli/cli.h"
#include "audit/audit.h"
#include "util/num.h"
#include "svc/person_import.h"
#include "util/clock.h"
#include "util/table_rows.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "usage: seamless import persons --db … --from FILE.csv|FILE.ndjson --org CODE [--team CODE]\n"
    "                               [--report REJECTED.csv] [--batch ROWS] [--format csv|ndjson]\n"
    "  CSV: a header row naming the API's person fields (family_name, given_name, date_of_birth, sex,\n"
    "  nhs_number, postcode, address_line1, town, …); NDJSON: one JSON object a line, as the API's body.\n";

#define CHUNK (1 << 20)
/* Rows per transaction. 10,000 rather than 1,000: a batch rewrites the
 * index pages its rows touch once, so larger batches write fewer pages
 * (100,000 rows: 12.3 s of CPU at 1,000, 8.7 s at 10,000; more than that
 * gained nothing measurable and holds more in memory). */
#define BATCH_DEFAULT 10000
#define BATCH_MAX 100000

struct run {
    struct svc_import im;
    struct svc_import_row *rows;
    int n, cap;
    long last_line;
    long long total, seen;        /* rows in the file; rows read so far */
    json_t *rejects;
    json_t *keep;                 /* the reader's problem texts of the batch being gathered */
    FILE *report;
    int failed;
    int progress;
    double started_ms;
};

static int count_row(void *arg, long line, json_t *row, const char *problem)
{
    (void)line; (void)row; (void)problem;
    ((struct run *)arg)->total++;
    return 0;
}

static void csv_quoted(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void write_rejects(struct run *r)
{
    size_t i;
    json_t *e;
    json_array_foreach(r->rejects, i, e) {
        long long line = json_integer_value(json_object_get(e, "line"));
        const char *field = json_string_value(json_object_get(e, "field"));
        const char *msg = json_string_value(json_object_get(e, "message"));
        if (r->report) {
            fprintf(r->report, "%lld,", line);
            csv_quoted(r->report, field);
            fputc(',', r->report);
            csv_quoted(r->report, msg);
            fputc('\n', r->report);
        } else {
            fprintf(stderr, "%sline %lld: %s%s%s\n", r->progress ? "\r\033[K" : "", line, field,
                    *field ? ": " : "", msg);
        }
    }
    json_array_clear(r->rejects);
}

static void show_progress(struct run *r, int done)
{
    if (!r->progress)
        return;
    double secs = (clock_monotonic_ms() - r->started_ms) / 1000.0;
    fprintf(stderr, "\r\033[Kimporting: %lld of %lld rows (%d%%), %lld imported, %lld rejected, %.0f rows/s%s",
            r->seen, r->total, r->total ? (int)(r->seen * 100 / r->total) : 100, r->im.imported, r->im.rejected,
            secs > 0 ? (double)r->seen / secs : 0.0, done ? "\n" : "");
}

static int flush_batch(struct run *r)
{
    if (!r->n && !r->last_line)
        return 0;
    int rc = svc_person_import_batch(&r->im, r->rows, r->n, r->last_line, r->rejects);
    for (int i = 0; i < r->n; i++)
        json_decref(r->rows[i].body);
    r->n = 0;
    json_array_clear(r->keep);
    if (rc != SVC_OK) {
        r->failed = 1;
        return 1;
    }
    write_rejects(r);
    show_progress(r, 0);
    return 0;
}

static int take_row(void *arg, long line, json_t *row, const char *problem)
{
    struct run *r = arg;
    r->seen++;
    if (line <= r->im.resume_after)
        return 0;   /* an earlier run finished this line */
    if (r->n == r->cap && flush_batch(r))
        return 1;
    const char *why = NULL;
    if (problem) {   /* the reader's text lives only during the call */
        json_t *copy = json_string(problem);
        json_array_append_new(r->keep, copy);
        why = json_string_value(copy);
    }
    r->rows[r->n++] = (struct svc_import_row){line, problem ? NULL : json_incref(row), why};
    r->last_line = line;
    return 0;
}

/* Reads path through a table reader; sha (when not NULL) gets its hash.
 * 0, or -1 after printing why; *empty when there was nothing but space. */
static int read_file(const char *path, enum table_format f, table_row_cb cb, void *arg, char sha[65], int *empty)
{
    FILE *in = fopen(path, "rb");
    if (!in) {
        fprintf(stderr, "seamless import: cannot open %s\n", path);
        return -1;
    }
    struct table_rows *t = table_rows_new(f, cb, arg);
    char *chunk = malloc(CHUNK);
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    size_t got;
    int rc = t && chunk ? 0 : -1, any = 0;
    while (rc == 0 && (got = fread(chunk, 1, CHUNK, in)) > 0) {
        crypto_hash_sha256_update(&st, (unsigned char *)chunk, got);
        for (size_t i = 0; i < got && !any; i++)
            any = chunk[i] != ' ' && chunk[i] != '\n' && chunk[i] != '\r' && chunk[i] != '\t';
        rc = table_rows_feed(t, chunk, got);
    }
    if (rc == 0 && ferror(in)) {
        fprintf(stderr, "seamless import: cannot read %s\n", path);
        rc = -1;
    } else if (rc == 0) {
        rc = table_rows_finish(t);
    }
    if (rc < 0 && t && table_rows_error(t)[0])
        fprintf(stderr, "seamless import: %s: %s; nothing was imported\n", path, table_rows_error(t));
    if (rc == 0 && f == TABLE_CSV && any && !table_rows_columns(t)) {
        fprintf(stderr, "seamless import: %s has no header row\n", path);
        rc = -1;
    }
    const char *unknown = rc == 0 && f == TABLE_CSV && table_rows_columns(t)
                              ? svc_person_import_unknown_column(table_rows_columns(t)) : NULL;
    if (unknown) {
        fprintf(stderr, "seamless import: %s: the header names column \"%.80s\", which is not a person field;"
                " nothing was imported (the columns the import reads: %s)\n", path, unknown,
                svc_person_import_fields());
        rc = -1;
    }
    if (sha) {
        unsigned char h[crypto_hash_sha256_BYTES];
        crypto_hash_sha256_final(&st, h);
        sodium_bin2hex(sha, 65, h, sizeof h);
    }
    *empty = !any;
    table_rows_free(t);
    free(chunk);
    fclose(in);
    return rc;
}

/* What a run holds besides the import itself: the rows gathered and the
 * reader's lists (rows may not be allocated yet). */
static void run_free(struct run *r)
{
    for (int i = 0; i < r->n; i++)
        json_decref(r->rows[i].body);
    free(r->rows);
    json_decref(r->rejects);
    json_decref(r->keep);
}

/* The import opened (or found again, to resume) for the file's sha, the
 * report file opened and the batch made ready: 0, or the exit status after
 * saying why not. */
static int start_run(struct run *r, struct svc_ctx *c, const struct cli_args *a, const char *from, const char *sha)
{
    int rc = svc_person_import_open(c, &r->im, cli_opt(a, "--org"), cli_opt(a, "--team"), sha, from);
    if (rc != SVC_OK) {
        if (rc == SVC_INVALID)
            fprintf(stderr, "seamless import: --%s %s\n",
                    json_string_value(json_object_get(json_array_get(c->errors, 0), "field")),
                    json_string_value(json_object_get(json_array_get(c->errors, 0), "message")));
        else
            fprintf(stderr, "seamless import: %s\n", rc == SVC_CONFLICT ? c->detail : "the database failed");
        return rc == SVC_INVALID ? 2 : 1;
    }
    if (r->im.resume_after)
        printf("resuming after line %lld (%lld imported, %lld rejected before)\n", r->im.resume_after,
               r->im.earlier_imported, r->im.earlier_rejected);
    const char *report = cli_opt(a, "--report");
    if (report && !(r->report = fopen(report, r->im.resume_after ? "a" : "w"))) {
        fprintf(stderr, "seamless import: cannot write %s\n", report);
        svc_person_import_close(&r->im, 0);
        return 2;
    }
    if (r->report && !r->im.resume_after)
        fputs("line,field,message\n", r->report);
    r->cap = num_int_or(cli_opt(a, "--batch"), BATCH_DEFAULT);
    r->rows = calloc((size_t)r->cap, sizeof *r->rows);
    r->started_ms = clock_monotonic_ms();
    return 0;
}

static int run_import(struct store *db, const struct cli_args *a, const char *from, enum table_format f)
{
    struct run r = {.rejects = json_array(), .keep = json_array(), .progress = isatty(STDERR_FILENO)};
    char sha[65];
    int empty = 0;
    int rc = read_file(from, f, count_row, &r, sha, &empty) != 0 ? 2 : 0;
    if (rc == 0 && (empty || r.total == 0)) {
        fprintf(stderr, "seamless import: %s %s: nothing to import\n", from, empty ? "is empty" : "has no rows");
        rc = 1;
    }
    if (rc != 0) {
        run_free(&r);
        return rc;
    }
    struct arena arena;
    arena_init(&arena);
    struct svc_ctx c;
    char request_id[33];
    snprintf(request_id, sizeof request_id, "import-%.24s", sha);
    svc_ctx_system(&c, db, &arena, request_id);
    if ((rc = start_run(&r, &c, a, from, sha)) != 0) {
        arena_free(&arena);
        run_free(&r);
        return rc;
    }
    long long total = r.total;
    r.seen = 0;
    int stop = 0;
    rc = read_file(from, f, take_row, &r, NULL, &stop);
    r.total = total;
    if (rc == 0 && !r.failed)
        flush_batch(&r);
    show_progress(&r, 1);
    int finished = rc == 0 && !r.failed;
    if (svc_person_import_close(&r.im, finished) != SVC_OK)
        finished = 0;
    if (r.report)
        fclose(r.report);
    long long imported = r.im.imported, rejected = r.im.rejected;
    run_free(&r);
    arena_free(&arena);
    if (!finished) {
        fprintf(stderr, "seamless import: the database refused a batch after line %lld (%s); the batches before "
                        "it are in: run the same command again to resume\n", r.im.resume_after > r.last_line
                ? r.im.resume_after : r.last_line, c.err.message[0] ? c.err.message : "no detail");
        return 1;
    }
    const char *report = cli_opt(a, "--report");
    printf("imported %lld people, rejected %lld rows%s%s\n", imported, rejected,
           rejected && report ? " (see " : "", rejected && report ? report : "");
    if (rejected && report)
        printf(")\n");
    return rejected ? 1 : 0;
}

int cmd_import(const struct cli_args *a)
{
    if (a->argc < 1 || strcmp(a->argv[0], "persons") != 0) {
        fputs(usage, stderr);
        return 2;
    }
    struct cli_args rest = {a->argc - 1, a->argv + 1};
    const char *from = cli_opt(&rest, "--from"), *format = cli_opt(&rest, "--format");
    if (!from || !cli_opt(&rest, "--org")) {
        fputs(usage, stderr);
        return 2;
    }
    size_t n = strlen(from);
    enum table_format f = (format && strcmp(format, "ndjson") == 0) ||
                          (!format && ((n > 7 && strcmp(from + n - 7, ".ndjson") == 0) ||
                                       (n > 6 && strcmp(from + n - 6, ".jsonl") == 0)))
                              ? TABLE_NDJSON : TABLE_CSV;
    if (format && strcmp(format, "csv") != 0 && strcmp(format, "ndjson") != 0) {
        fputs(usage, stderr);
        return 2;
    }
    const char *batch = cli_opt(&rest, "--batch");
    int rows = 0;
    if (batch && (num_parse_int(batch, &rows) < 0 || rows < 1 || rows > BATCH_MAX)) {
        fprintf(stderr, "seamless import: --batch must be a whole number of rows from 1 to %d\n", BATCH_MAX);
        return 2;
    }
    struct store *db = cli_open_db(&rest, 0);
    if (!db)
        return 1;
    int rc = run_import(db, &rest, from, f);
    /* The people the import audited, indexed by person now rather than by
     * the server's writer later (audit.h). */
    struct store_error err = {0};
    if (audit_index_all(db, &err) != 0)
        fprintf(stderr, "seamless import: the audit trail's person index is behind (%s); the server will "
                        "catch it up\n", err.message);
    store_close(db);
    return rc;
}
