/* The $export worker: one thread beside the request threads that runs
 * queued export jobs (export.h). */
#include "fhir/export.h"
#include "fhir/organization.h"
#include "fhir/patient.h"
#include "fhir/service_request.h"
#include "svc/accounts.h"
#include "svc/fhir_export.h"
#include "svc/referral_reads.h"
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static struct {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    int stop, started, kicked;
    struct app *app;
    char dir[512];   /* the export directory */
} W = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

static int stopping(void)
{
    pthread_mutex_lock(&W.lock);
    int s = W.stop;
    pthread_mutex_unlock(&W.lock);
    return s;
}

/* One NDJSON file being written: <dir>/<Type>.ndjson.part until done. */
struct out_file {
    const char *type;
    FILE *f;
    long long count;
};

static int write_line(struct out_file *o, json_t *resource)
{
    int rc = json_dumpf(resource, o->f, JSON_COMPACT) == 0 && fputc('\n', o->f) != EOF ? 0 : -1;
    json_decref(resource);
    o->count++;
    return rc;
}

static void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    char path[1024];
    while ((e = readdir(d)))
        if (e->d_name[0] != '.') {
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
    closedir(d);
    rmdir(dir);
}

static struct out_file *find(struct out_file *files, int n, const char *type)
{
    for (int i = 0; i < n; i++)
        if (strcmp(files[i].type, type) == 0)
            return &files[i];
    return NULL;
}

/* The FHIR base the export was asked of (its kick-off URL up to /fhir/R4),
 * for the canonical URLs of Seamless's own definitions. */
static void base_of(json_t *job, char base[512])
{
    const char *url = json_string_value(json_object_get(job, "request"));
    const char *at = url ? strstr(url, "/fhir/R4") : NULL;
    snprintf(base, 512, "%.*s/fhir/R4", at ? (int)(at - url) : 16, at ? url : "http://localhost");
}

/* The Patient file: each released person's Patient written as one line
 * straight from the record's columns (fhir_patient_write). */
struct patient_out {
    struct out_file *file;
    struct buf line;
};

static int patient_line(void *arg, const struct person_view *p)
{
    struct patient_out *o = arg;
    buf_reset(&o->line);
    if (fhir_patient_write(&o->line, p) != 0 || buf_putc(&o->line, '\n') != 0)
        return -1;
    o->file->count++;
    return fwrite(o->line.data, 1, o->line.len, o->file->f) == o->line.len ? 0 : -1;
}

static int referrals_of(struct svc_ctx *as, const struct export_page *page, struct out_file *sr, const char *base)
{
    int rc = SVC_OK;
    for (size_t k = 0; rc == SVC_OK && k < page->n; k++) {
        json_t *refs = NULL;
        rc = svc_referrals_of_person(as, page->ids[k], &refs);
        size_t j;
        json_t *r;
        json_array_foreach(refs, j, r)
            if (rc == SVC_OK && write_line(sr, fhir_service_request_from_referral(r, base)) != 0)
                rc = SVC_FAILED;
    }
    return rc;
}

/* A page between svc_export_page_queue and its release: its own arena and
 * context, and the queued audit entry (which must not move). */
struct page_slot {
    struct arena arena;
    struct svc_ctx as;
    struct export_queued q;
    int live;
};

/* People per page: FHIR_EXPORT_PAGE, or SEAMLESS_EXPORT_PAGE (1 to
 * FHIR_EXPORT_PAGE) so that a test can run many pages on a small county. */
static int page_size(void)
{
    const char *v = getenv("SEAMLESS_EXPORT_PAGE");
    long n = v ? strtol(v, NULL, 10) : 0;
    return n >= 1 && n <= FHIR_EXPORT_PAGE ? (int)n : FHIR_EXPORT_PAGE;
}

static int queue_page(struct page_slot *s, struct svc_ctx *sys, json_t *job, const char *after)
{
    arena_init(&s->arena);
    svc_export_as_requester(&s->as, sys, job);
    s->as.arena = &s->arena;
    s->live = 1;
    return svc_export_page_queue(&s->as, job, after[0] ? after : NULL, page_size(), &s->q);
}

static void progress(struct svc_ctx *sys, const char *id, long long seen)
{
    char text[64];
    snprintf(text, sizeof text, "%lld people exported", seen);
    svc_export_progress(sys, id, text);
}

/* Waits for the page's audit entry and, when write is set, writes the
 * page (Patients, then their referrals); frees the slot either way. */
