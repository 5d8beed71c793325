/* seamless demo: a small synthetic county — organisations, teams and staff
 * accounts across the council, the ICB, the trusts, a GP practice, a care
 * provider and the voluntary sector, then the synthetic county's localities,
 * GP practices, providers and people (demo_county.c). Safe to run again: an existing demo
 * is left as it is. All passwords are the demo password printed at the end;
 * never use demo data with real people's records. */
#include "svc/accounts.h"
#include "audit/audit.h"
#include "cli/cli.h"
#include "cli/demo_county.h"
#include "store/care_plans.h"
#include "cli/demo_discharge.h"
#include "cli/demo_hospital_year.h"
#include "cli/demo_disputes.h"
#include "store/localities.h"
#include "util/clock.h"
#include "util/crypto.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEMO_PASSWORD "demo-password-2026"

struct demo_org { const char *code, *name, *type; };
struct demo_team { const char *org, *code, *name; };
/* team: the user's team codes, comma-separated (NULL: none). */
struct demo_user { const char *org, *username, *name, *role, *profession, *team; };

static const struct demo_org orgs[] = {
    {"SCC", "Shire County Council – Adult Social Care", "council"},
    {"SICB", "Shire Integrated Care Board", "icb"},
    {"SHT", "Shire Hospitals NHS Trust", "acute_trust"},
    {"SCHT", "Shire Community Health NHS Trust", "community_trust"},
    {"RSG", "Riverside Surgery", "gp_practice"},
    {"HCP", "Homecare Partners Ltd", "provider"},
    {"SVA", "Shire Voluntary Action", "voluntary"},
};

static const struct demo_team teams[] = {
    {"SCC", "FRONT-DOOR", "Adult social care front door"},
    {"SCC", "ILT-NORTH", "North locality social work team"},
    {"SCC", "ILT-SOUTH", "South locality social work team"},
    {"SCC", "ILT-CITY", "City locality social work team"},
    {"SCHT", "CRS", "Crisis response service"},
    {"SCHT", "HART", "Home assessment and reablement team"},
    {"SCHT", "INT-NORTH", "North integrated neighbourhood team"},
    {"SCHT", "INT-SOUTH", "South integrated neighbourhood team"},
    {"SCHT", "INT-CITY", "City integrated neighbourhood team"},
    {"SICB", "CHC", "Continuing healthcare team"},
    {"SICB", "JFP", "Joint funding panel"},
    {"SHT", "IDT", "Integrated discharge team"},
    {"SCHT", "CH-IDT", "Community hospitals discharge team"},
    {"RSG", "RSG-CLIN", "Riverside clinical team"},
    {"HCP", "HCP-NORTH", "Homecare Partners north"},
};

