/* The person record as services (persons.h). */
#include "svc/persons.h"
#include "store/person_versions.h"
#include "svc/access.h"
#include "svc/person_input.h"
#include <stdio.h>
#include <string.h>

/* The user's team that gets the new person on its caseload. */
static const char *registering_team(struct svc_ctx *c, const char *want)
{
    json_t *teams = svc_teams(c);
    size_t i;
    json_t *t;
    json_array_foreach(teams, i, t) {
        const char *id = json_string_value(json_object_get(t, "id"));
        if (!want || strcmp(want, id) == 0)
            return id;
    }
    svc_field_error(c, "team_id", want ? "is not one of your teams"
                                       : "you are in no team, so the person cannot join a caseload");
    return NULL;
}

/* SVC_DUPLICATE_NHS when the row's NHS number belongs to someone else
 * (other: who), else 0. Asked again inside the write transaction (writers
 * are serialised there, and on Citus no unique key spans people), where it
 * rolls the transaction back and the caller then refuses via nhs_in_use. */
static int nhs_taken(struct svc_ctx *c, json_t *row, const char *self_id, char other[STORE_ID_LEN])
{
    const char *nhs = json_string_value(json_object_get(row, "nhs_number"));
    struct store_error err = {0};
    if (nhs && persons_id_by_nhs(c->db, nhs, other, &err) == 0 && (!self_id || strcmp(other, self_id) != 0))
        return SVC_DUPLICATE_NHS;
    return 0;
}

/* SVC_DUPLICATE_NHS (extra: existing_id) when the row's NHS number belongs
 * to someone else: refused and audited. */
static int nhs_in_use(struct svc_ctx *c, json_t *row, const char *self_id)
{
    char other[STORE_ID_LEN];
    if (!nhs_taken(c, row, self_id, other))
        return SVC_OK;
    c->extra = svc_own(c, json_pack("{s:s}", "existing_id", other));
    return svc_refuse(c, SVC_DUPLICATE_NHS, NULL, "Open the existing record instead of creating another.");
}

/* SVC_POSSIBLE_DUPLICATE (extra: candidates) when someone with the same
 * name, date of birth and postcode is already registered. */
static int likely_duplicate(struct svc_ctx *c, json_t *row)
{
    if (!json_string_value(json_object_get(row, "postcode")))
        return SVC_OK;
    struct store_error err = {0};
    json_t *dups = svc_own(c, persons_duplicates(c->db, json_string_value(json_object_get(row, "family_name_key")),
                                                 json_string_value(json_object_get(row, "given_name_key")),
                                                 json_string_value(json_object_get(row, "date_of_birth")),
                                                 json_string_value(json_object_get(row, "postcode")), &err));
    if (json_array_size(dups) == 0)
        return SVC_OK;
    c->extra = svc_own(c, json_pack("{s:O}", "candidates", dups));
    return svc_refuse(c, SVC_POSSIBLE_DUPLICATE, NULL,
                      "A person with the same name, date of birth and postcode exists. Check them, or send "
                      "confirm_not_duplicate: true to register a different person.");
}

const char *svc_person_identifier_holder(struct svc_ctx *c, const char *identifier, const char *self_id)
{
    char *other = arena_alloc(c->arena, STORE_ID_LEN);
    struct store_error err = {0};
    if (!identifier || !*identifier || !c->org_id ||
        persons_id_by_identifier(c->db, c->org_id, identifier, other, &err) != 0)
        return NULL;
    return self_id && strcmp(other, self_id) == 0 ? NULL : other;
}

/* The organisation's local identifier is one person's only: asked inside
 * the write transaction, as the unique key cannot span people on Citus.
 * SVC_INVALID (rolled back) when another person holds it. */
static int set_identifier(struct svc_ctx *c, const char *id, const char *identifier)
{
    if (svc_person_identifier_holder(c, identifier, id)) {
        svc_field_error(c, "local_identifier", "is already another person's number in your organisation");
        return SVC_INVALID;
    }
    return persons_set_identifier(c->db, id, c->org_id, identifier, &c->err);
}

/* The person's contacts and local identifier, as the row has them. */
static int write_own_parts(struct svc_ctx *c, const char *id, json_t *row)
{
    int rc = 0;
    json_t *contacts = json_object_get(row, "contacts");
    if (contacts)
        rc = persons_replace_contacts(c->db, id, contacts, &c->err);
    json_t *local = json_object_get(row, "local_identifier");
    if (rc == 0 && local)
        rc = set_identifier(c, id, json_string_value(local));
    return rc;
}

static int write_parts(struct svc_ctx *c, const char *id, json_t *row)
{
    int rc = write_own_parts(c, id, row);
    if (rc == 0)   /* this organisation now holds the person's data */
        rc = persons_org_holds(c->db, id, c->org_id, svc_now(c), &c->err);
    return rc;
}

