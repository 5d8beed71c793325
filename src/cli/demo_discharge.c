/* demo_discharge: see demo_discharge.h. */
#include "cli/demo_discharge.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "domain/dates.h"
#include "store/accounts.h"
#include "store/discharge.h"
#include "svc/discharge.h"
#include "util/arena.h"
#include "util/clock.h"

struct demo_ward { const char *org, *code, *name, *site, *kind, *team, *idt; };
static const struct demo_ward wards[] = {
    {"SHT", "AMU", "Acute medical unit", "Shire General Hospital", "acute", NULL, "IDT"},
    {"SHT", "W12", "Ward 12 (older people)", "Shire General Hospital", "acute", NULL, "IDT"},
    {"SHT", "W14", "Ward 14 (trauma and orthopaedics)", "Shire General Hospital", "acute", NULL, "IDT"},
    {"SHT", "W20", "Ward 20 (stroke)", "Shire General Hospital", "acute", NULL, "IDT"},
    {"SCHT", "ASH", "Ash ward", "Riverside Community Hospital", "community", NULL, "CH-IDT"},
    {"SCHT", "OAK", "Oak ward", "Riverside Community Hospital", "community", NULL, "CH-IDT"},
};
#define NWARDS (sizeof wards / sizeof wards[0])

static void ctx(struct svc_ctx *c, struct store *db, struct arena *a, const char *org)
{
    svc_ctx_system(c, db, a, "demo");
    c->org_id = org;
}

int demo_discharge_wards(struct store *db)
{
    struct store_error err = {0};
    for (size_t i = 0; i < NWARDS; i++) {
        char org[STORE_ID_LEN], id[STORE_ID_LEN];
        if (accounts_org_id_by_code(db, wards[i].org, org, &err) < 0)
            return -1;
        struct arena a;
        arena_init(&a);
        struct svc_ctx c;
        ctx(&c, db, &a, org);
        struct ward_input in = {wards[i].code, wards[i].name, wards[i].site, wards[i].kind, wards[i].team,
                                wards[i].idt};
        int rc = svc_discharge_ward_add(&c, &in, id);
        arena_free(&a);
        if (rc != SVC_OK && rc != SVC_CONFLICT)
            return -1;
    }
    return 0;
}

