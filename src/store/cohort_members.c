/* cohort_members.h: the maintained cohort lists. */
#include "store/cohort_members.h"
#include "util/num.h"
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#define CURRENT "p.date_of_death IS NULL AND p.merged_into IS NULL"

/* The counts and population slot of a person: the first hex digit of the id. */
static int slot_of(const char *person_id)
{
    char c = person_id ? person_id[0] : '0';
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 0;
}

static void copy(char *dst, size_t n, const char *src)
{
    snprintf(dst, n, "%s", src ? src : "");
}

int cohorts_person_load(struct store *db, const char *person_id, struct cohort_snapshot *out, struct store_error *err)
{
    memset(out, 0, sizeof *out);
    struct store_stmt *s = store_prepare(db, "SELECT p.ltc_count, p.efi_count, p.frailty_flag, p.predicted_cost_pence,"
        " CASE WHEN " CURRENT " THEN 1 ELSE 0 END, g.locality_id, p.date_of_birth, p.family_name_key"
        " FROM persons p LEFT JOIN organisations g ON g.id = p.gp_practice_id WHERE p.id = $1", err);
    if (!s)
        return err->code;
    store_bind_text(s, 1, person_id);
    int rc = store_step(s, err);
    if (rc == STORE_ROW) {
        out->found = 1;
        out->p = (struct cohort_person){(int)store_col_int(s, 4), !store_col_is_null(s, 5), (int)store_col_int(s, 0),
                                        (int)store_col_int(s, 1), store_col_int(s, 2) != 0, store_col_int(s, 3)};
        copy(out->locality_id, sizeof out->locality_id, store_col_text(s, 5));
        copy(out->date_of_birth, sizeof out->date_of_birth, store_col_text(s, 6));
        copy(out->name_key, sizeof out->name_key, store_col_text(s, 7));
    }
    store_reset(s);
    return rc == STORE_ROW || rc == STORE_DONE ? STORE_OK : rc;
}

int cohorts_average(struct store *db, int64_t *average, struct store_error *err)
{
    char buf[32];
    int rc = store_query_text(db, "SELECT average_pence FROM cohort_state WHERE id = 1", 0, NULL, buf, sizeof buf, err);
    *average = 0;
    if (rc == STORE_OK)
        *average = num_i64_or(buf, 0);
    return rc;
}

static int count_add(struct store *db, const char *locality_id, int kind, int slot, int delta, struct store_error *err)
{
    struct store_stmt *s = store_prepare(db, "INSERT INTO cohort_counts (locality_id, kind, slot, people)"
        " VALUES ($1, $2, $3, $4) ON CONFLICT (locality_id, kind, slot)"
        " DO UPDATE SET people = cohort_counts.people + excluded.people", err);
    if (!s)
        return err->code;
    store_bind_text(s, 1, locality_id);
    store_bind_int(s, 2, kind);
    store_bind_int(s, 3, slot);
    store_bind_int(s, 4, delta);
    int rc = store_step(s, err);
    store_reset(s);
    return rc == STORE_DONE ? STORE_OK : rc;
}

static int member_insert(struct store *db, const char *person_id, int kind, const char *locality_id, int64_t rank,
                         const char *name_key, const char *dob, struct store_error *err)
{
    struct store_stmt *s = store_prepare(db, "INSERT INTO cohort_members (person_id, kind, locality_id, rank_key,"
        " name_key, date_of_birth) VALUES ($1, $2, $3, $4, $5, $6)", err);
    if (!s)
        return err->code;
    store_bind_text(s, 1, person_id);
    store_bind_int(s, 2, kind);
    store_bind_text(s, 3, locality_id);
    store_bind_int(s, 4, rank);
    store_bind_text(s, 5, name_key);
    store_bind_text(s, 6, dob);
    int rc = store_step(s, err);
    store_reset(s);
    if (rc != STORE_DONE)
        return rc;
    return count_add(db, locality_id, kind, slot_of(person_id), 1, err);
}

