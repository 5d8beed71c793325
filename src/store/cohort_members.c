/* cohort_members.h: the maintained cohort lists. */
#include "store/cohort_members.h"
#include "store/backend.h"
#include "util/num.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CURRENT "p.date_of_death IS NULL AND p.merged_into IS NULL"

/* The counts and population slot of a person: the last hex digit of the
 * id, which is random (store_new_id: the first digits are the time, so
 * people added in the same years would share one slot, and concurrent
 * writers its row). Only the slots' sums are read, so a person counted in
 * another slot before this rule (migration 033 put everyone in slot 0) is
 * taken off this one without harm. */
static int slot_of(const char *person_id)
{
    size_t n = person_id ? strlen(person_id) : 0;
    char c = n ? person_id[n - 1] : '0';
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 0;
}

static void copy(char *dst, size_t n, const char *src)
{
    snprintf(dst, n, "%s", src ? src : "");
}

/* The columns snapshot_read reads, then the person's id. */
#define SNAPSHOT_SELECT "SELECT p.ltc_count, p.efi_count, p.frailty_flag, p.predicted_cost_pence," \
    " CASE WHEN " CURRENT " THEN 1 ELSE 0 END, g.locality_id, p.date_of_birth, p.family_name_key, p.nhs_number," \
    " p.family_name, p.given_name, p.postcode, p.gp_practice_id, p.id" \
    " FROM persons p LEFT JOIN organisations g ON g.id = p.gp_practice_id"

static void snapshot_read(struct store_stmt *s, struct cohort_snapshot *out)
{
    memset(out, 0, sizeof *out);
    out->found = 1;
    out->p = (struct cohort_person){(int)store_col_int(s, 4), !store_col_is_null(s, 5), (int)store_col_int(s, 0),
                                    (int)store_col_int(s, 1), store_col_int(s, 2) != 0, store_col_int(s, 3)};
    copy(out->locality_id, sizeof out->locality_id, store_col_text(s, 5));
    copy(out->date_of_birth, sizeof out->date_of_birth, store_col_text(s, 6));
    copy(out->name_key, sizeof out->name_key, store_col_text(s, 7));
    copy(out->nhs_number, sizeof out->nhs_number, store_col_text(s, 8));
    copy(out->family_name, sizeof out->family_name, store_col_text(s, 9));
    copy(out->given_name, sizeof out->given_name, store_col_text(s, 10));
    copy(out->postcode, sizeof out->postcode, store_col_text(s, 11));
    copy(out->gp_practice_id, sizeof out->gp_practice_id, store_col_text(s, 12));
}

int cohorts_person_load(struct store *db, const char *person_id, struct cohort_snapshot *out, struct store_error *err)
{
    memset(out, 0, sizeof *out);
    struct store_stmt *s = store_prepare(db, SNAPSHOT_SELECT " WHERE p.id = $1", err);
    if (!s)
        return err->code;
    store_bind_text(s, 1, person_id);
    int rc = store_step(s, err);
    if (rc == STORE_ROW)
        snapshot_read(s, out);
    store_reset(s);
    return rc == STORE_ROW || rc == STORE_DONE ? STORE_OK : rc;
}

/* People per snapshot query of cohorts_persons_added: $1..$64 (under
 * PG_MAX_PARAMS), or one. */
#define LOAD_MANY 64

/* The snapshots of ids[0..k) (k is LOAD_MANY or 1) into out, in any order,
 * each with its id; *got: how many were found. */