static const struct demo_user users[] = {
    {"SCC", "admin", "Alex Admin", "org_admin", "administrator", NULL},
    {"SCC", "sw.jones", "Sam Jones", "practitioner", "social_worker", "ILT-NORTH"},
    {"SCC", "fd.ali", "Amir Ali", "practitioner", "social_worker", "FRONT-DOOR"},
    {"SCC", "tm.khan", "Priya Khan", "team_manager", "social_worker", "ILT-NORTH"},
    /* Every locality is staffed, so no route of the front door leads to an
     * empty team, and each receiving team has a manager to escalate to. */
    {"SCC", "sw.mistry", "Sunita Mistry", "practitioner", "social_worker", "ILT-SOUTH"},
    {"SCC", "tm.hughes", "Tom Hughes", "team_manager", "social_worker", "ILT-SOUTH"},
    {"SCC", "sw.okoro", "Chidi Okoro", "practitioner", "social_worker", "ILT-CITY"},
    {"SCC", "tm.novak", "Lena Novak", "team_manager", "social_worker", "ILT-CITY"},
    {"SCC", "tm.begum", "Farah Begum", "team_manager", "social_worker", "FRONT-DOOR"},
    {"SCC", "privacy", "Pat Officer", "privacy_officer", "administrator", NULL},
    {"SCC", "finance", "Fran Finance", "finance", "finance", NULL},
    {"SCHT", "rn.patel", "Ravi Patel", "practitioner", "registered_nurse", "INT-NORTH"},
    {"SCHT", "rn.price", "Hannah Price", "practitioner", "registered_nurse", "INT-SOUTH"},
    {"SCHT", "rn.osman", "Yusuf Osman", "practitioner", "registered_nurse", "INT-CITY"},
    {"SCHT", "int.mgr", "Grace Lloyd", "team_manager", "registered_nurse", "INT-NORTH,INT-SOUTH,INT-CITY,CRS,HART"},
    {"SCHT", "ot.evans", "Olivia Evans", "practitioner", "occupational_therapist", "HART"},
    {"SCHT", "crs.nurse", "Cam Brooks", "practitioner", "registered_nurse", "CRS"},
    {"SICB", "chc.lead", "Chris Lead", "practitioner", "registered_nurse", "CHC"},
    {"SICB", "panel", "Morgan Panel", "panel_member", "commissioner", "JFP"},
    {"SICB", "board", "Bea Board", "board_viewer", "commissioner", NULL},
    {"SICB", "icb.mgr", "Imogen Grant", "team_manager", "commissioner", "CHC"},
    {"SHT", "idt.nurse", "Dana Ward", "practitioner", "registered_nurse", "IDT"},
    {"SHT", "sht.admin", "Sol Hart", "org_admin", "administrator", NULL},
    /* The hospital's interface engine: feeds events, reads no one. */
    {"SHT", "sht.pas", "Hospital PAS interface", "integration", "other", NULL},
    {"SCHT", "idt.ch", "Jo Moss", "practitioner", "occupational_therapist", "CH-IDT"},
    {"RSG", "dr.rivers", "Dr Ren Rivers", "practitioner", "gp", "RSG-CLIN"},
    {"HCP", "cw.lee", "Casey Lee", "practitioner", "care_worker", "HCP-NORTH"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The organisations, teams and users, through the account services (so
 * each is validated and audited like any other). */
static int seed_accounts(struct svc_ctx *c)
{
    char id[STORE_ID_LEN], oid[STORE_ID_LEN], hash[256];
    struct store_error err = {0};
    if (crypto_password_hash(DEMO_PASSWORD, hash, sizeof hash) != 0)
        return -1;
    for (size_t i = 0; i < COUNT(orgs); i++)
        if (svc_org_add(c, orgs[i].code, orgs[i].name, orgs[i].type, id) != SVC_OK)
            return -1;
    for (size_t i = 0; i < COUNT(teams); i++) {
        int rc = accounts_org_id_by_code(c->db, teams[i].org, oid, &err) == 0
                 ? svc_team_add(c, oid, teams[i].code, teams[i].name, id) : SVC_FAILED;
        if (rc != SVC_OK)
            return -1;
    }
    for (size_t i = 0; i < COUNT(users); i++) {
        json_t *t = svc_own(c, json_array());
        for (const char *p = users[i].team; p && *p;) {
            size_t n = strcspn(p, ",");
            json_array_append_new(t, json_stringn(p, n));
            p += n + (p[n] == ',');
        }
        int rc = SVC_FAILED;
        if (accounts_org_id_by_code(c->db, users[i].org, oid, &err) == 0) {
            struct user_input u = {oid, users[i].username, users[i].name, users[i].role, users[i].profession,
                                   DEMO_PASSWORD, t, hash};
            rc = svc_user_add(c, &u, id);
        }
        if (rc != SVC_OK)
            return -1;
    }
    return 0;
}

/* The community trust delegates health tasks to care providers' workers;
 * its district nurse Ravi Patel is the designated assessor for every
 * competency the catalogue names (domain.md §8). */
static int seed_assessors(struct store *db)
{
    char now[STORE_TIME_LEN], org[STORE_ID_LEN], rn[STORE_ID_LEN];
    store_now(now);
    struct actor by = {NULL, now};
    struct store_error err = {0};
    json_t *types = care_task_types_list(db, &err), *t;
    if (!types || accounts_org_id_by_code(db, "SCHT", org, &err) < 0 ||
        accounts_user_id_by_username(db, "rn.patel", rn, &err) < 0) {
        json_decref(types);
        return -1;
    }
    size_t i;
    int rc = 0;
    json_array_foreach(types, i, t) {
        const char *code = json_string_value(json_object_get(t, "competency_code"));
        if (code && rc == 0)
            rc = competency_assessor_add(db, &by, org, rn, code, &err) < 0 ? -1 : 0;
    }
    json_decref(types);
    /* The ICB's address and contact details go in CHC decision letters. */
    char icb[STORE_ID_LEN];
    if (rc == 0 && (accounts_org_id_by_code(db, "SICB", icb, &err) < 0 ||
                    accounts_org_set_contact(db, icb, "Continuing Healthcare Team, County Hall, Glenfield, LE3 8TB",
                                             "0116 496 0123", "chc.shire@nhs.example", &err) < 0))
        rc = -1;
    return rc;
}

static int seed(struct store *db)
{
    struct arena arena;
    struct svc_ctx c;
    arena_init(&arena);
    svc_ctx_system(&c, db, &arena, "demo");
    int rc = seed_accounts(&c);
    arena_free(&arena);
    return rc;
}

/* --persons N (default 2000, at most 5,000,000), --seed S (default 1) and
 * --stays N (default 0, at most 5,000,000). */
static int parse_count(const char *v, const char *name, long long max, long long *out)
{
    char *end;
    errno = 0;
    long long n = strtoll(v, &end, 10);
    if (errno || *end || end == v || n < 0 || n > max) {
        fprintf(stderr, "seamless demo: %s must be a whole number from 0 to %lld\n", name, max);
        return -1;
    }
    *out = n;
    return 0;
}

static int add_persons(struct store *db, long long n, long long seed)
{
    long long existing = 0;
    struct store_error err = {0};
    if (localities_person_count(db, &existing, &err) < 0)
        return -1;
    if (existing > 0 || n == 0) {
        if (existing > 0)
            printf("The database already holds %lld people; no synthetic people added.\n", existing);
        return 0;
    }
    double t0 = clock_monotonic_ms();
    struct county_stats st;
    if (demo_county_persons(db, n, (uint64_t)seed, &st) < 0 || demo_work(db) < 0 ||
        demo_discharge_inpatients(db, (int)(n / 8 < 300 ? n / 8 : 300), (uint64_t)seed) < 0 ||
        demo_disputes(db) < 0 || store_analyze(db, &err) < 0)
        return -1;
    double secs = (clock_monotonic_ms() - t0) / 1000.0;
    printf("Added %lld synthetic people (seed %lld) in %.1f s, %.0f people/s: %lld with an NHS number from the"
           " 999 test range, %lld with 5+ long-term conditions, %lld moderately or severely frail (eFI),"
           " %lld caseload entries; average predicted acute cost £%.2f.\n",
           st.persons, seed, secs, secs > 0 ? (double)st.persons / secs : 0.0, st.with_nhs_number, st.ltc5,
           st.efi_moderate_plus, st.caseloads, st.persons ? (double)st.cost_total_pence / 100.0 / (double)st.persons : 0.0);
    return 0;
}

/* --stays N: a year of hospital stays on the people there are. */
static int add_stays(struct store *db, long long n, long long seed)
{
    if (n == 0)
        return 0;
    double t0 = clock_monotonic_ms();
    struct hospital_year_stats st;
    if (demo_hospital_year(db, n, (uint64_t)seed, &st) < 0)
        return -1;
    double secs = (clock_monotonic_ms() - t0) / 1000.0;
    if (st.stays == 0)
        printf("The database already holds the year of hospital stays; none added.\n");
    else
        printf("Added a year of %lld hospital stays in %.1f s, %.0f stays/s: %lld still open (%lld of them past"
               " their discharge ready date, on the boards), %lld delayed past the DRD, %lld with a change of"
               " delay reason.\n",
               st.stays, secs, secs > 0 ? (double)st.stays / secs : 0.0, st.open, st.board, st.delayed,
               st.reason_changes);
    return 0;
}

int cmd_demo(const struct cli_args *a)
{
    long long npersons = 2000, seed_value = 1, nstays = 0;
    if ((cli_opt(a, "--persons") && parse_count(cli_opt(a, "--persons"), "--persons", 5000000, &npersons) < 0) ||
        (cli_opt(a, "--seed") && parse_count(cli_opt(a, "--seed"), "--seed", 9007199254740991LL, &seed_value) < 0) ||
        (cli_opt(a, "--stays") && parse_count(cli_opt(a, "--stays"), "--stays", 5000000, &nstays) < 0))
        return 2;
    struct store *db = cli_open_db(a, 1);
    if (!db)
        return 1;
    char id[STORE_ID_LEN];
    struct store_error err = {0};
    int exists = accounts_org_id_by_code(db, "SCC", id, &err) == 0;
    if ((!exists && (seed(db) < 0 || seed_assessors(db) < 0 || demo_county_structure(db) < 0 ||
                     demo_discharge_wards(db) < 0 || demo_partnership(db) < 0)) ||
        add_persons(db, npersons, seed_value) < 0 || add_stays(db, nstays, seed_value) < 0 ||
        audit_index_all(db, &err) != 0) {
        fprintf(stderr, "seamless demo: could not create the demo data\n");
        store_close(db);
        return 1;
    }
    store_close(db);
    char shown[512];
    store_url_redact(cli_opt(a, "--db"), shown, sizeof shown);
    printf("%s demo data in %s\n\nSign in at the address below with any of these users, password %s\n",
           exists ? "Using existing" : "Created", shown, DEMO_PASSWORD);
    for (size_t i = 0; i < COUNT(users); i++)
        printf("  %-10s %-16s %s (%s)\n", users[i].username, users[i].role, users[i].name, users[i].org);
    return 0;
}
