/* A range of person records as person_views, straight from the columns
 * (persons.h persons_stream_range). Three statements are stepped side by
 * side, all in person order: the persons, their contacts and their local
 * identifiers; a person's contacts and identifiers are copied into an
 * arena (their statements move on), the person's own columns are used in
 * place, and their GP practice's code and name come from a cache of the
 * practices met so far. */
#include "store/persons.h"
#include "store/backend.h"
#include "util/arena.h"
#include <string.h>

/* A child statement and the person its current row belongs to. */
struct child {
    struct store_stmt *s;
    int rc;   /* STORE_ROW while it has a row */
};

static const char *col(struct store_stmt *s, int i)
{
    return store_col_is_null(s, i) ? NULL : store_col_text(s, i);
}

static int child_open(struct store *db, struct child *c, const char *sql, const char *first, const char *last,
                      struct store_error *err)
{
    c->s = store_prepare(db, sql, err);
    if (!c->s)
        return c->rc = err->code;
    store_bind_text(c->s, 1, first);
    store_bind_text(c->s, 2, last);
    c->rc = store_step(c->s, err);
    return c->rc < 0 ? c->rc : 0;
}

/* Rows of c for person id (skipping rows of people before it), each copied
 * by take into the arena; the count, or a store error. */
static int child_rows(struct child *c, const char *id, struct arena *a, void **items, size_t size,
                      void (*take)(struct arena *a, struct store_stmt *s, void *item), struct store_error *err)
{
    int n = 0, cap = 0;
    char *out = NULL;
    while (c->rc == STORE_ROW) {
        int cmp = strcmp(store_col_text(c->s, 0), id);
        if (cmp > 0)
            break;
        if (cmp == 0) {
            if (n == cap) {
                cap = cap ? cap * 2 : 4;
                char *bigger = arena_alloc(a, (size_t)cap * size);
                if (n)
                    memcpy(bigger, out, (size_t)n * size);
                out = bigger;
            }
            take(a, c->s, out + (size_t)n++ * size);
        }
        c->rc = store_step(c->s, err);
    }
    *items = out;
    return c->rc < 0 ? c->rc : n;
}

static void take_contact(struct arena *a, struct store_stmt *s, void *item)
{
    struct person_view_contact *c = item;
    c->name = arena_strdup(a, col(s, 1));
    c->relationship = arena_strdup(a, col(s, 2));
    c->phone = arena_strdup(a, col(s, 3));
    c->email = arena_strdup(a, col(s, 4));
    c->next_of_kin = store_col_int(s, 5) != 0;
}

static void take_identifier(struct arena *a, struct store_stmt *s, void *item)
{
    struct person_view_identifier *l = item;
    l->org_code = arena_strdup(a, col(s, 1));
    l->org_name = arena_strdup(a, col(s, 2));
    l->identifier = arena_strdup(a, col(s, 3));
}

/* The GP practices met so far (a county has a few hundred): one lookup
 * each, instead of a join per person. */
#define GP_BUCKETS 256
struct gp {
    struct gp *next;
    const char *id, *code, *name;
};
struct gp_cache {
    struct gp *bucket[GP_BUCKETS];
    struct arena *a;
};

static int gp_of(struct store *db, struct gp_cache *c, struct person_view *p, struct store_error *err)
{
    if (!p->gp_practice_id)
        return 0;
    unsigned h = 2166136261u;
    for (const char *k = p->gp_practice_id; *k; k++)
        h = (h ^ (unsigned char)*k) * 16777619u;
    struct gp **head = &c->bucket[h % GP_BUCKETS], *g = *head;
    while (g && strcmp(g->id, p->gp_practice_id) != 0)
        g = g->next;
    if (!g) {
        struct store_stmt *s = store_prepare(db, "SELECT code, name FROM organisations WHERE id = $1", err);
        if (!s)
            return err->code;
        store_bind_text(s, 1, p->gp_practice_id);
        int rc = store_step(s, err);
        g = arena_alloc(c->a, sizeof *g);
        *g = (struct gp){*head, arena_strdup(c->a, p->gp_practice_id), NULL, NULL};
        if (rc == STORE_ROW) {
            g->code = arena_strdup(c->a, col(s, 0));
            g->name = arena_strdup(c->a, col(s, 1));
        }
        store_reset(s);
        if (rc < 0)
            return rc;
        *head = g;
    }
    p->gp_practice_code = g->code;
    p->gp_practice_name = g->name;
    return 0;
}

