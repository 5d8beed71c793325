/* svc/cld: the Client Level Data quarterly return (domain/cld.h) — who may
 * produce it, what goes in it, and its audit.
 *
 * svc_cld_return builds every row of one council's return for a reporting
 * period (UK dates, inclusive), checks each row against the specification
 * and writes the audit: one "export" entry of resource cld_return for each
 * person in it and one for the return itself (resource id "FROM/TO"), all in
 * one transaction before any row is handed back (no entry, no data).
 *
 * Who: the system (the CLI) or, in the council, its finance staff and org
 * admins (the performance and returns officers); anyone else SVC_FORBIDDEN.
 * Council: by code, or the only council when code is NULL (SVC_INVALID
 * naming "org" when there is none or more than one). The period: SVC_INVALID
 * naming "from"/"to" (not dates, to before from, more than a year).
 *
 * Rows come in a fixed order (event type, then start date, then the source
 * record), so the same data and period give the same rows, byte for byte.
 * Each row's Event_Reference is the source record: REQ- referral, ASM- Care
 * Act assessment, SVC- plan task, STM- reablement episode, REV- review.
 * Everything handed back lives in the context's arena. */
#ifndef SEAMLESS_SVC_CLD_H
#define SEAMLESS_SVC_CLD_H
#include <stddef.h>
#include "domain/cld.h"
#include "svc/svc.h"

struct svc_cld_problem {
    size_t row;                 /* index into rows */
    const char *column;         /* the column's header */
    const char *reason;
};

struct svc_cld_return {
    const char *org_name, *la_code;
    size_t n;
    struct cld_row *rows;
    const char **person_ids;    /* rows[i]'s person (Seamless's id), for links */
    size_t nproblems;
    struct svc_cld_problem *problems;
    size_t invalid_rows;        /* rows with at least one problem */
};

/* The financial quarter before today's (the one being returned), as
 * "YYYY-MM-DD" in the context's arena. */
void svc_cld_default_period(struct svc_ctx *c, const char **from, const char **to);

/* la_code NULL: the council's organisation code. */
int svc_cld_return(struct svc_ctx *c, const char *council_code, const char *la_code, const char *from,
                   const char *to, struct svc_cld_return *out);

/* The CLD attributes recorded for a person: {ethnicity, primary_support_reason,
 * accommodation_status, employment_status, has_unpaid_carer, autism,
 * visual_impairment, hearing_impairment, dementia, client_funding_status,
 * version} (version 0: none yet), the read audited; the usual access check. */
int svc_cld_attributes_get(struct svc_ctx *c, const char *person_id, json_t **out);
/* Records them (the whole set: a missing key clears it) against the
 * version read (body "version" or If-Match); each value must be on its
 * CLD code list (SVC_INVALID naming the key). Staff with a relationship. */
int svc_cld_attributes_put(struct svc_ctx *c, const char *person_id, const char *if_match, json_t *in);

/* The CLD details of one event, recorded where the event is: kind
 * "assessment" {method} (a Care Act or carer's assessment: who took part,
 * Carer only | Service user only | Service user and carer), "plan_task"
 * {service_component}, "review" {method, outcomes_achieved} (a direct
 * payment review). Each value on its code list or absent/null (cleared);
 * SVC_INVALID naming the key; SVC_NOTFOUND ("No such <kind>."); the usual
 * access check on the record's person; audited "update". */
int svc_cld_event_details_put(struct svc_ctx *c, const char *kind, const char *id, json_t *in);

#endif