static int load_many(struct store *db, const char (*ids)[STORE_ID_LEN], int k, struct cohort_snapshot *out,
                     char (*out_ids)[STORE_ID_LEN], int *got, struct store_error *err)
{
    static _Thread_local char sql[sizeof SNAPSHOT_SELECT + 64 + LOAD_MANY * 6];
    if (!sql[0]) {
        size_t at = (size_t)snprintf(sql, sizeof sql, "%s", SNAPSHOT_SELECT " WHERE p.id IN (");
        for (int i = 1; i <= LOAD_MANY; i++)
            at += (size_t)snprintf(sql + at, sizeof sql - at, i > 1 ? ", $%d" : "$%d", i);
        snprintf(sql + at, sizeof sql - at, ")");
    }
    struct store_stmt *s = store_prepare(db, k == LOAD_MANY ? sql : SNAPSHOT_SELECT " WHERE p.id = $1", err);
    if (!s)
        return err->code;
    for (int i = 0; i < k; i++)
        store_bind_text(s, i + 1, ids[i]);
    int rc;
    for (*got = 0; (rc = store_step(s, err)) == STORE_ROW && *got < k; (*got)++) {
        snapshot_read(s, &out[*got]);
        copy(out_ids[*got], STORE_ID_LEN, store_col_text(s, 13));
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
    return store_step_done(s, err);
}

static void bind_or_null(struct store_stmt *s, int n, const char *v)
{
    if (*v)
        store_bind_text(s, n, v);
    else
        store_bind_null(s, n);
}

/* The entry (kind, rank) of the person p, with what a page shows of them. */
static int member_insert(struct store *db, const char *person_id, int kind, int64_t rank, const char *name_key,
                         const struct cohort_snapshot *p, struct store_error *err)
{
    struct store_stmt *s = store_prepare(db, "INSERT INTO cohort_members (locality_id, kind, rank_key, name_key,"
        " person_id, date_of_birth, nhs_number, family_name, given_name, postcode, gp_practice_id, ltc_count,"
        " efi_count, frailty_flag, predicted_cost_pence)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)", err);
    if (!s)
        return err->code;
    store_bind_text(s, 1, p->locality_id);
    store_bind_int(s, 2, kind);
    store_bind_int(s, 3, rank);
    store_bind_text(s, 4, name_key);
    store_bind_text(s, 5, person_id);
    store_bind_text(s, 6, p->date_of_birth);
    bind_or_null(s, 7, p->nhs_number);
    store_bind_text(s, 8, p->family_name);
    store_bind_text(s, 9, p->given_name);
    bind_or_null(s, 10, p->postcode);
    store_bind_text(s, 11, p->gp_practice_id);
    store_bind_int(s, 12, p->p.ltc_count);
    store_bind_int(s, 13, p->p.efi_count);
    store_bind_int(s, 14, p->p.frailty_flag);
    store_bind_int(s, 15, p->p.predicted_cost_pence);
    int rc = store_step_done(s, err);
    if (rc != STORE_OK)
        return rc;
    return count_add(db, p->locality_id, kind, slot_of(person_id), 1, err);
}

static int member_delete(struct store *db, const char *person_id, int kind, const char *locality_id,
                         struct store_error *err)
{
    struct store_stmt *s = store_prepare(db, "DELETE FROM cohort_members WHERE person_id = $1 AND kind = $2", err);
    if (!s)
        return err->code;
    store_bind_text(s, 1, person_id);
    store_bind_int(s, 2, kind);
    int rc = store_step_done(s, err);
    if (rc != STORE_OK)
        return rc;
    return count_add(db, locality_id, kind, slot_of(person_id), -1, err);
}

/* The person's current entries, one per kind (have set when present), as
 * the fields they were made from. */
struct held {
    int have;
    int64_t rank;
    struct cohort_snapshot was;
};

static int held_load(struct store *db, const char *person_id, struct held h[COHORT_KINDS], struct store_error *err)
{
    memset(h, 0, sizeof(struct held) * COHORT_KINDS);
    struct store_stmt *s = store_prepare(db, "SELECT kind, locality_id, rank_key, name_key, date_of_birth, nhs_number,"
        " family_name, given_name, postcode, gp_practice_id, ltc_count, efi_count, frailty_flag, predicted_cost_pence"
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
        e->rank = store_col_int(s, 2);
        copy(e->was.locality_id, sizeof e->was.locality_id, store_col_text(s, 1));
        copy(e->was.name_key, sizeof e->was.name_key, store_col_text(s, 3));
        copy(e->was.date_of_birth, sizeof e->was.date_of_birth, store_col_text(s, 4));
        copy(e->was.nhs_number, sizeof e->was.nhs_number, store_col_text(s, 5));
        copy(e->was.family_name, sizeof e->was.family_name, store_col_text(s, 6));
        copy(e->was.given_name, sizeof e->was.given_name, store_col_text(s, 7));
        copy(e->was.postcode, sizeof e->was.postcode, store_col_text(s, 8));
        copy(e->was.gp_practice_id, sizeof e->was.gp_practice_id, store_col_text(s, 9));
        e->was.p.ltc_count = (int)store_col_int(s, 10);
        e->was.p.efi_count = (int)store_col_int(s, 11);
        e->was.p.frailty_flag = store_col_int(s, 12) != 0;
        e->was.p.predicted_cost_pence = store_col_int(s, 13);
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
    /* A prepared statement, not store_exec: this runs on most registrations,
     * and parsing it was 4 % of a durable write's CPU. */
    if (store_run(db, "UPDATE cohort_state SET average_pence = average_pence WHERE id = 1", 0, NULL, err) < 0)
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
        moved = store_query_rows(db, "SELECT p.id FROM persons p JOIN organisations g ON g.id = p.gp_practice_id"
            " WHERE p.predicted_cost_pence >= CAST($1 AS BIGINT) AND p.predicted_cost_pence < CAST($2 AS BIGINT)"
            " AND g.locality_id IS NOT NULL AND " CURRENT, 2, p, err);
        if (!moved)
            return err->code;
        json_array_foreach(moved, i, r) {
            const char *pid = json_string_value(json_object_get(r, "id"));
            struct cohort_snapshot one;
            if ((rc = cohorts_person_load(db, pid, &one, err)) != STORE_OK ||
                (rc = member_insert(db, pid, COHORT_KIND_HIGH_COST, -one.p.predicted_cost_pence, "", &one, err)) !=
                    STORE_OK)
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

static int population_add(struct store *db, int slot, int64_t people, int64_t pence, struct store_error *err)
{
    struct store_stmt *s = store_prepare(db, "UPDATE cohort_population SET people = people + $2,"
                                             " total_pence = total_pence + $3 WHERE slot = $1", err);
    if (!s)
        return err->code;
    store_bind_int(s, 1, slot);
    store_bind_int(s, 2, people);
    store_bind_int(s, 3, pence);
    return store_step_done(s, err);
}

/* After the population moved: the cost list follows when the average the
 * lists reflect (was) is no longer the population's. */
static int settle_average(struct store *db, int64_t was, struct store_error *err)
{
    int64_t people = 0, total = 0;
    int rc = population_sums(db, &people, &total, err);
    if (rc == STORE_OK && cohort_average(people, total) != was)
        rc = follow_average(db, err);
    return rc;
}

static int same(const struct held *h, const struct cohort_entry *e, const struct cohort_snapshot *now)
{
    const struct cohort_snapshot *w = &h->was;
    return h->rank == e->rank_key && strcmp(w->name_key, e->by_name ? now->name_key : "") == 0 &&
           strcmp(w->locality_id, now->locality_id) == 0 && strcmp(w->date_of_birth, now->date_of_birth) == 0 &&
           strcmp(w->nhs_number, now->nhs_number) == 0 && strcmp(w->family_name, now->family_name) == 0 &&
           strcmp(w->given_name, now->given_name) == 0 && strcmp(w->postcode, now->postcode) == 0 &&
           strcmp(w->gp_practice_id, now->gp_practice_id) == 0 && w->p.ltc_count == now->p.ltc_count &&
           w->p.efi_count == now->p.efi_count && w->p.frailty_flag == now->p.frailty_flag &&
           w->p.predicted_cost_pence == now->p.predicted_cost_pence;
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
    if (moved && (rc = population_add(db, slot_of(person_id), n1 - n0, t1 - t0, err)) != STORE_OK)
        return rc;
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
            rc = member_delete(db, person_id, k, h[k].was.locality_id, err);
        if (rc == STORE_OK && e)
            rc = member_insert(db, person_id, k, e->rank_key, e->by_name ? now.name_key : "", &now, err);
    }
    return rc == STORE_OK && moved ? settle_average(db, average, err) : rc;
}

int cohorts_persons_added(struct store *db, const char (*ids)[STORE_ID_LEN], int n, struct store_error *err)
{
    int64_t average = 0, people[16] = {0}, pence[16] = {0};
    int rc = cohorts_average(db, &average, err), moved = 0;
    struct cohort_snapshot *now = malloc(LOAD_MANY * sizeof *now);
    char (*who)[STORE_ID_LEN] = malloc(LOAD_MANY * STORE_ID_LEN);
    if (!now || !who) {
        free(now);
        free(who);
        return store_fail(err, STORE_EGENERIC, "out of memory");
    }
    for (int at = 0, k, got = 0; at < n && rc == STORE_OK; at += k) {
        k = n - at >= LOAD_MANY ? LOAD_MANY : 1;
        if ((rc = load_many(db, ids + at, k, now, who, &got, err)) != STORE_OK)
            break;
        for (int i = 0; i < got && rc == STORE_OK; i++) {
            int64_t one = 0, cost = 0;
            cohort_population_share(&now[i].p, &one, &cost);
            people[slot_of(who[i])] += one;
            pence[slot_of(who[i])] += cost;
            moved |= one != 0 || cost != 0;
            struct cohort_entry want[COHORT_KINDS];
            int w = cohort_entries(&now[i].p, average, want);
            for (int e = 0; e < w && rc == STORE_OK; e++)
                rc = member_insert(db, who[i], want[e].kind, want[e].rank_key,
                                   want[e].by_name ? now[i].name_key : "", &now[i], err);
        }
    }
    free(now);
    free(who);
    for (int slot = 0; slot < 16 && rc == STORE_OK; slot++)
        if (people[slot] || pence[slot])
            rc = population_add(db, slot, people[slot], pence[slot], err);
    return rc == STORE_OK && moved ? settle_average(db, average, err) : rc;
}
