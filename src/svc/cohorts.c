/* Case-finding cohorts (domain.md §4) for the teams of a locality, and the
 * feed that keeps a person's case-finding data current (svc/cohorts.h). */
#include "svc/cohorts.h"
#include "domain/cohort.h"
#include "domain/efi.h"
#include "store/cohort_members.h"
#include "store/cohorts.h"
#include "store/localities.h"
#include "svc/access.h"
#include "util/buf.h"
#include "util/clock.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct { const char *name, *label; enum cohort_kind kind; int flag; } KINDS[] = {
    {"ltc5", "Five or more long-term conditions", COHORT_KIND_LTC5, COHORT_LTC5},
    {"high_cost", "Predicted acute cost at least 3 × the average", COHORT_KIND_HIGH_COST, COHORT_HIGH_COST},
    {"frailty", "Moderate or severe frailty (eFI) or a frailty flag", COHORT_KIND_FRAILTY, COHORT_FRAILTY},
};

static int kind_index(const char *name)
{
    for (int i = 0; i < 3; i++)
        if (name && strcmp(name, KINDS[i].name) == 0)
            return i;
    return -1;
}

/* Why each person is on the list, from the domain rule. */
static void add_reasons(json_t *items, int k, long long average)
{
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        struct efi_result efi = {0};
        efi.category = efi_category_for_count((int)json_integer_value(json_object_get(it, "efi_count")));
        struct cohort_input in = {(int)json_integer_value(json_object_get(it, "ltc_count")),
                                  json_integer_value(json_object_get(it, "predicted_cost_pence")), average,
                                  efi.category, json_integer_value(json_object_get(it, "frailty_flag")) != 0};
        char why[160];
        cohort_reason(&in, KINDS[k].flag, why, sizeof why);
        json_object_set_new(it, "reason", json_string(why));
        json_object_set_new(it, "frailty_flag", json_boolean(in.frailty_flag));
    }
}

/* The list key of the page's last row as the cursor of the next page (NULL
 * when it does not fit, which cohort_cursor_format refuses only for keys
 * longer than any family name), then the key columns are dropped. */
static const char *next_cursor(struct svc_ctx *c, json_t *items, int more)
{
    const char *next = NULL;
    json_t *last = json_array_get(items, json_array_size(items) - 1);
    if (more && last) {
        struct cohort_key k = {json_integer_value(json_object_get(last, "rank_key")),
                               json_string_value(json_object_get(last, "name_key")),
                               json_string_value(json_object_get(last, "id"))};
        char buf[640];
        if (cohort_cursor_format(&k, buf, sizeof buf) == 0)
            next = arena_strdup(c->arena, buf);
    }
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        json_object_del(it, "rank_key");
        json_object_del(it, "name_key");
    }
    return next;
}

int svc_cohort_page(struct svc_ctx *c, const char *locality_code, const char *kind, int page, const char *after,
                    int limit, json_t **out)
{
    char loc[STORE_ID_LEN], today[DATE_STR_SIZE], adult[DATE_STR_SIZE], names[320], ids[STORE_ID_LEN];
    int k = kind_index(kind);
    struct cohort_key key;
    *out = NULL;
    if (after && cohort_cursor_parse(after, &key, names, sizeof names, ids, sizeof ids) != 0) {
        svc_field_error(c, "after", "is not a cursor of this list: use the \"next\" of the page before");
        return SVC_INVALID;
    }
    if (k < 0 || localities_id_by_code(c->db, locality_code, loc, &c->err) != 0)
        return svc_refuse(c, SVC_NOTFOUND, NULL, "No such locality or cohort (cohorts: ltc5, high_cost, frailty).");
    if (!c->user_id || cohorts_user_in_locality(c->db, c->user_id, loc, &c->err) != 0)
        return svc_refuse(c, SVC_NOT_IN_LOCALITY, NULL,
                          "Cohort lists are for the teams of the locality whose population they cover.");
    int64_t average = 0;
    long long count = 0;
    /* The population average the lists reflect, in whole pence (rounded
     * down); with no average nobody is 3 × it (domain/cohort.h). */
    if (cohorts_average(c->db, &average, &c->err) < 0)
        return svc_failed(c, "cohort population");
    date_format(svc_today(c), today);
    /* born on or before this day 18 years ago (as text; 29 Feb compares fine) */
    char year[8];
    snprintf(year, sizeof year, "%04d", (svc_today(c).year - 18) % 10000);
    memcpy(adult, today, sizeof adult);
    memcpy(adult, year, 4);
    struct cohort_query q = {KINDS[k].kind, loc, KINDS[k].kind == COHORT_KIND_FRAILTY ? "9999-12-31" : adult,
                             after ? &key : NULL, limit + 1, after ? 0 : (page - 1) * limit};
    json_t *items = NULL;
    if (cohorts_count(c->db, &q, &count, &c->err) < 0 || !(items = svc_own(c, cohorts_list(c->db, &q, &c->err))))
        return svc_failed(c, "cohort list");
    int more = json_array_size(items) > (size_t)limit;
    if (more)
        json_array_remove(items, (size_t)limit);
    const char *next = next_cursor(c, items, more);
    add_reasons(items, k, average);
    int rc = svc_audit_read_items(c, "cohort", items, "id", "identify");
    if (rc != SVC_OK)
        return rc;
    *out = svc_own(c, json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:O}", "locality", locality_code, "cohort",
                                KINDS[k].name, "label", KINDS[k].label, "total", (json_int_t)count,
                                "pages", (json_int_t)((count + limit - 1) / limit), "average_cost_pence",
                                (json_int_t)average, "items", items));
    if (!after)
        json_object_set_new(*out, "page", json_integer(page));
    if (next)
        json_object_set_new(*out, "next", json_string(next));
    return SVC_OK;
}