static int release_page(struct page_slot *s, int write, struct patient_out *po, struct out_file *sr,
                        const char *base)
{
    int rc = svc_export_page_release(&s->as, &s->q, write && po->file ? patient_line : NULL, po);
    if (rc == SVC_OK && write && sr)
        rc = referrals_of(&s->as, &s->q.page, sr, base);
    arena_free(&s->arena);
    s->live = 0;
    return rc;
}

/* Patients and their referrals, page by page: the next page's audit
 * entry is queued before this page is written, so the writer commits it
 * meanwhile (each page is still written only once its own entry is
 * durable). A job stopped or cancelled after a page has one page more
 * audited than written: the trail may name a release that did not happen,
 * never the reverse. 0 done, 1 stopped or cancelled, -1 failed. */
static int export_people(struct svc_ctx *sys, json_t *job, struct out_file *files, int n)
{
    struct out_file *pt = find(files, n, "Patient"), *sr = find(files, n, "ServiceRequest");
    if (!pt && !sr)
        return 0;
    char base[512];
    base_of(job, base);
    char after[STORE_ID_LEN] = "";
    const char *id = json_string_value(json_object_get(job, "id"));
    long long seen = 0;
    struct patient_out po = {pt, {0}};
    buf_init(&po.line, 1 << 24);
    struct page_slot slot[2] = {{.live = 0}, {.live = 0}};
    int rc = SVC_OK, stopped = 0, prev = -1;
    for (;;) {
        int cur = prev == 0 ? 1 : 0;
        rc = queue_page(&slot[cur], sys, job, after);
        snprintf(after, sizeof after, "%s", slot[cur].q.page.next);
        if (prev >= 0) {
            seen += (long long)slot[prev].q.page.n;
            int written = release_page(&slot[prev], rc == SVC_OK, &po, sr, base);
            if (rc == SVC_OK)
                rc = written;
            if (rc == SVC_OK) {
                progress(sys, id, seen);
                stopped = stopping() || !svc_export_still_running(sys, id);
            }
        }
        prev = cur;
        if (rc != SVC_OK || stopped || !after[0])
            break;
    }
    /* The last page queued: written when all went well, else only waited for. */
    if (slot[prev].live) {
        int last = release_page(&slot[prev], rc == SVC_OK && !stopped, &po, sr, base);
        if (rc == SVC_OK && !stopped && (rc = last) == SVC_OK)
            progress(sys, id, seen + (long long)slot[prev].q.page.n);
    }
    buf_free(&po.line);
    return rc != SVC_OK ? -1 : stopped;
}

static int export_organizations(struct svc_ctx *sys, struct out_file *files, int n)
{
    struct out_file *o = find(files, n, "Organization");
    if (!o)
        return 0;
    json_t *orgs;
    if (svc_org_list(sys, &orgs) != SVC_OK)
        return -1;
    size_t i;
    json_t *org;
    json_array_foreach(json_object_get(orgs, "items"), i, org)
        if (write_line(o, fhir_organization_from_org(org)) != 0)
            return -1;
    return 0;
}

/* Opens a .part file per type, runs the job, then renames the files and
 * records the manifest — or removes them all. */