static int read_back(struct svc_ctx *c, const char *id, json_t **out)
{
    json_t *p = svc_own(c, persons_get(c->db, id, &c->err));
    if (!p)
        return svc_failed(c, "person read back");
    *out = p;
    return SVC_OK;
}

/* The writes of registering one decoded, checked row in the caller's
 * transaction, without its audit entry. */
static int insert_row(struct svc_ctx *c, json_t *row, const char *team_id, const char *event, char id[STORE_ID_LEN])
{
    struct actor by = svc_actor(c);
    json_object_set_new(row, "registered_org_id", json_string(c->org_id));
    int rc = persons_insert(c->db, &by, row, id, &c->err);
    if (rc == 0) rc = write_parts(c, id, row);
    if (rc == 0 && team_id)
        rc = persons_caseload_open(c->db, &by, id, team_id, svc_date_offset(c, 0), "registered", &c->err);
    if (rc == 0) rc = persons_event_add(c->db, id, c->org_id, c->user_id, "registered", event, svc_now(c), &c->err);
    return rc;
}

int svc_person_row_has_parts(json_t *row)
{
    return json_array_size(json_object_get(row, "contacts")) > 0 ||
           json_is_string(json_object_get(row, "local_identifier"));
}

int svc_persons_stage_open(struct svc_ctx *c)
{
    return persons_stage_open(c->db, &c->err);
}

int svc_person_stage(struct svc_ctx *c, json_t *row, char id[STORE_ID_LEN])
{
    struct actor by = svc_actor(c);
    json_object_set_new(row, "registered_org_id", json_string(c->org_id));
    return persons_stage_add(c->db, &by, row, id, &c->err);
}

int svc_persons_registered(struct svc_ctx *c, json_t *const *rows, const char (*ids)[STORE_ID_LEN], int n,
                           const char *team_id, const char *event)
{
    struct actor by = svc_actor(c);
    int rc = persons_stage_write(c->db, &by, ids, n, c->org_id, team_id, svc_date_offset(c, 0), event, &c->err);
    for (int i = 0; i < n && rc == 0; i++)
        if (rows[i] && svc_person_row_has_parts(rows[i]))   /* a new person has nothing to clear */
            rc = write_own_parts(c, ids[i], rows[i]);
    return rc;
}

int svc_person_create(struct svc_ctx *c, json_t *body, const char *team_id, json_t **out)
{
    char id[STORE_ID_LEN];
    return svc_person_register(c, body, team_id, 0, id, out);
}

int svc_person_register(struct svc_ctx *c, json_t *body, const char *team_id, int check_likely,
                        char id[STORE_ID_LEN], json_t **out)
{
    if (out)
        *out = NULL;
    id[0] = '\0';
    json_t *row = svc_own(c, person_input_decode(c->db, body, NULL, svc_date_offset(c, 0), svc_errors(c)));
    const char *team = registering_team(c, team_id);
    if (svc_has_errors(c))
        return SVC_INVALID;
    int rc = nhs_in_use(c, row, NULL);
    if (rc == SVC_OK && check_likely)
        rc = likely_duplicate(c, row);
    if (rc != SVC_OK)
        return rc;
    rc = svc_tx_begin(c);
    if (rc == 0) rc = nhs_taken(c, row, NULL, id);
    if (rc == 0) rc = insert_row(c, row, team, "Registered on the shared record", id);
    if (rc == 0) rc = svc_tx_audit(c, "create", "person", id, id, "relationship");
    rc = svc_tx_end(c, rc);
    if (rc != SVC_OK)
        id[0] = '\0';
    if (rc == SVC_DUPLICATE_NHS)   /* registered meanwhile: refused (and audited) now, outside the transaction */
        return nhs_in_use(c, row, NULL);
    return rc == SVC_OK && out ? read_back(c, id, out) : rc;
}

