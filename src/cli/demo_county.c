#include "cli/demo_county.h"
#include "cli/demo_data.h"
#include "domain/dates.h"
#include "domain/efi.h"
#include "domain/nhs_number.h"
#include "store/localities.h"
#include "store/persons.h"
#include "store/referrals.h"
#include "svc/referral_actions.h"
#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define BATCH 20000
/* Ages and caseload dates are counted back from this fixed day, so a seed
 * gives the same people whatever day the demo is generated. */
static const struct date REFERENCE_DAY = {2026, 4, 1};

/* ---- deterministic randomness (splitmix64) --------------------------------- */

struct rng { uint64_t s; };

static uint64_t rnext(struct rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
static double runit(struct rng *r) { return (double)(rnext(r) >> 11) / 9007199254740992.0; }
static int rbelow(struct rng *r, int n) { return (int)(runit(r) * n); }
static int chance(struct rng *r, double p) { return runit(r) < p; }
static const char *pick(struct rng *r, const char *const *list, size_t n) { return list[rbelow(r, (int)n)]; }

static int poisson(struct rng *r, double lambda)
{
    double l = exp(-lambda), p = 1.0;
    int k = 0;
    do {
        k++;
        p *= runit(r);
    } while (p > l && k < 60);
    return k - 1;
}

static double normal(struct rng *r)
{
    double u = runit(r), v = runit(r);
    if (u < 1e-12)
        u = 1e-12;
    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

/* ---- the county's organisations -------------------------------------------- */

static int add_org(struct store *db, const struct actor *by, const char *code, const char *name,
                   const char *type, const char *locality_id, struct store_error *err)
{
    char id[STORE_ID_LEN];
    if (accounts_org_add(db, by, code, name, type, id, err) < 0)
        return -1;
    return locality_id ? localities_set_org(db, id, locality_id, err) : 0;
}

static int tie_team(struct store *db, const char *org_code, const char *team_code, const char *locality_id,
                    struct store_error *err)
{
    char org[STORE_ID_LEN], team[STORE_ID_LEN];
    if (accounts_org_id_by_code(db, org_code, org, err) < 0 || accounts_team_id_by_code(db, org, team_code, team, err) < 0)
        return -1;
    return localities_set_team(db, team, locality_id, err);
}

static int structure_locality(struct store *db, const struct actor *by, const struct demo_locality *l,
                              struct store_error *err)
{
    char loc[STORE_ID_LEN], rsg[STORE_ID_LEN];
    if (localities_add(db, by, l->code, l->name, loc, err) < 0)
        return -1;
    for (int i = 0; i < DEMO_PRACTICES_PER_LOCALITY; i++) {
        char code[16], name[96];
        snprintf(code, sizeof code, "%s%02d", l->practice_code_prefix, i + 1);
        if (!l->places[i]) {   /* Riverside Surgery from the base demo */
            if (accounts_org_id_by_code(db, "RSG", rsg, err) < 0 || localities_set_org(db, rsg, loc, err) < 0)
                return -1;
            continue;
        }
        snprintf(name, sizeof name, "%s %s", l->places[i], demo_practice_kinds[i % 4]);
        if (add_org(db, by, code, name, "gp_practice", loc, err) < 0)
            return -1;
    }
    if (tie_team(db, "SCC", l->ilt_team, loc, err) < 0 || tie_team(db, "SCHT", l->int_team, loc, err) < 0)
        return -1;
    return 0;
}

/* Where each route of the single referral point goes, and a trusted
 * assessor: the hospital discharge nurse for reablement. */
static int structure_routes(struct store *db, struct store_error *err)
{
    static const struct { const char *route, *org, *team; } county[] = {
        {"front_door", "SCC", "FRONT-DOOR"}, {"crisis_response", "SCHT", "CRS"},
        {"reablement", "SCHT", "HART"},      {"chc", "SICB", "CHC"},
    };
    char org[STORE_ID_LEN], team[STORE_ID_LEN], loc[STORE_ID_LEN], user[STORE_ID_LEN];
    for (size_t i = 0; i < sizeof county / sizeof county[0]; i++)
        if (accounts_org_id_by_code(db, county[i].org, org, err) < 0 ||
            accounts_team_id_by_code(db, org, county[i].team, team, err) < 0 ||
            referrals_route_add(db, county[i].route, NULL, team, err) < 0)
            return -1;
    for (int l = 0; l < DEMO_LOCALITIES; l++) {
        const struct demo_locality *d = &demo_localities[l];
        if (localities_id_by_code(db, d->code, loc, err) < 0 ||
            accounts_org_id_by_code(db, "SCC", org, err) < 0 ||
            accounts_team_id_by_code(db, org, d->ilt_team, team, err) < 0 ||
            referrals_route_add(db, "social_care_assessment", loc, team, err) < 0 ||
            accounts_org_id_by_code(db, "SCHT", org, err) < 0 ||
            accounts_team_id_by_code(db, org, d->int_team, team, err) < 0 ||
            referrals_route_add(db, "neighbourhood", loc, team, err) < 0)
            return -1;
    }
    if (accounts_org_id_by_code(db, "SCHT", org, err) < 0 || accounts_team_id_by_code(db, org, "HART", team, err) < 0 ||
        accounts_user_id_by_username(db, "idt.nurse", user, err) < 0)
        return -1;
    /* Through the service (in the caller's transaction), so it is audited. */
    struct arena arena;
    struct svc_ctx c;
    arena_init(&arena);
    svc_ctx_system(&c, db, &arena, "demo");
    int rc = svc_trusted_assessor_add(&c, team, user);
    if (rc != SVC_OK)
        snprintf(err->message, sizeof err->message, "trusted assessor: %s", svc_result_name(rc));
    arena_free(&arena);
    return rc == SVC_OK ? 0 : -1;
}

int demo_county_structure(struct store *db)
{
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {NULL, now};
    struct store_error err = {0};
    if (store_tx_begin(db, STORE_TX_WRITE, &err) < 0)
        return -1;
    for (int l = 0; l < DEMO_LOCALITIES; l++)
        if (structure_locality(db, &by, &demo_localities[l], &err) < 0)
            goto fail;
    for (size_t i = 0; i < demo_providers_n; i++)
        if (add_org(db, &by, demo_providers[i].code, demo_providers[i].name, "provider", NULL, &err) < 0)
            goto fail;
    if (structure_routes(db, &err) < 0)
        goto fail;
    return store_tx_commit(db, &err);
fail:
    fprintf(stderr, "seamless demo: %s\n", err.message);
    store_tx_rollback(db);
    return -1;
}

/* ---- people ------------------------------------------------------------------ */

struct county_ids {
    char practice[DEMO_LOCALITIES][DEMO_PRACTICES_PER_LOCALITY][STORE_ID_LEN];
    char ilt[DEMO_LOCALITIES][STORE_ID_LEN], intt[DEMO_LOCALITIES][STORE_ID_LEN];
    char council[STORE_ID_LEN], community[STORE_ID_LEN];
};

static int load_ids(struct store *db, struct county_ids *ids, struct store_error *err)
{
    if (accounts_org_id_by_code(db, "SCC", ids->council, err) < 0 ||
        accounts_org_id_by_code(db, "SCHT", ids->community, err) < 0)
        return -1;
    for (int l = 0; l < DEMO_LOCALITIES; l++) {
        const struct demo_locality *loc = &demo_localities[l];
        for (int i = 0; i < DEMO_PRACTICES_PER_LOCALITY; i++) {
            char code[16];
            snprintf(code, sizeof code, "%s%02d", loc->practice_code_prefix, i + 1);
            if (accounts_org_id_by_code(db, loc->places[i] ? code : "RSG", ids->practice[l][i], err) < 0)
                return -1;
        }
        if (accounts_team_id_by_code(db, ids->council, loc->ilt_team, ids->ilt[l], err) < 0 ||
            accounts_team_id_by_code(db, ids->community, loc->int_team, ids->intt[l], err) < 0)
            return -1;
    }
    return 0;
}

/* The k-th stem of a permutation (chosen by offset) of 999000000..999999999 (738457 is
 * coprime with 10^6), skipping stems whose check digit is 10. */
static int next_nhs_number(long long *k, long long offset, char out[NHS_NUMBER_DIGITS])
{
    while (*k < 1000000) {
        long long stem = 999000000LL + (*k * 738457LL + offset) % 1000000LL;
        (*k)++;
        char digits[10];
        snprintf(digits, sizeof digits, "%09lld", stem);
        int check = nhs_number_check_digit(digits);
        if (check >= 0 && check < 10) {
            memcpy(out, digits, 9);
            out[9] = (char)('0' + check);
            out[10] = '\0';
            return 1;
        }
    }
    return 0;
}

static int sample_age(struct rng *r)
{
    int total = 0;
    for (int i = 0; i < DEMO_AGE_BANDS; i++)
        total += demo_age_permille[i];
    int x = rbelow(r, total), band = 0;
    while (band < DEMO_AGE_BANDS - 1 && x >= demo_age_permille[band])
        x -= demo_age_permille[band++];
    /* 90+: few reach 100 */
    return band * 5 + (band == DEMO_AGE_BANDS - 1 ? rbelow(r, 1 + rbelow(r, 12)) : rbelow(r, 5));
}

static void date_back(int years, int days, char out[DATE_STR_SIZE])
{
    struct date d = REFERENCE_DAY;
    d.year -= years;
    date_format(date_from_days(date_to_days(d) - days), out);
}

static double ltc_mean(int age)
{
    return age < 18 ? 0.05 : age < 40 ? 0.3 : age < 60 ? 0.8 : age < 75 ? 1.8 : age < 85 ? 3.0 : 4.0;
}

/* Up to n distinct eFI deficit codes, comma-separated, in table order. */
static int efi_list(struct rng *r, int n, char *out, size_t size)
{
    int chosen[EFI_DEFICITS] = {0};
    if (n > EFI_DEFICITS)
        n = EFI_DEFICITS;
    for (int k = 0; k < n;) {
        int i = rbelow(r, EFI_DEFICITS);
        if (!chosen[i]) {
            chosen[i] = 1;
            k++;
        }
    }
    size_t len = 0;
    out[0] = '\0';
    for (int i = 0; i < EFI_DEFICITS; i++)
        if (chosen[i])
            len += (size_t)snprintf(out + len, size - len, "%s%s", len ? "," : "", efi_deficits[i].code);
    return n;
}

static void upper(const char *in, char *out, size_t n)
{
    size_t i = 0;
    for (; in[i] && i + 1 < n; i++)
        out[i] = (char)toupper((unsigned char)in[i]);
    out[i] = '\0';
}

struct person_gen {
    int locality, age, ltc, efi;
    long long cost;
    json_t *row;
};

static void gen_person(struct rng *r, const struct county_ids *ids, long long *nhs_k, long long nhs_offset,
                       struct person_gen *g)
{
    int x = rbelow(r, 1000), l = 0;
    while (l < DEMO_LOCALITIES - 1 && x >= demo_localities[l].share_permille)
        x -= demo_localities[l++].share_permille;
    const struct demo_locality *loc = &demo_localities[l];
    int female = chance(r, 0.51);
    const char *given = female ? pick(r, demo_female_names, demo_female_names_n)
                               : pick(r, demo_male_names, demo_male_names_n);
    const char *family = pick(r, demo_family_names, demo_family_names_n);
    int age = sample_age(r), d = rbelow(r, 6);
    char dob[DATE_STR_SIZE], nhs[NHS_NUMBER_DIGITS], postcode[16], addr[96], fkey[64], gkey[64], efi[400];
    date_back(age, rbelow(r, 365), dob);
    static const char inward[] = "ABDEFGHJLNPQRSTUWXYZ";
    snprintf(postcode, sizeof postcode, "%s %d%c%c", loc->districts[d], rbelow(r, 10), inward[rbelow(r, 20)],
             inward[rbelow(r, 20)]);
    snprintf(addr, sizeof addr, "%d %s %s", 1 + rbelow(r, 180), pick(r, demo_streets, demo_streets_n),
             pick(r, demo_street_kinds, demo_street_kinds_n));
    int ltc = poisson(r, ltc_mean(age));
    int nefi = age >= 65 ? efi_list(r, poisson(r, age < 75 ? 3.0 : age < 85 ? 6.0 : 9.0), efi, sizeof efi) : 0;
    if (!nefi)
        efi[0] = '\0';
    double agef = age < 18 ? 0.6 : age < 40 ? 0.7 : age < 65 ? 1.0 : age < 75 ? 1.8 : age < 85 ? 2.8 : 3.5;
    long long cost = (long long)(8000.0 * (1.0 + 0.9 * ltc) * agef * exp(0.9 * normal(r)));
    upper(family, fkey, sizeof fkey);
    upper(given, gkey, sizeof gkey);
    int has_nhs = next_nhs_number(nhs_k, nhs_offset, nhs);
    int english = chance(r, 0.9);
    static const char *const langs[] = {"Gujarati", "Punjabi", "Polish", "Urdu", "Somali", "Bengali"};
    char phone[24];
    snprintf(phone, sizeof phone, "07700 900%03d", rbelow(r, 1000));
    json_t *row = json_object();
    json_object_set_new(row, "nhs_number", has_nhs ? json_string(nhs) : json_null());
    /* The synthetic county stands for a load traced against PDS: most
     * numbers verified (01), some never traced (02), none: trace required. */
    json_object_set_new(row, "nhs_number_status", json_string(!has_nhs ? "03" : chance(r, 0.95) ? "01" : "02"));
    json_object_set_new(row, "family_name", json_string(family));
    json_object_set_new(row, "given_name", json_string(given));
    json_object_set_new(row, "family_name_key", json_string(fkey));
    json_object_set_new(row, "given_name_key", json_string(gkey));
    json_object_set_new(row, "date_of_birth", json_string(dob));
    json_object_set_new(row, "sex", json_string(chance(r, 0.002) ? "unknown" : female ? "female" : "male"));
    json_object_set_new(row, "postcode", json_string(postcode));
    json_object_set_new(row, "address_line1", json_string(addr));
    json_object_set_new(row, "town", json_string(loc->towns[d]));
    json_object_set_new(row, "gp_practice_id", json_string(ids->practice[l][rbelow(r, DEMO_PRACTICES_PER_LOCALITY)]));
    json_object_set_new(row, "registered_org_id", json_incref(json_object_get(row, "gp_practice_id")));
    json_object_set_new(row, "phone", json_string(phone));
    json_object_set_new(row, "main_language", json_string(english ? "English" : pick(r, langs, 6)));
    json_object_set_new(row, "interpreter_needed", json_boolean(!english && chance(r, 0.3)));
    json_object_set_new(row, "objects_to_sharing", json_boolean(chance(r, 0.005)));
    json_object_set_new(row, "alert_safeguarding", json_boolean(chance(r, 0.003)));
    json_object_set_new(row, "alert_risk_to_staff", json_boolean(chance(r, 0.002)));
    json_object_set_new(row, "ltc_count", json_integer(ltc));
    json_object_set_new(row, "efi_deficits", json_string(efi));
    json_object_set_new(row, "predicted_cost_pence", json_integer(cost));
    json_object_set_new(row, "efi_count", json_integer(nefi));
    json_object_set_new(row, "frailty_flag", json_boolean(nefi >= 9 && chance(r, 0.5)));
    *g = (struct person_gen){l, age, ltc, nefi, cost, row};
}

/* Adults with complex needs are more often known to the locality teams. */
static int gen_caseloads(struct store *db, struct rng *r, const struct county_ids *ids, const struct actor *by,
                         const char *pid, const struct person_gen *g, long long *count, struct store_error *err)
{
    int complex = g->ltc >= 5 || g->efi >= 9;
    double p_ilt = g->age < 18 ? 0.0 : complex ? 0.20 : g->age >= 65 ? 0.01 : 0.002;
    double p_int = g->age < 18 ? 0.0 : complex ? 0.25 : g->age >= 65 ? 0.01 : 0.0;
    struct { double p; const char *team, *org; } c[] = {
        {p_ilt, ids->ilt[g->locality], ids->council}, {p_int, ids->intt[g->locality], ids->community}};
    for (int i = 0; i < 2; i++) {
        if (!chance(r, c[i].p))
            continue;
        char opened[DATE_STR_SIZE];
        date_back(0, rbelow(r, 700), opened);
        if (persons_caseload_open(db, by, pid, c[i].team, opened, "Synthetic county", err) < 0 ||
            persons_org_holds(db, pid, c[i].org, by->now, err) < 0)
            return -1;
        (*count)++;
    }
    return 0;
}

int demo_county_persons(struct store *db, long long n, uint64_t seed, struct county_stats *st)
{
    struct county_ids ids;
    struct store_error err = {0};
    struct rng r = {seed};
    char now[STORE_TIME_LEN], pid[STORE_ID_LEN];
    store_now(now);
    struct actor by = {NULL, now};
    long long nhs_k = 0;
    memset(st, 0, sizeof *st);
    if (load_ids(db, &ids, &err) < 0)
        goto out;
    for (long long i = 0; i < n; i++) {
        if (i % BATCH == 0 && store_tx_begin(db, STORE_TX_WRITE, &err) < 0)
            goto out;
        struct person_gen g;
        gen_person(&r, &ids, &nhs_k, (long long)(seed % 1000000u), &g);
        int rc = persons_insert(db, &by, g.row, pid, &err);
        if (rc == 0)
            rc = persons_org_holds(db, pid, json_string_value(json_object_get(g.row, "gp_practice_id")), now, &err);
        st->with_nhs_number += !json_is_null(json_object_get(g.row, "nhs_number"));
        json_decref(g.row);
        if (rc < 0 || gen_caseloads(db, &r, &ids, &by, pid, &g, &st->caseloads, &err) < 0)
            goto fail;
        st->persons++;
        st->ltc5 += g.ltc >= 5;
        st->efi_moderate_plus += g.efi >= 9;
        st->cost_total_pence += g.cost;
        if ((i + 1) % BATCH == 0 || i + 1 == n)
            if (store_tx_commit(db, &err) < 0)
                goto fail;
    }
    return 0;
fail:
    store_tx_rollback(db);
out:
    fprintf(stderr, "seamless demo: could not add synthetic people: %s\n", err.message);
    return -1;
}
