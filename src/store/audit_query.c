#include "store/audit_query.h"
#include <stdio.h>

/* Newest first is by time, then seq: with one chain seq order is commit
 * order, but on Citus the trail is several chains (audit_store.h), each
 * numbering only its own entries, so a quiet chain's newest entry has a
 * lower seq than a busy chain's older ones. The cursor names the last entry
 * shown; the next page is what sorts after it. */
#define BEFORE_CURSOR "($6 = 0 OR a.at < (SELECT c.at FROM audit_log c WHERE c.seq = $6)" \
    " OR (a.at = (SELECT c.at FROM audit_log c WHERE c.seq = $6) AND a.seq < $6))"

json_t *audit_query(struct store *db, const struct audit_filter *f, struct store_error *err)
{
    /* By person: the trail one row per person (a list's entry once for
     * each person it released, so seq stays unique for one person);
     * otherwise the entries themselves, a list's with its number of people. */
    static const char by_person[] =
        "SELECT a.seq, a.at, a.user_id, u.username, a.org_id, a.role, a.action, a.resource_type,"
        " a.resource_id, a.person_id, a.basis, a.request_id, u.display_name AS user_name,"
        " p.given_name, p.family_name, p.nhs_number, 1 AS people FROM audit_trail a"
        " LEFT JOIN users u ON u.id = a.user_id LEFT JOIN persons p ON p.id = a.person_id"
        " WHERE a.org_id = $1 AND ($2 IS NULL OR a.user_id = $2) AND a.person_id = $3"
        " AND ($4 IS NULL OR a.at >= $4) AND ($5 IS NULL OR a.at < $5) AND " BEFORE_CURSOR
        " AND ($8 = 0 OR a.seq = $8) ORDER BY a.at DESC, a.seq DESC LIMIT $7";
    static const char entries[] =
        "SELECT a.seq, a.at, a.user_id, u.username, a.org_id, a.role, a.action, a.resource_type,"
        " a.resource_id, a.person_id, a.basis, a.request_id, u.display_name AS user_name,"
        " p.given_name, p.family_name, p.nhs_number,"
        " CASE WHEN a.person_id IS NOT NULL THEN 1 ELSE (SELECT count(*) FROM audit_people ap"
        " WHERE ap.seq = a.seq) END AS people FROM audit_log a"
        " LEFT JOIN users u ON u.id = a.user_id LEFT JOIN persons p ON p.id = a.person_id"
        " WHERE a.org_id = $1 AND ($2 IS NULL OR a.user_id = $2) AND ($3 IS NULL OR a.person_id = $3)"
        " AND ($4 IS NULL OR a.at >= $4) AND ($5 IS NULL OR a.at < $5) AND " BEFORE_CURSOR
        " AND ($8 = 0 OR a.seq = $8) ORDER BY a.at DESC, a.seq DESC LIMIT $7";
    struct store_stmt *s = store_prepare(db, f->person_id ? by_person : entries, err);
    if (!s)
        return NULL;
    char to_next[32];
    /* "to" is inclusive: compare against the next day's midnight by using
     * the date followed by a character greater than any time part. */
    if (f->to)
        snprintf(to_next, sizeof to_next, "%s~", f->to);
    store_bind_text(s, 1, f->org_id);
    store_bind_text(s, 2, f->user_id);
    store_bind_text(s, 3, f->person_id);
    store_bind_text(s, 4, f->from);
    store_bind_text(s, 5, f->to ? to_next : NULL);
    store_bind_int(s, 6, f->before_seq);
    store_bind_int(s, 7, f->limit);
    store_bind_int(s, 8, f->seq);
    return store_step_rows(s, err);
}