int svc_person_update(struct svc_ctx *c, const char *person_id, const struct svc_expect *e, json_t *body,
                      json_t **out)
{
    *out = NULL;
    enum access_decision d;
    const char *basis;
    int rc = svc_person_access(c, person_id, &d, &basis);
    if (rc != SVC_OK)
        return rc;
    json_t *cur = svc_own(c, persons_get(c->db, person_id, &c->err));
    if (!cur)
        return svc_store_fail(c, c->err.code, "person");
    long long version = json_integer_value(json_object_get(cur, "version"));
    rc = svc_version_check(c, e, version);
    if (rc != SVC_OK)
        return rc;
    json_t *row = svc_own(c, person_input_decode(c->db, body, cur, svc_date_offset(c, 0), svc_errors(c)));
    if (svc_has_errors(c))
        return SVC_INVALID;
    rc = nhs_in_use(c, row, person_id);
    if (rc != SVC_OK)
        return rc;
    struct actor by = svc_actor(c);
    rc = svc_tx_begin(c);
    if (rc == 0) rc = nhs_taken(c, row, person_id, (char[STORE_ID_LEN]){0});
    if (rc == 0) rc = persons_update(c->db, &by, person_id, version, row, &c->err);
    if (rc == 0) rc = write_parts(c, person_id, row);
    if (rc == 0) rc = persons_event_add(c->db, person_id, c->org_id, c->user_id, "updated",
                                        "Record details updated", svc_now(c), &c->err);
    if (rc == 0) rc = svc_tx_audit(c, "update", "person", person_id, person_id, basis);
    rc = svc_tx_end(c, rc);
    if (rc == SVC_DUPLICATE_NHS)
        return nhs_in_use(c, row, person_id);
    return rc == SVC_OK ? read_back(c, person_id, out) : rc;
}

int svc_person_search(struct svc_ctx *c, enum person_search by, const char *a, const char *b,
                      const char *after_id, int limit, json_t **out, char next[STORE_ID_LEN])
{
    *out = NULL;
    next[0] = '\0';
    json_t *hits = svc_own(c, persons_search(c->db, by, a, b, after_id, limit + 1, &c->err));
    if (!hits)
        return svc_failed(c, "person search");
    if (json_array_size(hits) > (size_t)limit) {
        json_array_remove(hits, (size_t)limit);
        /* The next page starts after the last person the store found, seen
         * or not, so a page of people not theirs still moves on. */
        snprintf(next, STORE_ID_LEN, "%s",
                 json_string_value(json_object_get(json_array_get(hits, (size_t)limit - 1), "id")));
    }
    json_t *found = svc_own(c, json_array());
    size_t i;
    json_t *h;
    json_array_foreach(hits, i, h) {
        const char *id = json_string_value(json_object_get(h, "id"));
        struct access_query q = {id, c->user_id, c->org_id,
                                 svc_date_offset(c, -(c->policy.relationship_grace_days > 0
                                                          ? c->policy.relationship_grace_days : 28)),
                                 svc_now(c)};
        struct access_facts f;
        if (persons_access_facts(c->db, &q, &f, &c->err) < 0)
            return svc_failed(c, "access facts");
        enum access_decision d = access_decide(&f);
        if (!access_allowed(d))
            continue;
        json_t *p = persons_get(c->db, id, &c->err);
        if (!p)
            return svc_failed(c, "person read");
        json_object_set_new(p, "basis", json_string(access_basis(d)));
        json_array_append_new(found, p);
    }
    int rc = svc_audit_read_items(c, "person", found, "id", NULL);
    if (rc != SVC_OK)
        return rc;
    *out = found;
    return SVC_OK;
}

/* Access to person_id and its audit basis. */
static int access(struct svc_ctx *c, const char *person_id, const char **basis)
{
    enum access_decision d;
    return svc_person_access(c, person_id, &d, basis);
}

int svc_person_version(struct svc_ctx *c, const char *person_id, long long version, json_t **out)
{
    *out = NULL;
    const char *basis;
    int rc = access(c, person_id, &basis);
    if (rc != SVC_OK)
        return rc;
    json_t *cur = svc_own(c, persons_get(c->db, person_id, &c->err));
    if (!cur)
        return svc_store_fail(c, c->err.code, "person");
    json_t *v = cur;
    if (json_integer_value(json_object_get(cur, "version")) != version) {
        v = svc_own(c, person_versions_get(c->db, person_id, version, &c->err));
        if (!v)
            return c->err.code == STORE_ENOTFOUND ? svc_refuse(c, SVC_NOTFOUND, NULL, "No such version.")
                                                  : svc_failed(c, "person version");
    }
    rc = svc_audit_read(c, "person", person_id, person_id, basis);
    if (rc == SVC_OK)
        *out = v;
    return rc;
}

int svc_person_history(struct svc_ctx *c, const char *person_id, int limit, json_t **out)
{
    *out = NULL;
    const char *basis;
    int rc = access(c, person_id, &basis);
    if (rc != SVC_OK)
        return rc;
    json_t *cur = persons_get(c->db, person_id, &c->err);
    json_t *older = cur && limit > 1 ? person_versions_list(c->db, person_id, limit - 1, &c->err) : json_array();
    if (!cur || !older) {
        json_decref(cur);
        json_decref(older);
        return svc_failed(c, "person history");
    }
    json_t *all = svc_own(c, json_array());
    json_array_append_new(all, cur);
    json_array_extend(all, older);
    json_decref(older);
    rc = svc_audit_read(c, "person", person_id, person_id, basis);
    if (rc == SVC_OK)
        *out = all;
    return rc;
}