static int member_delete(struct store *db, const char *person_id, int kind, const char *locality_id,
                         struct store_error *err)
{
    struct store_stmt *s = store_prepare(db, "DELETE FROM cohort_members WHERE person_id = $1 AND kind = $2", err);
    if (!s)
        return err->code;
    store_bind_text(s, 1, person_id);
    store_bind_int(s, 2, kind);
    int rc = store_step(s, err);
    store_reset(s);
    if (rc != STORE_DONE)
        return rc;
    return count_add(db, locality_id, kind, slot_of(person_id), -1, err);
}

/* The person's current entries, one per kind (have[k] set when present). */
struct held {
    int have;
    char locality_id[STORE_ID_LEN], name_key[256], dob[16];
    int64_t rank;
};

static int held_load(struct store *db, const char *person_id, struct held h[COHORT_KINDS], struct store_error *err)
{
    memset(h, 0, sizeof(struct held) * COHORT_KINDS);
    struct store_stmt *s = store_prepare(db, "SELECT kind, locality_id, rank_key, name_key, date_of_birth"
                                             " FROM cohort_members WHERE person_id = $1", err);
    if (!s)
        return err->code;
    store_bind_text(s, 1, person_id);
    int rc;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        int64_t k = store_col_int(s, 0);
        if (k < 0 || k >= COHORT_KINDS)
            continue;
        struct held *e = &h[k];
        e->have = 1;
        copy(e->locality_id, sizeof e->locality_id, store_col_text(s, 1));
        e->rank = store_col_int(s, 2);
        copy(e->name_key, sizeof e->name_key, store_col_text(s, 3));
        copy(e->dob, sizeof e->dob, store_col_text(s, 4));
    }
    store_reset(s);
    return rc == STORE_DONE ? STORE_OK : rc;
}

static int population_sums(struct store *db, int64_t *people, int64_t *total, struct store_error *err)
{
    struct store_stmt *s = store_prepare(db, "SELECT COALESCE(SUM(people), 0), COALESCE(SUM(total_pence), 0)"
                                             " FROM cohort_population", err);
    if (!s)
        return err->code;
    int rc = store_step(s, err);
    if (rc == STORE_ROW) {
        *people = store_col_int(s, 0);
        *total = store_col_int(s, 1);
    }
    store_reset(s);
    return rc == STORE_ROW ? STORE_OK : rc;
}

/* The cost list from the average it reflects to the one of the population
 * totals now: people between the two thresholds leave or join it. The
 * state row is written first, so on PostgreSQL two writers that both moved
 * the average take turns here rather than both moving the list. */
static int follow_average(struct store *db, struct store_error *err)
{
    if (store_exec(db, "UPDATE cohort_state SET average_pence = average_pence WHERE id = 1", err) < 0)
        return err->code;
    int64_t was = 0, people = 0, total = 0;
    int rc = cohorts_average(db, &was, err);
    if (rc == STORE_OK)
        rc = population_sums(db, &people, &total, err);
    int64_t now = cohort_average(people, total);
    if (rc != STORE_OK || now == was)
        return rc;
    int64_t from = cohort_cost_threshold(was), to = cohort_cost_threshold(now);
    char a[24], b[24];
    json_t *moved;
    size_t i;
    json_t *r;
    if (to > from) {   /* costs in [from, to) leave */
        snprintf(a, sizeof a, "%lld", (long long)-to);
        const char *p[] = {a};
        moved = store_query_rows(db, "DELETE FROM cohort_members WHERE kind = 1 AND rank_key > CAST($1 AS BIGINT)"
                                     " RETURNING person_id, locality_id", 1, p, err);
        if (!moved)
            return err->code;
        json_array_foreach(moved, i, r) {
            const char *pid = json_string_value(json_object_get(r, "person_id"));
            if ((rc = count_add(db, json_string_value(json_object_get(r, "locality_id")), COHORT_KIND_HIGH_COST,
                                slot_of(pid), -1, err)) != STORE_OK)
                break;
        }
    } else {           /* costs in [to, from) join */
        snprintf(a, sizeof a, "%lld", (long long)to);
        snprintf(b, sizeof b, "%lld", (long long)from);
        const char *p[] = {a, b};
        moved = store_query_rows(db, "SELECT p.id, g.locality_id, p.predicted_cost_pence, p.date_of_birth"
            " FROM persons p JOIN organisations g ON g.id = p.gp_practice_id"
            " WHERE p.predicted_cost_pence >= CAST($1 AS BIGINT) AND p.predicted_cost_pence < CAST($2 AS BIGINT)"
            " AND g.locality_id IS NOT NULL AND " CURRENT, 2, p, err);
        if (!moved)
            return err->code;
        json_array_foreach(moved, i, r) {
            if ((rc = member_insert(db, json_string_value(json_object_get(r, "id")), COHORT_KIND_HIGH_COST,
                                    json_string_value(json_object_get(r, "locality_id")),
                                    -json_integer_value(json_object_get(r, "predicted_cost_pence")), "",
                                    json_string_value(json_object_get(r, "date_of_birth")), err)) != STORE_OK)
                break;
        }
    }
    json_decref(moved);
    if (rc != STORE_OK)
        return rc;
    snprintf(a, sizeof a, "%lld", (long long)now);
    const char *p[] = {a};
    return store_run(db, "UPDATE cohort_state SET average_pence = CAST($1 AS BIGINT) WHERE id = 1", 1, p, err);
}

