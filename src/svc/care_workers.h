/* care_workers: who does a delegated task (domain.md, care plans) — a
 * member of staff (worker_user_id) or a named worker of a provider
 * organisation (worker_name + worker_org_id) — and which competencies
 * exist (those some catalogue task requires). Decoders for the services of
 * training, the competency register and care-plan delegation. */
#ifndef SEAMLESS_SVC_CARE_WORKERS_H
#define SEAMLESS_SVC_CARE_WORKERS_H
#include "svc/svc.h"

/* 1 when code is a competency some catalogue task requires. */
int svc_known_competency(struct svc_ctx *c, const char *code);
/* A worker from body: worker_user_id (a member of staff: *user is their row,
 * owned by the context; *org_id theirs) or worker_name + worker_org_id.
 * 0, or -1 with the errors added to errors. */
int svc_worker_decode(struct svc_ctx *c, json_t *body, const char **user_id, const char **name, const char **org_id,
                      json_t **user, json_t *errors);

#endif
