/* fhir/export: FHIR Bulk Data Access $export (system, Patient and
 * Group/{team id}), asynchronous: the kick-off (Prefer: respond-async)
 * answers 202 with Content-Location; polling answers 202 with X-Progress
 * and Retry-After until the manifest (200); DELETE cancels; the NDJSON
 * files are fetched with the same bearer token and expire after
 * FHIR_EXPORT_KEEP_HOURS.
 *
 * The work is done by one export worker thread (export_worker.c), not by
 * a request thread: it streams each page of people from the services to
 * the files (no whole result in memory), writes each file under a
 * temporary name and renames it, and records the manifest only when the
 * job is complete. A job cut short by a server stop is queued again and
 * run from the start when the server next starts — never half a manifest.
 *
 * Files live in <export dir>/<job id>/<Type>.ndjson (serve --export-dir;
 * default: "<SQLite file>.exports", or ./seamless-exports for PostgreSQL). */
#ifndef SEAMLESS_FHIR_EXPORT_H
#define SEAMLESS_FHIR_EXPORT_H
#include "http/app.h"

#define FHIR_EXPORT_KEEP_HOURS 24
#define FHIR_EXPORT_PAGE 5000

/* The export directory for a server's config, into out (n bytes). */
void fhir_export_dir(const struct app_config *cfg, char *out, size_t n);

/* The worker (an app_worker: src/api/routes.c). */
int fhir_export_worker_start(struct app *app);
void fhir_export_worker_stop(void);
/* Tells the worker a job is queued (it also looks every second). */
void fhir_export_worker_wake(void);

#endif
