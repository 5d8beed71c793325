/* audit_query: reading the audit log for the privacy officer's viewer. */
#ifndef SEAMLESS_AUDIT_QUERY_H
#define SEAMLESS_AUDIT_QUERY_H
#include <jansson.h>
#include "store/store.h"

struct audit_filter {
    const char *org_id;      /* entries by users of this organisation (required) */
    const char *user_id;     /* optional */
    const char *person_id;   /* optional */
    const char *from;        /* optional, inclusive "YYYY-MM-DD" */
    const char *to;          /* optional, inclusive "YYYY-MM-DD" */
    long long before_seq;    /* cursor: entries that sort after this one (time, then seq); 0 = newest */
    int limit;
    long long seq;           /* only this entry; 0 = any */
};

/* Newest first (by time, then seq). NULL on error. */
json_t *audit_query(struct store *db, const struct audit_filter *f, struct store_error *err);

#endif
