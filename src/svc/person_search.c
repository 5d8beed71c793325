/* Finding a person to identify them (persons.h: svc_person_find). */
#include "svc/persons.h"
#include "domain/nhs_number.h"
#include "domain/postcode.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const char *given(const char *s)
{
    return s && *s ? s : NULL;
}

/* Which search and its normalised arguments; field errors otherwise. */
static void parse_query(struct svc_ctx *c, const struct svc_person_query *q, enum person_search *by, char *a,
                        size_t an, char *b, size_t bn)
{
    struct domain_error e;
    const char *nhs = given(q->nhs_number), *fam = given(q->family_name), *dob = given(q->date_of_birth),
               *pc = given(q->postcode);
    if (nhs) {
        *by = SEARCH_NHS;
        if (nhs_number_parse(nhs, a, &e) != 0)
            svc_field_error(c, "nhs_number", e.message);
        return;
    }
    if (fam || dob) {
        *by = SEARCH_NAME_DOB;
        struct date d;
        if (!fam)
            svc_field_error(c, "family_name", "is required with date_of_birth");
        if (!dob || date_parse(dob, "date_of_birth", &d, &e) != 0)
            svc_field_error(c, "date_of_birth", "is required with family_name, written YYYY-MM-DD");
        size_t i = 0;
        for (; fam && fam[i] && i < an - 1; i++)
            a[i] = (char)toupper((unsigned char)fam[i]);
        a[i] = '\0';
        snprintf(b, bn, "%s", dob ? dob : "");
        return;
    }
    if (pc) {
        *by = SEARCH_POSTCODE;
        if (postcode_normalise(pc, "postcode", a, &e) != 0)
            svc_field_error(c, "postcode", e.message);
        return;
    }
    svc_field_error(c, "query", "give nhs_number, or family_name and date_of_birth, or postcode");
}

/* Trims the hits to the page (*next: the last one's id when more follow)
 * and marks each with has_access, and the basis its audit entry records;
 * a person the caller may not see keeps only what identifies them. */
static int decide_hits(struct svc_ctx *c, json_t *hits, int limit, const char **next)
{
    if (json_array_size(hits) > (size_t)limit) {
        json_array_remove(hits, (size_t)limit);
        *next = json_string_value(json_object_get(json_array_get(hits, (size_t)limit - 1), "id"));
    }
    int grace = c->policy.relationship_grace_days > 0 ? c->policy.relationship_grace_days : 28;
    size_t i;
    json_t *it;
    json_array_foreach(hits, i, it) {
        const char *id = json_string_value(json_object_get(it, "id"));
        struct access_query aq = {id, c->user_id, c->org_id, svc_date_offset(c, -grace), svc_now(c)};
        struct access_facts f;
        if (persons_access_facts(c->db, &aq, &f, &c->err) < 0)
            return svc_failed(c, "access facts");
        enum access_decision d = access_decide(&f);
        json_object_set_new(it, "has_access", json_boolean(access_allowed(d)));
        if (!access_allowed(d))
            json_object_del(it, "postcode");
        json_object_set_new(it, "basis", json_string(access_allowed(d) ? access_basis(d) : "identify"));
    }
    return SVC_OK;
}

int svc_person_find(struct svc_ctx *c, const struct svc_person_query *q, int limit, json_t **items,
                    const char **next)
{
    *items = NULL;
    *next = NULL;
    enum person_search by = SEARCH_NHS;
    char a[128] = "", b[16] = "";
    parse_query(c, q, &by, a, sizeof a, b, sizeof b);
    if (svc_has_errors(c))
        return SVC_INVALID;
    /* The hits and their access facts from one snapshot; the audit entry
     * after it. */
    int snap = store_snapshot_begin(c->db);
    json_t *hits = svc_own(c, persons_search(c->db, by, a, b, given(q->cursor), limit + 1, &c->err));
    int rc = hits ? decide_hits(c, hits, limit, next) : svc_failed(c, "person search");
    store_snapshot_end(c->db, snap);
    if (rc != SVC_OK)
        return rc;
    rc = svc_audit_items(c, "search", "person", hits, "id", NULL);
    if (rc != SVC_OK)
        return rc;
    size_t i;
    json_t *it;
    json_array_foreach(hits, i, it)
        json_object_del(it, "basis");   /* the audit's, not the caller's */
    *items = hits;
    return SVC_OK;
}
