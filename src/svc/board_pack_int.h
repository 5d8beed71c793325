/* Shared by the board pack's builders (svc/board_pack.c, board_pack_sections.c). */
#ifndef SEAMLESS_SVC_BOARD_PACK_INT_H
#define SEAMLESS_SVC_BOARD_PACK_INT_H
#include "domain/board_pack.h"
#include "svc/svc.h"

#define PACK_MAX_MONTHS 25

struct pack {
    struct svc_ctx *c;
    struct date from, to;
    char from_s[DATE_STR_SIZE], to_s[DATE_STR_SIZE];
    int nmonths;
    char month[PACK_MAX_MONTHS][16];         /* "YYYY-MM" */
    struct date month_first[PACK_MAX_MONTHS];
    struct board_suppression suppress;
    int rc;                                  /* a result other than SVC_FAILED, when a builder failed */
};

/* Numerators and denominators by month. */
struct pack_counts {
    int64_t num[PACK_MAX_MONTHS], den[PACK_MAX_MONTHS];
};

/* The index of the month a "YYYY-MM…" string falls in, or -1. */
int pack_month(const struct pack *p, const char *date);

/* Each returns a section {id, title, available, measures, …} (a new
 * reference) or NULL on failure (logged; p->rc may say why). */
json_t *pack_chc(struct pack *p);
json_t *pack_referrals(struct pack *p);
json_t *pack_training(struct pack *p);
json_t *pack_discharge(struct pack *p);
json_t *pack_pooled(struct pack *p);
json_t *pack_disputes(struct pack *p);

#endif