int svc_my_localities(struct svc_ctx *c, json_t **items)
{
    *items = svc_own(c, c->user_id ? localities_for_user(c->db, c->user_id, &c->err) : json_array());
    return *items ? SVC_OK : svc_failed(c, "localities");
}

int svc_localities(struct svc_ctx *c, json_t **out)
{
    json_t *rows = localities_list(c->db, &c->err);
    if (!rows)
        return svc_failed(c, "localities");
    *out = svc_own(c, json_pack("{s:o}", "items", rows));
    return SVC_OK;
}

static int int_field(json_t *body, const char *key, long long max, long long *out, json_t *errors)
{
    json_t *v = json_object_get(body, key);
    if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > max) {
        char msg[80];
        snprintf(msg, sizeof msg, "is required: a whole number from 0 to %lld", max);
        svc_error_add(errors, key, msg);
        return -1;
    }
    *out = json_integer_value(v);
    return 0;
}

/* The eFI deficit codes of in, joined with commas into the arena; the
 * score into *efi. NULL when absent (an empty list). */
static const char *efi_codes(struct svc_ctx *c, json_t *in, struct efi_result *efi, json_t *errors)
{
    json_t *list = json_object_get(in, "efi_deficits");
    const char *codes[EFI_DEFICITS + 1];
    size_t n = json_array_size(list), i;
    if (list && (!json_is_array(list) || n > EFI_DEFICITS)) {
        svc_error_add(errors, "efi_deficits", "must be a list of at most 36 eFI deficit codes");
        return "";
    }
    struct buf joined;
    buf_init(&joined, 0);
    for (i = 0; i < n; i++) {
        codes[i] = json_string_value(json_array_get(list, i));
        buf_printf(&joined, "%s%s", i ? "," : "", codes[i] ? codes[i] : "");
    }
    struct domain_error de;
    if (efi_score(codes, n, efi, &de) < 0)
        svc_error_add(errors, arena_printf(c->arena, "efi_%s", de.field), de.message);
    const char *out = arena_strdup(c->arena, buf_str(&joined));
    buf_free(&joined);
    return out;
}

int svc_case_finding_put(struct svc_ctx *c, const char *person_id, json_t *in, json_t **out)
{
    enum access_decision d;
    const char *basis;
    int rc = svc_person_access(c, person_id, &d, &basis);
    if (rc != SVC_OK)
        return rc;
    json_t *errors = svc_errors(c), *flag = json_object_get(in, "frailty_flag");
    long long ltc = 0, cost = 0;
    int_field(in, "ltc_count", 100, &ltc, errors);
    int_field(in, "predicted_cost_pence", 100000000000LL, &cost, errors);
    struct efi_result efi = {0};
    const char *joined = efi_codes(c, in, &efi, errors);
    if (flag && !json_is_boolean(flag))
        svc_error_add(errors, "frailty_flag", "must be true or false");
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct actor by = svc_actor(c);
    struct case_finding cf = {(int)ltc, efi.count, json_is_true(flag), joined, cost};
    rc = svc_tx_begin(c);
    if (rc == 0)
        rc = cohorts_set_case_finding(c->db, &by, person_id, &cf, &c->err);
    if (rc == 0)
        rc = svc_tx_audit(c, "update", "case_finding", person_id, person_id, basis);
    rc = svc_tx_end(c, rc);
    if (rc == SVC_OK)
        *out = svc_own(c, json_pack("{s:s, s:i, s:s, s:i, s:s, s:b, s:I}", "person_id", person_id, "ltc_count",
                                    (int)ltc, "efi_deficits", joined, "efi_count", efi.count, "efi_category",
                                    efi_category_name(efi.category), "frailty_flag", cf.frailty_flag,
                                    "predicted_cost_pence", (json_int_t)cost));
    return rc;
}