static void view_of(struct store_stmt *s, struct person_view *p)
{
    *p = (struct person_view){
        .id = col(s, 0), .updated_at = col(s, 1), .merged_into = col(s, 2), .version = store_col_int(s, 3),
        .nhs_number = col(s, 4), .nhs_number_status = col(s, 5), .family_name = col(s, 6),
        .given_name = col(s, 7), .preferred_name = col(s, 8), .sex = col(s, 9), .date_of_birth = col(s, 10),
        .date_of_death = col(s, 11), .address_line1 = col(s, 12), .address_line2 = col(s, 13), .town = col(s, 14),
        .postcode = col(s, 15), .phone = col(s, 16), .email = col(s, 17), .main_language = col(s, 18),
        .interpreter_needed = store_col_int(s, 19) != 0, .gp_practice_id = col(s, 20),
    };
}

int persons_stream_range(struct store *db, const char *first_id, const char *last_id, persons_view_fn fn, void *arg,
                         struct store_error *err)
{
    struct store_stmt *s = store_prepare(db, "SELECT p.id, p.updated_at, p.merged_into, p.version, p.nhs_number,"
        " p.nhs_number_status, p.family_name, p.given_name, p.preferred_name, p.sex, p.date_of_birth,"
        " p.date_of_death, p.address_line1, p.address_line2, p.town, p.postcode, p.phone, p.email,"
        " p.main_language, p.interpreter_needed, p.gp_practice_id FROM persons p"
        " WHERE p.id >= $1 AND p.id <= $2 ORDER BY p.id", err);
    if (!s)
        return err->code;
    store_bind_text(s, 1, first_id);
    store_bind_text(s, 2, last_id);
    struct child contacts = {0}, ids = {0};
    struct arena a, gps;
    arena_init(&a);
    arena_init(&gps);
    struct gp_cache gp = {{0}, &gps};
    int rc = child_open(db, &contacts, "SELECT person_id, name, relationship, phone, email, next_of_kin"
        " FROM person_contacts WHERE person_id >= $1 AND person_id <= $2 ORDER BY person_id, name, id",
        first_id, last_id, err);
    if (rc == 0)
        rc = child_open(db, &ids, "SELECT i.person_id, o.code, o.name, i.identifier FROM person_identifiers i"
            " JOIN organisations o ON o.id = i.org_id WHERE i.person_id >= $1 AND i.person_id <= $2"
            " ORDER BY i.person_id, o.name", first_id, last_id, err);
    while (rc == 0 && (rc = store_step(s, err)) == STORE_ROW) {
        struct person_view p;
        view_of(s, &p);
        void *c = NULL, *l = NULL;
        if ((rc = gp_of(db, &gp, &p, err)) != 0)
            break;
        int nc = child_rows(&contacts, p.id, &a, &c, sizeof(struct person_view_contact), take_contact, err);
        int nl = nc < 0 ? nc : child_rows(&ids, p.id, &a, &l, sizeof(struct person_view_identifier),
                                          take_identifier, err);
        rc = nl < 0 ? nl : 0;
        if (rc == 0) {
            p.contacts = c;
            p.n_contacts = nc;
            p.identifiers = l;
            p.n_identifiers = nl;
            if (fn(arg, &p) != 0)
                rc = store_fail(err, STORE_EGENERIC, "person stream: the caller stopped");
        }
    }
    if (contacts.s)
        store_reset(contacts.s);
    if (ids.s)
        store_reset(ids.s);
    store_reset(s);
    arena_free(&a);
    arena_free(&gps);
    return rc < 0 ? rc : STORE_OK;
}