static void run_job(struct svc_ctx *sys, json_t *job)
{
    const char *id = json_string_value(json_object_get(job, "id"));
    char dir[768], types[256];
    snprintf(dir, sizeof dir, "%s/%s", W.dir, id);
    remove_dir(dir);   /* a job run again starts clean */
    mkdir(W.dir, 0700);
    struct out_file files[4] = {0};
    int n = 0, rc = mkdir(dir, 0700) == 0 ? 0 : -1;
    snprintf(types, sizeof types, "%s", json_string_value(json_object_get(job, "types")));
    char *save = NULL;
    for (char *t = strtok_r(types, ",", &save); rc == 0 && t && n < 4; t = strtok_r(NULL, ",", &save)) {
        char path[900];
        snprintf(path, sizeof path, "%s/%s.ndjson.part", dir, t);
        files[n].type = t;
        files[n].f = fopen(path, "w");
        if (files[n].f)   /* large writes: fewer system calls per line */
            setvbuf(files[n].f, NULL, _IOFBF, 1 << 20);
        rc = files[n++].f ? 0 : -1;
    }
    if (rc == 0)
        rc = export_people(sys, job, files, n);
    if (rc == 0)
        rc = export_organizations(sys, files, n);
    json_t *manifest = json_array();
    for (int i = 0; i < n; i++) {
        if (files[i].f && fclose(files[i].f) != 0 && rc == 0)
            rc = -1;
        char from[900], to[900];
        snprintf(from, sizeof from, "%s/%s.ndjson.part", dir, files[i].type);
        snprintf(to, sizeof to, "%s/%s.ndjson", dir, files[i].type);
        if (rc == 0 && files[i].count > 0 && rename(from, to) == 0)
            json_array_append_new(manifest, json_pack("{s:s, s:I}", "type", files[i].type, "count",
                                                      (json_int_t)files[i].count));
        else
            unlink(from);
    }
    if (rc == 1 && stopping()) {   /* cut short by a stop: queued again at the next start */
        json_decref(manifest);
        return;
    }
    char *text = json_dumps(manifest, JSON_COMPACT);
    json_decref(manifest);
    if (rc != 0)
        remove_dir(dir);
    const char *status = rc == 0 ? "completed" : rc == 1 ? "cancelled" : "failed";
    if (rc != 1 || svc_export_still_running(sys, id))
        if (svc_export_finish(sys, job, status, rc == 0 ? text : NULL, rc < 0 ? "export failed" : NULL,
                              FHIR_EXPORT_KEEP_HOURS) != SVC_OK)
            fprintf(stderr, "seamless: export %s: could not record its end\n", id);
    free(text);
}

static void sweep(struct svc_ctx *sys)
{
    json_t *ids;
    if (svc_export_expired(sys, &ids) != SVC_OK)
        return;
    size_t i;
    json_t *r;
    json_array_foreach(ids, i, r) {
        char dir[768];
        snprintf(dir, sizeof dir, "%s/%s", W.dir, json_string_value(json_object_get(r, "id")));
        remove_dir(dir);
        svc_export_forget(sys, json_string_value(json_object_get(r, "id")));
    }
}

static void *worker(void *arg)
{
    (void)arg;
    while (!stopping()) {
        struct store_error err = {0};
        struct store *db = store_pool_get(W.app->pool, &err);
        struct arena a;
        arena_init(&a);
        struct svc_ctx sys;
        svc_ctx_system(&sys, db, &a, "export");
        sys.audit = W.app->audit;
        sys.policy.relationship_grace_days = W.app->cfg.relationship_grace_days;
        json_t *job = NULL;
        if (db) {
            sweep(&sys);
            svc_export_claim(&sys, &job);
            if (job)
                run_job(&sys, job);
        }
        arena_free(&a);
        if (job)
            continue;
        pthread_mutex_lock(&W.lock);
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until);
        until.tv_sec += 1;
        while (!W.stop && !W.kicked)
            if (pthread_cond_timedwait(&W.wake, &W.lock, &until) == ETIMEDOUT)
                break;
        W.kicked = 0;
        pthread_mutex_unlock(&W.lock);
    }
    return NULL;
}

int fhir_export_worker_start(struct app *app)
{
    W.app = app;
    W.stop = 0;
    fhir_export_dir(&app->cfg, W.dir, sizeof W.dir);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&W.wake, &ca);
    pthread_condattr_destroy(&ca);
    struct store_error err = {0};
    struct store *db = store_pool_get(app->pool, &err);
    if (db) {   /* jobs a stopped server left running start again */
        struct arena a;
        arena_init(&a);
        struct svc_ctx sys;
        svc_ctx_system(&sys, db, &a, "export");
        int n = 0;
        svc_export_requeue(&sys, &n);
        if (n > 0)
            fprintf(stderr, "seamless: %d export(s) cut short by a stop are queued again\n", n);
        arena_free(&a);
    }
    if (pthread_create(&W.thread, NULL, worker, NULL) != 0)
        return -1;
    W.started = 1;
    return 0;
}

void fhir_export_worker_stop(void)
{
    if (!W.started)
        return;
    pthread_mutex_lock(&W.lock);
    W.stop = 1;
    pthread_cond_signal(&W.wake);
    pthread_mutex_unlock(&W.lock);
    pthread_join(W.thread, NULL);
    W.started = 0;
}

void fhir_export_worker_wake(void)
{
    pthread_mutex_lock(&W.lock);
    W.kicked = 1;
    pthread_cond_signal(&W.wake);
    pthread_mutex_unlock(&W.lock);
}
