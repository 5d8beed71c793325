/* import_runs: the record of each bulk import's progress (migration
 * import_runs): which source file (by SHA-256), up to which line it is done,
 * how many rows went in and how many were turned away. */
#ifndef SEAMLESS_STORE_IMPORT_RUNS_H
#define SEAMLESS_STORE_IMPORT_RUNS_H
#include <jansson.h>
#include "store/store.h"

struct import_run {
    char id[STORE_ID_LEN];
    long long last_line, imported, rejected;
    int finished;
};

/* The run of kind for this file: 0 with *run filled, STORE_ENOTFOUND when
 * there is none yet. */
int import_runs_find(struct store *db, const char *kind, const char *sha256, struct import_run *run,
                     struct store_error *err);
int import_runs_insert(struct store *db, const char *kind, const char *sha256, const char *name,
                       const char *org_id, const char *now, char id[STORE_ID_LEN], struct store_error *err);
/* Moves the run on to last_line, adding to its counts (in the batch's
 * transaction). */
int import_runs_advance(struct store *db, const char *id, long long last_line, long long imported,
                        long long rejected, struct store_error *err);
int import_runs_finish(struct store *db, const char *id, const char *now, struct store_error *err);

#endif
