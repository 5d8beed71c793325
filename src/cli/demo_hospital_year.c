/* demo_hospital_year: see demo_hospital_year.h. */
#include "cli/demo_hospital_year.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "domain/dates.h"
#include "domain/discharge.h"
#include "store/accounts.h"
#include "store/discharge.h"
#include "util/clock.h"

#define DAY 86400
#define BATCH 10000   /* stays per transaction */

struct rng { uint64_t s; };
static uint64_t rnext(struct rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
static int rbelow(struct rng *r, int n) { return (int)(rnext(r) % (uint64_t)n); }

static void ymd(int64_t t, char out[DATE_STR_SIZE]) { date_format(timestamp_uk_date(t), out); }

/* Delay reasons that fit each pathway (codes of domain/discharge.c). */
static const char *const reasons[4][6] = {
    {"awaiting_transport", "awaiting_medicines", "awaiting_discharge_summary", "awaiting_family_transport",
     "home_not_ready", "equipment"},
    {"awaiting_reablement", "awaiting_care_package", "awaiting_social_care_assessment",
     "awaiting_care_package_restart", "awaiting_community_health", "equipment"},
    {"awaiting_rehab_bed", "awaiting_step_down_bed", "awaiting_therapy_assessment", "awaiting_assessment",
     "housing", "awaiting_referral"},
    {"awaiting_care_home", "choosing_care_home", "awaiting_funding_decision", "awaiting_nursing_home",
     "awaiting_chc_assessment", "awaiting_care_home_assessment"},
};
static const char *const destinations[4] = {"Home", "Home with reablement", "Community hospital bed",
                                            "Residential care home"};

struct ctx {
    struct store *db;
    struct store_error err;
    json_t *acute, *community;   /* ward rows */
    json_t *older, *younger;     /* people (id rows) */
    char idt_user[2][STORE_ID_LEN];
    int64_t now;
    struct rng r;
    struct hospital_year_stats *st;
};

/* One stay as the dice make it. */
struct spell {
    json_t *ward, *person;
    int community, pathway, has_drd, delay, change_after;   /* change_after: days after DRD, 0 none */
    int64_t admitted, ready, discharged;
};

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static int length_of_stay(struct rng *r, int community)
{
    int roll = rbelow(r, 100);
    if (community)
        return 7 + rbelow(r, 29);
    return roll < 35 ? rbelow(r, 2) : roll < 80 ? 2 + rbelow(r, 6)
         : roll < 95 ? 8 + rbelow(r, 14) : 22 + rbelow(r, 39);
}

static int delay_days(struct rng *r)
{
    int roll = rbelow(r, 100);
    return roll < 45 ? 1 + rbelow(r, 2) : roll < 80 ? 3 + rbelow(r, 5)
         : roll < 95 ? 8 + rbelow(r, 14) : 22 + rbelow(r, 39);
}

static int pick_pathway(struct rng *r, int delayed)
{
    int roll = rbelow(r, 100);
    if (delayed)
        return roll < 15 ? 0 : roll < 70 ? 1 : roll < 88 ? 2 : 3;
    return roll < 80 ? 0 : roll < 98 ? 1 : 2;
}

static void roll_spell(struct ctx *x, struct spell *s)
{
    struct rng *r = &x->r;
    s->community = rbelow(r, 100) < 5;
    json_t *wards = s->community ? x->community : x->acute;
    s->ward = json_array_get(wards, (size_t)rbelow(r, (int)json_array_size(wards)));
    json_t *people = rbelow(r, 100) < 75 || json_array_size(x->younger) == 0 ? x->older : x->younger;
    s->person = json_array_get(people, (size_t)rbelow(r, (int)json_array_size(people)));
    s->admitted = x->now - (int64_t)(rnext(r) % (365 * (uint64_t)DAY));
    /* Stops meeting the criteria to reside in the morning of a day. */
    int64_t day = s->admitted + (int64_t)length_of_stay(r, s->community) * DAY;
    s->ready = day - day % DAY + 8 * 3600 + rbelow(r, 3 * 3600);
    if (s->ready < s->admitted + 2 * 3600)
        s->ready += DAY;
    /* ≈13% of stays wait past their DRD (issue 16: ≈20,000 of ≈150,000). */
    s->delay = rbelow(r, 1000) < 133 ? delay_days(r) : 0;
    s->has_drd = s->delay > 0 || rbelow(r, 100) < 30;
    s->pathway = s->has_drd ? pick_pathway(r, s->delay > 0) : 0;
    s->change_after = s->delay >= 3 && rbelow(r, 3) == 0 ? 1 + rbelow(r, s->delay - 1) : 0;
    s->discharged = s->ready + (int64_t)s->delay * DAY + 3600 + rbelow(r, 4 * 3600);
}

static int add_reason(struct ctx *x, struct actor *by, const char *id, const char *pid, const char *code,
                      const char *from_on)
{
    const struct discharge_reason *reason;
    struct domain_error e;
    if (discharge_reason_parse(code, &reason, &e) != 0)
        return -1;
    const char *sector = discharge_sector_name(reason->sector);
    int rc = discharge_delay_reason_add(x->db, by, id, pid, code, from_on, sector, "", &x->err);
    return rc ? rc : discharge_stay_set_delay(x->db, by, id, code, sector, &x->err);
}

/* The IDT's part: review, DRD, pathway and the delay reasons known by now. */
static int idt_part(struct ctx *x, const struct spell *s, const char *id, const char *pid)
{
    char at[32], drd[DATE_STR_SIZE], pw[2] = {(char)('0' + s->pathway), '\0'};
    clock_format_utc(s->ready, at);
    ymd(s->ready, drd);
    struct actor by = {x->idt_user[s->community], at};
    int rc = discharge_review_add(x->db, &by, id, pid, drd, 0, "Medically optimised", &x->err);
    if (rc == 0)
        rc = discharge_stay_set_review(x->db, &by, id, 0, drd, drd, &x->err);
    if (rc == 0)
        rc = discharge_stay_set_pathway(x->db, &by, id, s->pathway, destinations[s->pathway], &x->err);
    if (rc == 0)
        rc = discharge_change_add(x->db, &by, id, pid, "pathway", NULL, pw, "", &x->err);
    if (rc != 0 || s->delay == 0)
        return rc;
    const char *const *fit = reasons[s->pathway];
    rc = add_reason(x, &by, id, pid, fit[rbelow(&x->r, 6)], drd);
    int64_t change = s->ready + (int64_t)s->change_after * DAY;
    if (rc == 0 && s->change_after && change <= x->now) {
        char on[DATE_STR_SIZE];
        clock_format_utc(change, at);
        ymd(change, on);
        rc = add_reason(x, &by, id, pid, fit[rbelow(&x->r, 6)], on);
        x->st->reason_changes++;
    }
    if (rc == 0 && s->discharged > x->now && rbelow(&x->r, 3) == 0)
        rc = discharge_stay_set_action(x->db, &by, id, "Chase the next step", "IDT", &x->err);
    return rc;
}

static int write_spell(struct ctx *x, const struct spell *s, long long k)
{
    char id[STORE_ID_LEN], visit[24], at[32], on[DATE_STR_SIZE];
    const char *pid = str(s->person, "id");
    snprintf(visit, sizeof visit, "YR%08lld", k + 1);
    clock_format_utc(s->admitted, at);
    ymd(s->admitted, on);
    struct actor feed = {NULL, at};
    struct stay_row row = {pid, str(s->ward, "org_id"), str(s->ward, "id"), str(s->ward, "idt_team_id"), visit,
                           "feed", s->community ? "Rehabilitation" : "General medicine", "", at, on, NULL};
    int rc = discharge_stay_add(x->db, &feed, &row, id, &x->err);
    if (rc == 0)
        rc = discharge_change_add(x->db, &feed, id, pid, "admitted", NULL, str(s->ward, "name"), "", &x->err);
    if (rc == 0 && str(s->ward, "idt_team_id"))
        rc = discharge_stay_team_add(x->db, id, pid, str(s->ward, "idt_team_id"), "idt", &x->err);
    if (rc == 0 && str(s->ward, "team_id"))
        rc = discharge_stay_team_add(x->db, id, pid, str(s->ward, "team_id"), "ward", &x->err);
    if (rc == 0 && s->has_drd && s->ready <= x->now)
        rc = idt_part(x, s, id, pid);
    if (rc != 0 || s->discharged > x->now) {
        x->st->open += rc == 0;
        x->st->board += rc == 0 && s->has_drd && s->ready <= x->now;
        return rc;
    }
    clock_format_utc(s->discharged, at);
    ymd(s->discharged, on);
    feed.now = at;
    rc = discharge_stay_set_status(x->db, &feed, id, "discharged", at, on, destinations[s->pathway], &x->err);
    return rc ? rc : discharge_change_add(x->db, &feed, id, pid, "discharged", NULL, on, "", &x->err);
}

static int load(struct ctx *x)
{
    char sht[STORE_ID_LEN], scht[STORE_ID_LEN], born_by[DATE_STR_SIZE], old_by[DATE_STR_SIZE];
    if (accounts_org_id_by_code(x->db, "SHT", sht, &x->err) < 0 ||
        accounts_org_id_by_code(x->db, "SCHT", scht, &x->err) < 0 ||
        accounts_user_id_by_username(x->db, "idt.nurse", x->idt_user[0], &x->err) < 0 ||
        accounts_user_id_by_username(x->db, "idt.ch", x->idt_user[1], &x->err) < 0)
        return -1;
    x->acute = discharge_wards_list(x->db, sht, &x->err);
    x->community = discharge_wards_list(x->db, scht, &x->err);
    clock_date_offset(-18 * 366, born_by);
    clock_date_offset(-65 * 366, old_by);
    /* At most 300,000 people (the first by id): a year of stays falls on
     * fewer, and a county of a million would hold them all in memory. */
    json_t *people = discharge_demo_candidates(x->db, born_by, 300000, &x->err);
    x->older = json_array();
    x->younger = json_array();
    size_t i;
    json_t *p;
    json_array_foreach(people, i, p)
        json_array_append(strcmp(str(p, "date_of_birth"), old_by) <= 0 ? x->older : x->younger, p);
    json_decref(people);
    return x->acute && x->community && json_array_size(x->acute) && json_array_size(x->community) &&
                   json_array_size(x->older) ? 0 : -1;
}

/* 1 when either trust already has the generator's first visit number. */
static int already_there(struct ctx *x)
{
    static const char *const trusts[] = {"SHT", "SCHT"};
    int there = 0;
    for (size_t i = 0; i < 2 && !there; i++) {
        char org[STORE_ID_LEN];
        if (accounts_org_id_by_code(x->db, trusts[i], org, &x->err) < 0)
            continue;
        json_t *s = discharge_stay_by_visit(x->db, org, "YR00000001", &x->err);
        there = s != NULL;
        json_decref(s);
    }
    return there;
}

int demo_hospital_year(struct store *db, long long stays, uint64_t seed, struct hospital_year_stats *st)
{
    struct ctx x = {.db = db, .now = clock_now_seconds(), .r = {seed * 104729 + 37}, .st = st};
    memset(st, 0, sizeof *st);
    if (stays <= 0 || already_there(&x))
        return 0;
    memset(&x.err, 0, sizeof x.err);   /* the look-up's "not found" */
    /* Random record ids land all over the indexes: a large cache keeps
     * each batch's pages in memory until its commit. */
    int rc = store_bulk_cache(db, 512, &x.err) < 0 ? -1 : load(&x);
    for (long long k = 0; rc == 0 && k < stays; k++) {
        if (k % BATCH == 0 && store_tx_begin(db, STORE_TX_WRITE, &x.err) < 0) {
            rc = -1;
            break;
        }
        struct spell s;
        roll_spell(&x, &s);
        rc = write_spell(&x, &s, k);
        st->stays++;
        st->delayed += s.delay > 0 && s.ready <= x.now;
        if (rc != 0)
            store_tx_rollback(db);
        else if ((k + 1) % BATCH == 0 || k + 1 == stays)
            rc = store_tx_commit(db, &x.err);
    }
    if (rc != 0)
        fprintf(stderr, "seamless demo: --stays: %s\n",
                x.err.message[0] ? x.err.message : "needs the demo's wards and people with NHS numbers (--persons)");
    if (rc == 0)
        rc = store_analyze(db, &x.err);
    json_decref(x.acute);
    json_decref(x.community);
    json_decref(x.older);
    json_decref(x.younger);
    return rc < 0 ? -1 : rc;
}