static int same(const struct held *h, const struct cohort_entry *e, const struct cohort_snapshot *now)
{
    return h->rank == e->rank_key && strcmp(h->locality_id, now->locality_id) == 0 &&
           strcmp(h->name_key, e->by_name ? now->name_key : "") == 0 && strcmp(h->dob, now->date_of_birth) == 0;
}

int cohorts_person_sync(struct store *db, const char *person_id, const struct cohort_snapshot *before,
                        struct store_error *err)
{
    struct cohort_snapshot now;
    int rc = cohorts_person_load(db, person_id, &now, err);
    if (rc != STORE_OK || !now.found)
        return rc;
    int64_t n0 = 0, t0 = 0, n1 = 0, t1 = 0, average = 0;
    if (before && before->found)
        cohort_population_share(&before->p, &n0, &t0);
    cohort_population_share(&now.p, &n1, &t1);
    int moved = n1 != n0 || t1 != t0;
    if (moved) {
        struct store_stmt *s = store_prepare(db, "UPDATE cohort_population SET people = people + $2,"
                                                 " total_pence = total_pence + $3 WHERE slot = $1", err);
        if (!s)
            return err->code;
        store_bind_int(s, 1, slot_of(person_id));
        store_bind_int(s, 2, n1 - n0);
        store_bind_int(s, 3, t1 - t0);
        rc = store_step(s, err);
        store_reset(s);
        if (rc != STORE_DONE)
            return rc;
    }
    struct held h[COHORT_KINDS];
    struct cohort_entry want[COHORT_KINDS];
    if ((rc = cohorts_average(db, &average, err)) != STORE_OK)
        return rc;
    int n = cohort_entries(&now.p, average, want);
    if (before && (rc = held_load(db, person_id, h, err)) != STORE_OK)
        return rc;
    if (!before)
        memset(h, 0, sizeof h);
    for (int k = 0, w = 0; k < COHORT_KINDS && rc == STORE_OK; k++) {
        const struct cohort_entry *e = w < n && want[w].kind == (enum cohort_kind)k ? &want[w++] : NULL;
        if (h[k].have && e && same(&h[k], e, &now))
            continue;
        if (h[k].have)
            rc = member_delete(db, person_id, k, h[k].locality_id, err);
        if (rc == STORE_OK && e)
            rc = member_insert(db, person_id, k, now.locality_id, e->rank_key, e->by_name ? now.name_key : "",
                               now.date_of_birth, err);
    }
    if (rc == STORE_OK && moved) {
        int64_t people = 0, total = 0;
        rc = population_sums(db, &people, &total, err);
        if (rc == STORE_OK && cohort_average(people, total) != average)
            rc = follow_average(db, err);
    }
    return rc;
}