struct rng { uint64_t s; };
static uint64_t rnext(struct rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
static int rbelow(struct rng *r, int n) { return (int)(rnext(r) % (uint64_t)n); }

/* "YYYYMMDDHHMMSS+0000" for t. */
static void hl7_time(int64_t t, char out[24])
{
    char iso[32];
    clock_format_utc(t, iso);
    snprintf(out, 24, "%.4s%.2s%.2s%.2s%.2s%.2s+0000", iso, iso + 5, iso + 8, iso + 11, iso + 14, iso + 17);
}

static void ymd(int64_t t, char out[DATE_STR_SIZE]) { date_format(timestamp_uk_date(t), out); }

/* One ADT message through the intake, as the trust's engine sends it. */
static int send(struct store *db, const char *org, const char *event, json_t *p, const char *ward, int bed,
                const char *visit, int64_t admitted, int64_t discharged, const char *ctl)
{
    char ts[24], adm[24], dis[24] = "", dob[16];
    hl7_time(discharged ? discharged : admitted, ts);
    hl7_time(admitted, adm);
    if (discharged)
        hl7_time(discharged, dis);
    const char *d = json_string_value(json_object_get(p, "date_of_birth"));
    snprintf(dob, sizeof dob, "%.4s%.2s%.2s", d, d + 5, d + 8);
    char msg[1024];
    int n = snprintf(msg, sizeof msg,
        "MSH|^~\\&|PAS|DEMO|SEAMLESS|SCC|%s||ADT^%s^ADT_A01|%s|P|2.5\r"
        "EVN|%s|%s\r"
        "PID|1||%s^^^NHS^NH||%s^%s||%s\r"
        "PV1|1|I|%s^^%d|||||||GMD|||||||||%s||||||||||||||||||%s|||||||%s|%s\r",
        ts, event, ctl, event, ts, json_string_value(json_object_get(p, "nhs_number")),
        json_string_value(json_object_get(p, "family_name")), json_string_value(json_object_get(p, "given_name")),
        dob, ward, bed, visit, discharged ? "19" : "", adm, dis);
    char ack[DISCHARGE_ACK_MAX];
    size_t ack_len;
    struct arena a;
    arena_init(&a);
    struct svc_ctx c;
    ctx(&c, db, &a, org);
    int rc = svc_discharge_intake(&c, "http", msg, (size_t)n, ack, &ack_len);
    arena_free(&a);
    return rc == SVC_OK && strstr(ack, "MSA|AA|") ? 0 : -1;
}

struct staff { char user[STORE_ID_LEN], org[STORE_ID_LEN]; const char *org_type; };

static void user_ctx(struct svc_ctx *c, struct store *db, struct arena *a, const struct staff *s)
{
    svc_ctx_system(c, db, a, "demo");
    c->user_id = s->user;
    c->org_id = s->org;
    c->role = "practitioner";
    c->org_type = s->org_type;
}

static const char *const reasons_by_pathway[4][3] = {
    {"awaiting_transport", "awaiting_medicines", "awaiting_discharge_summary"},
    {"awaiting_reablement", "awaiting_care_package", "awaiting_social_care_assessment"},
    {"awaiting_rehab_bed", "awaiting_step_down_bed", "awaiting_therapy_assessment"},
    {"awaiting_care_home", "choosing_care_home", "awaiting_funding_decision"},
};
static const char *const destinations[4] = {"Home", "Home with reablement from HART", "Community hospital bed",
                                            "Residential care home"};
static const char *const actions[] = {"Chase the care package start date", "Book transport for tomorrow",
                                      "Family meeting on Thursday", "Send the reablement referral",
                                      "Confirm the care home bed"};

/* The IDT's work on one stay that no longer meets the criteria to reside. */
static int idt_work(struct store *db, const struct staff *s, const char *stay, int64_t admitted, int ready_days_ago,
                    struct rng *r)
{
    struct arena a;
    arena_init(&a);
    struct svc_ctx c;
    char day1[DATE_STR_SIZE], drd[DATE_STR_SIZE];
    int64_t now = clock_now_seconds();
    int roll = rbelow(r, 100), pathway = roll < 50 ? 0 : roll < 90 ? 1 : roll < 97 ? 2 : 3;
    if (pathway == 0 && ready_days_ago > 2)   /* home without new support rarely waits long */
        ready_days_ago = rbelow(r, 3);
    ymd(admitted + 86400 < now - ready_days_ago * 86400 ? admitted + 86400 : admitted, day1);
    ymd(now - (int64_t)ready_days_ago * 86400, drd);
    if (strcmp(drd, day1) < 0)
        memcpy(drd, day1, sizeof drd);
    user_ctx(&c, db, &a, s);
    /* Two reviews on one day would be told apart only by when they were
     * recorded: the demo gives the first "meets" a day of its own. */
    int rc = strcmp(day1, drd) < 0 ? svc_discharge_review(&c, stay, day1, 1, NULL) : SVC_OK;
    user_ctx(&c, db, &a, s);
    if (rc == SVC_OK)
        rc = svc_discharge_review(&c, stay, drd, 0, "Medically optimised");
    user_ctx(&c, db, &a, s);
    if (rc == SVC_OK)
        rc = svc_discharge_pathway(&c, stay, pathway, destinations[pathway], NULL);
    if (rc == SVC_OK && ready_days_ago > 0) {
        user_ctx(&c, db, &a, s);
        rc = svc_discharge_delay_reason(&c, stay, reasons_by_pathway[pathway][rbelow(r, 3)], drd, NULL, NULL);
    }
    if (rc == SVC_OK && rbelow(r, 3) == 0) {
        user_ctx(&c, db, &a, s);
        rc = svc_discharge_next_action(&c, stay, actions[rbelow(r, 5)], "Dana Ward");
    }
    if (rc != SVC_OK)
    {
        char *e = c.errors ? json_dumps(c.errors, 0) : NULL;
        fprintf(stderr, "seamless demo: discharge work (%d): %s %s\n", rc, c.err.message, e ? e : "");
        free(e);
    }
    arena_free(&a);
    return rc == SVC_OK ? 0 : -1;
}

static int staff(struct store *db, const char *username, const char *org_code, struct staff *s)
{
    struct store_error err = {0};
    s->org_type = strcmp(org_code, "SHT") == 0 ? "acute_trust" : "community_trust";
    return accounts_user_id_by_username(db, username, s->user, &err) < 0 ||
           accounts_org_id_by_code(db, org_code, s->org, &err) < 0 ? -1 : 0;
}

/* Earlier stays ending in Home First reablement, 35 to 150 days ago, for
 * the outcome measures: mostly no or reduced ongoing support, some
 * readmitted within 30 days. History, so written straight to the store as
 * it stood then (the IDT's relationship has long ended). */
static int history(struct store *db, const struct staff *s, json_t *p, int k, struct rng *r)
{
    struct store_error err = {0};
    int64_t now = clock_now_seconds();
    int64_t dis = now - (int64_t)(35 + rbelow(r, 115)) * 86400 - 36000, adm = dis - (int64_t)(3 + rbelow(r, 10)) * 86400;
    char visit[32], ctl[40], team[STORE_ID_LEN];
    snprintf(visit, sizeof visit, "HIST%06d", k);
    snprintf(ctl, sizeof ctl, "HIST-A01-%06d", k);
    if (send(db, s->org, "A01", p, "W12", 1 + rbelow(r, 28), visit, adm, 0, ctl) < 0)
        return -1;
    snprintf(ctl, sizeof ctl, "HIST-A03-%06d", k);
    if (send(db, s->org, "A03", p, "W12", 1, visit, adm, dis, ctl) < 0)
        return -1;
    json_t *stay = discharge_stay_by_visit(db, s->org, visit, &err);
    char hart_org[STORE_ID_LEN];
    int rc = stay && accounts_org_id_by_code(db, "SCHT", hart_org, &err) == 0 &&
             accounts_team_id_by_code(db, hart_org, "HART", team, &err) == 0 ? 0 : -1;
    char start[DATE_STR_SIZE], planned[DATE_STR_SIZE], ended[DATE_STR_SIZE], id[STORE_ID_LEN], at[32];
    ymd(dis, start);
    ymd(dis + 42 * 86400, planned);
    ymd(dis + (int64_t)(21 + rbelow(r, 21)) * 86400, ended);
    clock_format_utc(dis, at);
    struct actor by = {NULL, at};
    struct reablement_row row = {json_string_value(json_object_get(p, "id")),
                                 json_string_value(json_object_get(stay, "id")), team, start, planned};
    static const char *const outcomes[] = {"no_ongoing_support", "no_ongoing_support", "reduced_support",
                                           "reduced_support", "long_term_support"};
    int readmit = rbelow(r, 100) < 15;
    if (rc == 0)
        rc = discharge_reablement_add(db, &by, &row, id, &err);
    if (rc == 0 && strcmp(ended, start) > 0 && dis + 42 * 86400 < now) {
        const char *outcome = readmit ? "readmitted" : outcomes[rbelow(r, 5)];
        /* Some who need long-term support move into a care home as it ends. */
        int care_home = strcmp(outcome, "long_term_support") == 0 && rbelow(r, 3) == 0;
        rc = discharge_reablement_end(db, &by, id, ended, outcome, care_home ? ended : NULL, &err);
    }
    json_decref(stay);
    if (rc == 0 && readmit) {   /* back in within 30 days, home again three days later */
        int64_t back = dis + (int64_t)(2 + rbelow(r, 27)) * 86400;
        snprintf(visit, sizeof visit, "HISR%06d", k);
        snprintf(ctl, sizeof ctl, "HISR-A01-%06d", k);
        rc = send(db, s->org, "A01", p, "AMU", 1, visit, back, 0, ctl);
        snprintf(ctl, sizeof ctl, "HISR-A03-%06d", k);
        if (rc == 0)
            rc = send(db, s->org, "A03", p, "AMU", 1, visit, back, back + 3 * 86400, ctl);
    }
    return rc;
}

int demo_discharge_inpatients(struct store *db, int max, uint64_t seed)
{
    struct store_error err = {0};
    struct staff sht, scht;
    char born_by[DATE_STR_SIZE];
    clock_date_offset(-65 * 366, born_by);
    if (staff(db, "idt.nurse", "SHT", &sht) < 0 || staff(db, "idt.ch", "SCHT", &scht) < 0)
        return -1;
    json_t *people = discharge_demo_candidates(db, born_by, max + max / 5, &err);
    if (!people)
        return -1;
    struct rng r = {seed * 7919 + 16};
    int64_t now = clock_now_seconds();
    size_t i;
    json_t *p;
    int rc = 0;
    json_array_foreach(people, i, p) {
        if ((int)i >= max) {   /* the rest: earlier stays with reablement */
            if ((rc = history(db, &sht, p, (int)i, &r)) < 0)
                break;
            continue;
        }
        const struct demo_ward *w = &wards[rbelow(&r, 10) < 8 ? rbelow(&r, 4) : 4 + rbelow(&r, 2)];
        const struct staff *s = strcmp(w->org, "SHT") == 0 ? &sht : &scht;
        int days_in = 1 + rbelow(&r, 30);
        int64_t admitted = now - (int64_t)days_in * 86400 - rbelow(&r, 36000);
        char visit[32], ctl[40];
        snprintf(visit, sizeof visit, "DEMO%06zu", i + 1);
        snprintf(ctl, sizeof ctl, "DEMO-A01-%06zu", i + 1);
        if ((rc = send(db, s->org, "A01", p, w->code, 1 + rbelow(&r, 28), visit, admitted, 0, ctl)) < 0)
            break;
        json_t *stay_row = discharge_stay_by_visit(db, s->org, visit, &err);
        const char *stay = json_string_value(json_object_get(stay_row, "id"));
        int roll = rbelow(&r, 100);
        if (stay && roll < 55)   /* no longer meets the criteria to reside */
            rc = idt_work(db, s, stay, admitted, rbelow(&r, days_in), &r);
        else if (stay && roll < 65) {   /* went home this morning */
            snprintf(ctl, sizeof ctl, "DEMO-A03-%06zu", i + 1);
            rc = send(db, s->org, "A03", p, w->code, 1, visit, admitted, now - 3600, ctl);
        }
        json_decref(stay_row);
        if (rc < 0)
            break;
    }
    json_decref(people);
    return rc;
}
