/* svc/discharge: wards, the IDT board and one stay's reviews, DRD, pathway,
 * delay reasons and next action (svc/discharge.h). */
#include "svc/discharge.h"
#include "svc/discharge_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "domain/discharge.h"
#include "domain/nhs_number.h"
#include "store/accounts.h"
#include "store/discharge.h"
#include "store/persons.h"
#include "svc/access.h"

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static int has(const char *s) { return s && *s; }

/* ---- wards ---- */

/* The trust with this code: SVC_NOTFOUND, or SVC_INVALID naming field when
 * it is not a hospital trust. */
static int trust_by_code(struct svc_ctx *c, const char *code, const char *field, char *org_id)
{
    char type[32];
    int rc = accounts_org_id_by_code(c->db, code, org_id, &c->err);
    if (rc == 0)
        rc = accounts_org_type(c->db, org_id, type, &c->err);
    if (rc == STORE_ENOTFOUND) {
        svc_field_error(c, field, "is not a known organisation code");
        return SVC_INVALID;
    }
    if (rc < 0)
        return svc_failed(c, "trust lookup");
    if (strcmp(type, "acute_trust") != 0 && strcmp(type, "community_trust") != 0) {
        svc_field_error(c, field, "must be an acute or community trust");
        return SVC_INVALID;
    }
    return SVC_OK;
}

int svc_discharge_wards(struct svc_ctx *c, const char *trust_code, json_t **out)
{
    char org[STORE_ID_LEN];
    if (has(trust_code)) {
        int rc = trust_by_code(c, trust_code, "hospital", org);
        if (rc != SVC_OK)
            return rc;
    }
    *out = svc_own(c, discharge_wards_list(c->db, has(trust_code) ? org : NULL, &c->err));
    if (!*out)
        return svc_failed(c, "wards");
    size_t i;
    json_t *w;
    json_array_foreach(*out, i, w) {
        const char *k = str(w, "kind");
        json_object_set_new(w, "kind_label", json_string(strcmp(k, "community") == 0       ? "Community hospital"
                                                         : strcmp(k, "mental_health") == 0 ? "Mental health"
                                                                                            : "Acute"));
    }
    return SVC_OK;
}

static int team_in_org(struct svc_ctx *c, const char *code, const char *field, char *id)
{
    if (!has(code))
        return 0;
    int rc = accounts_team_id_by_code(c->db, c->org_id, code, id, &c->err);
    if (rc == STORE_ENOTFOUND) {
        svc_field_error(c, field, "is not a team of your organisation");
        return 1;
    }
    return rc < 0 ? -1 : 1;
}

int svc_discharge_ward_add(struct svc_ctx *c, const struct ward_input *in, char *id)
{
    if ((c->user_id && !svc_role_is(c, "org_admin")) || !c->org_id ||
        (c->org_type && strcmp(c->org_type, "acute_trust") != 0 && strcmp(c->org_type, "community_trust") != 0))
        return svc_refuse(c, SVC_FORBIDDEN, NULL, "Only a hospital trust's organisation admin can set up wards.");
    if (!has(in->code) || strlen(in->code) > 32)
        svc_field_error(c, "code", "is required (at most 32 characters, as the hospital system sends it)");
    if (!has(in->name) || strlen(in->name) > 120)
        svc_field_error(c, "name", "is required (at most 120 characters)");
    const char *kind = has(in->kind) ? in->kind : "acute";
    if (strcmp(kind, "acute") != 0 && strcmp(kind, "community") != 0 && strcmp(kind, "mental_health") != 0)
        svc_field_error(c, "kind", "must be acute, community or mental_health");
    char team[STORE_ID_LEN] = "", idt[STORE_ID_LEN] = "";
    int t1 = team_in_org(c, in->team_code, "team_code", team);
    int t2 = team_in_org(c, in->idt_team_code, "idt_team_code", idt);
    if (t1 < 0 || t2 < 0)
        return svc_failed(c, "ward teams");
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct actor by = {c->user_id, svc_now(c)};
    struct ward_row w = {c->org_id, in->code, in->name, in->site, kind, team[0] ? team : NULL, idt[0] ? idt : NULL};
    int rc = svc_tx_begin(c);
    if (rc == 0)
        rc = discharge_ward_add(c->db, &by, &w, id, &c->err);
    if (rc == 0)
        rc = svc_tx_audit(c, "create", "hospital_ward", id, NULL, "admin");
    rc = svc_tx_end(c, rc);
    if (rc == SVC_CONFLICT)
        return svc_refuse(c, SVC_CONFLICT, "That ward code is already set up", NULL);
    return rc;
}

int svc_discharge_reasons(struct svc_ctx *c, json_t **out)
{
    *out = svc_own(c, discharge_reasons_list(c->db, &c->err));
    if (!*out)
        return svc_failed(c, "delay reasons");
    size_t i;
    json_t *r;
    json_array_foreach(*out, i, r) {
        enum discharge_sector s = DISCHARGE_SECTOR_BOTH;
        if (discharge_sector_parse(str(r, "sector"), "sector", &s, NULL) < 0)
            s = DISCHARGE_SECTOR_BOTH;
        json_object_set_new(r, "category_label", json_string(discharge_category_label(str(r, "category"))));
        json_object_set_new(r, "sector_label", json_string(discharge_sector_label(s)));
    }
    return SVC_OK;
}

/* ---- shared ---- */

static struct date parse_date(const char *s)
{
    return date_parse_or(s, (struct date){1970, 1, 1});
}

/* Person words for pages and CSV: "Ann Smith", "943 476 5919". */
static void add_person_words(json_t *row)
{
    json_object_set_new(row, "person_name", json_sprintf("%s %s", str(row, "given_name") ? str(row, "given_name") : "",
                                                         str(row, "family_name") ? str(row, "family_name") : ""));
    const char *nhs = str(row, "nhs_number");
    if (nhs && strlen(nhs) == 10) {
        char f[NHS_NUMBER_FORMATTED];
        nhs_number_format(nhs, f);
        json_object_set_new(row, "nhs_number_formatted", json_string(f));
    }
}

/* Days delayed so far and the words for codes. */
static void add_stay_words(json_t *row, struct date today)
{
    json_t *pw = json_object_get(row, "pathway");
    json_object_set_new(row, "pathway_label",
                        json_is_integer(pw) ? json_string(discharge_pathway_label((int)json_integer_value(pw)))
                                            : json_string("Not decided"));
    const char *sector = str(row, "delay_sector");
    enum discharge_sector s;
    json_object_set_new(row, "delay_sector_label",
                        sector && discharge_sector_parse(sector, "sector", &s, NULL) == 0
                            ? json_string(discharge_sector_label(s)) : json_string(""));
    if (str(row, "delay_category"))
        json_object_set_new(row, "delay_category_label", json_string(discharge_category_label(str(row, "delay_category"))));
    const char *ready = str(row, "ready_on");
    if (ready) {
        struct date dis, *dp = NULL;
        if (str(row, "discharged_on")) {
            dis = parse_date(str(row, "discharged_on"));
            dp = &dis;
        }
        int32_t days = 0;
        discharge_delay_days(parse_date(ready), dp, today, &days, NULL);
        json_object_set_new(row, "days_delayed", json_integer(days));
    }
}

/* ---- the board ---- */

int discharge_hospital_org(struct svc_ctx *c, const char *hospital, char org[STORE_ID_LEN])
{
    if (has(hospital))
        return trust_by_code(c, hospital, "hospital", org);
    if (c->org_type && (strcmp(c->org_type, "acute_trust") == 0 || strcmp(c->org_type, "community_trust") == 0)) {
        snprintf(org, STORE_ID_LEN, "%s", c->org_id);
        return SVC_OK;
    }
    svc_field_error(c, "hospital", "choose a hospital");
    return SVC_INVALID;
}

/* The board's filters checked (field errors into c) and its cursor
 * ("<ready_on>_<id>") read into after_ready and after_id. */
static void board_filter_check(struct svc_ctx *c, const struct board_filter *f, char after_ready[DATE_STR_SIZE],
                               char after_id[STORE_ID_LEN])
{
    if (has(f->pathway) && (strlen(f->pathway) != 1 || f->pathway[0] < '0' || f->pathway[0] > '3'))
        svc_field_error(c, "pathway", "must be 0, 1, 2 or 3");
    enum discharge_sector sec;
    if (has(f->sector) && discharge_sector_parse(f->sector, "sector", &sec, NULL) != 0)
        svc_field_error(c, "sector", "must be nhs, social_care or both");
    if (has(f->cursor)) {
        const char *bar = strchr(f->cursor, '_');
        if (!bar || bar - f->cursor != 10 || strlen(bar + 1) >= STORE_ID_LEN)
            svc_field_error(c, "cursor", "is not a cursor from this list");
        else {
            memcpy(after_ready, f->cursor, 10);
            snprintf(after_id, STORE_ID_LEN, "%s", bar + 1);
        }
    }
    if (f->limit < 1 || f->limit > 5000)
        svc_field_error(c, "limit", "must be 1 to 5000");
}

int svc_discharge_board(struct svc_ctx *c, const struct board_filter *f, json_t **out)
{
    char org[STORE_ID_LEN], after_ready[DATE_STR_SIZE] = "", after_id[STORE_ID_LEN] = "";
    int rc = discharge_hospital_org(c, f->hospital, org);
    if (rc != SVC_OK)
        return rc;
    board_filter_check(c, f, after_ready, after_id);
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct board_query q = {org, c->user_id ? c->user_id : "", f->ward, f->pathway, f->sector, after_ready,
                            after_id, f->limit, f->everyone};
    json_t *items = svc_own(c, discharge_board(c->db, &q, &c->err));
    if (!items)
        return svc_failed(c, "board");
    struct date today = svc_today(c);
    size_t i;
    json_t *row;
    json_array_foreach(items, i, row) {
        add_person_words(row);
        add_stay_words(row, today);
        if (str(row, "transfer_kind")) {
            json_object_set_new(row, "transfer_label", json_string(discharge_transfer_label(str(row, "transfer_kind"))));
            json_object_set_new(row, "transfer_status_label",
                                json_string(discharge_transfer_status_label(str(row, "transfer_status"))));
        }
    }
    rc = svc_audit_read_items(c, "hospital_stay", items, "person_id", "relationship");
    if (rc != SVC_OK)
        return rc;
    json_t *last = json_array_get(items, json_array_size(items) - 1);
    char today_s[DATE_STR_SIZE];
    date_format(today, today_s);
    *out = svc_own(c, json_pack("{s:s, s:O, s:s?}", "today", today_s, "items", items, "next_cursor",
                                (int)json_array_size(items) == f->limit && last
                                    ? arena_printf(c->arena, "%s_%s", str(last, "ready_on") ? str(last, "ready_on")
                                                   : "9999-12-31", str(last, "id"))
                                    : NULL));
    json_object_set_new(*out, "hospital", json_pack("{s:s}", "id", org));
    return SVC_OK;
}

/* ---- one stay ---- */

int discharge_load_stay(struct svc_ctx *c, const char *id, json_t **stay)
{
    *stay = svc_own(c, discharge_stay_get(c->db, id ? id : "", &c->err));
    return svc_record_access(c, *stay, c->err.code, "hospital stay");
}

/* Delay days split by the reasons in force, with each part's sector, and
 * the totals by sector (they add up to days_delayed). */
static void add_delay_split(struct svc_ctx *c, json_t *stay, json_t *reasons)
{
    const char *ready = str(stay, "ready_on");
    size_t n = json_array_size(reasons);
    if (!ready)
        return;
    struct date *from = arena_alloc(c->arena, (n + 1) * sizeof *from);
    int32_t *days = arena_alloc(c->arena, (n + 1) * sizeof *days), unrec = 0;
    for (size_t i = 0; i < n; i++)
        from[i] = parse_date(str(json_array_get(reasons, i), "from_on"));
    struct date dis, *dp = NULL;
    if (str(stay, "discharged_on")) {
        dis = parse_date(str(stay, "discharged_on"));
        dp = &dis;
    }
    if (discharge_delay_split(parse_date(ready), dp, svc_today(c), from, n, days, &unrec, NULL) != 0)
        return;
    json_t *by_sector = json_pack("{s:i, s:i, s:i, s:i}", "nhs", 0, "social_care", 0, "both", 0, "not_recorded",
                                  (json_int_t)unrec);
    for (size_t i = 0; i < n; i++) {
        json_t *r = json_array_get(reasons, i);
        json_object_set_new(r, "days", json_integer(days[i]));
        const char *s = str(r, "sector");
        json_object_set_new(by_sector, s, json_integer(json_integer_value(json_object_get(by_sector, s)) + days[i]));
    }
    json_object_set_new(stay, "delay_days_by_sector", by_sector);
}

int svc_discharge_stay(struct svc_ctx *c, const char *id, json_t **out)
{
    json_t *stay;
    int rc = discharge_load_stay(c, id, &stay);
    if (rc != SVC_OK)
        return rc;
    json_t *p = svc_own(c, persons_get(c->db, str(stay, "person_id"), &c->err));
    json_t *reviews = discharge_reviews_list(c->db, id, &c->err);
    json_t *changes = discharge_changes_list(c->db, id, &c->err);
    json_t *reasons = discharge_delay_reasons_of(c->db, id, &c->err);
    json_t *transfers = discharge_transfers_of_stay(c->db, id, &c->err);
    size_t i;
    json_t *t;
    json_array_foreach(transfers, i, t) {
        json_object_set_new(t, "kind_label", json_string(discharge_transfer_label(str(t, "kind"))));
        json_object_set_new(t, "status_label", json_string(discharge_transfer_status_label(str(t, "status"))));
        json_object_set_new(t, "trusted_assessment",
                            json_boolean(str(t, "reassessment") &&
                                         strcmp(str(t, "reassessment"), "skipped_trusted_assessor") == 0));
    }
    json_object_set_new(stay, "transfers", transfers ? transfers : json_array());
    json_object_set_new(stay, "reviews", reviews);
    json_object_set_new(stay, "changes", changes);
    json_object_set_new(stay, "delay_reasons", reasons);
    if (!p || !reviews || !changes || !reasons || !transfers)
        return svc_failed(c, "stay read");
    json_t *person = json_pack("{s:s, s:O, s:O, s:O, s:O}", "id", str(p, "id"), "given_name",
                               json_object_get(p, "given_name"), "family_name", json_object_get(p, "family_name"),
                               "nhs_number", json_object_get(p, "nhs_number"), "date_of_birth",
                               json_object_get(p, "date_of_birth"));
    add_person_words(person);
    json_object_set_new(stay, "person", person);
    add_stay_words(stay, svc_today(c));
    add_delay_split(c, stay, reasons);
    rc = svc_audit_read(c, "hospital_stay", id, str(stay, "person_id"), str(stay, "basis"));
    if (rc != SVC_OK)
        return rc;
    *out = stay;
    return SVC_OK;
}

/* An open stay the caller may change; SVC_INVALID when it is closed. */
static int open_stay(struct svc_ctx *c, const char *id, json_t **stay)
{
    int rc = discharge_load_stay(c, id, stay);
    if (rc != SVC_OK)
        return rc;
    if (strcmp(str(*stay, "status"), "admitted") != 0)
        return svc_refuse(c, SVC_CONFLICT, "The stay has ended", "The person is no longer in hospital.");
    return SVC_OK;
}

int discharge_date_arg(struct svc_ctx *c, const char *s, const char *field, int required, struct date *d)
{
    struct domain_error e;
    if (!has(s)) {
        if (required)
            svc_field_error(c, field, "is required");
        return !required;
    }
    if (date_parse(s, field, d, &e) != 0) {
        svc_field_error(c, field, "must be a real date");
        return 0;
    }
    return 1;
}

/* The domain's verdict on the stay's dates, as a field error. */
static void stay_dates(struct svc_ctx *c, json_t *stay, const struct date *drd, const struct date *dis)
{
    struct domain_error e;
    if (discharge_stay_check(parse_date(str(stay, "admitted_on")), drd, dis, svc_today(c), &e) != 0)
        svc_field_error(c, e.field, e.message);
}

/* Ends a stay write begun by the caller: the stay's audit entry (with the
 * caller's access basis) in the same transaction, then commit or roll back. */
static int stay_write(struct svc_ctx *c, json_t *stay, int rc)
{
    if (rc == 0)
        rc = svc_tx_audit(c, "update", "hospital_stay", str(stay, "id"), str(stay, "person_id"), str(stay, "basis"));
    return svc_tx_end(c, rc);
}

int svc_discharge_review(struct svc_ctx *c, const char *stay_id, const char *on, int meets, const char *note)
{
    json_t *stay;
    int rc = open_stay(c, stay_id, &stay);
    if (rc != SVC_OK)
        return rc;
    struct date d;
    if (discharge_date_arg(c, on, "reviewed_on", 1, &d) && has(on)) {
        struct domain_error e;
        if (discharge_stay_check(parse_date(str(stay, "admitted_on")), &d, NULL, svc_today(c), &e) != 0)
            svc_field_error(c, "reviewed_on", "must be between the admission and today");
    }
    if (meets != 0 && meets != 1)
        svc_field_error(c, "meets_criteria", "must be yes or no");
    if (note && strlen(note) > 2000)
        svc_field_error(c, "note", "must be at most 2000 characters");
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct actor by = {c->user_id, svc_now(c)};
    const char *person = str(stay, "person_id");
    if ((rc = svc_tx_begin(c)) != 0)
        return rc;
    rc = discharge_review_add(c->db, &by, stay_id, person, on, meets, note, &c->err);
    json_t *rows = rc == 0 ? svc_own(c, discharge_reviews_list(c->db, stay_id, &c->err)) : NULL;
    if (rc == 0 && !rows)
        rc = -1;
    if (rc == 0) {
        size_t n = json_array_size(rows), i;
        struct discharge_review *r = arena_alloc(c->arena, (n + 1) * sizeof *r);
        json_t *row;
        json_array_foreach(rows, i, row)
            r[i] = (struct discharge_review){parse_date(str(row, "reviewed_on")),
                                             (int)json_integer_value(json_object_get(row, "meets"))};
        struct date drd;
        int have = 0;
        discharge_ready_date(r, n, &drd, &have, NULL);
        const char *old = str(stay, "ready_on");
        char computed[DATE_STR_SIZE] = "";
        if (have)
            date_format(drd, computed);
        /* A corrected DRD stands until a new run of "does not meet" starts. */
        const char *next = !have ? NULL : (!old || strcmp(computed, old) > 0) ? computed : old;
        const struct discharge_review *latest = &r[n - 1];
        char latest_on[DATE_STR_SIZE];
        date_format(latest->on, latest_on);
        rc = discharge_stay_set_review(c->db, &by, stay_id, latest->meets, latest_on, next, &c->err);
        if (rc == 0 && ((old == NULL) != (next == NULL) || (old && next && strcmp(old, next) != 0)))
            rc = discharge_change_add(c->db, &by, stay_id, person, "ready_on", old, next,
                                      "Criteria to reside review", &c->err);
    }
    return stay_write(c, stay, rc);
}

int svc_discharge_correct_drd(struct svc_ctx *c, const char *stay_id, const char *drd, const char *reason)
{
    json_t *stay;
    int rc = open_stay(c, stay_id, &stay);
    if (rc != SVC_OK)
        return rc;
    struct date d;
    if (discharge_date_arg(c, drd, "discharge_ready_date", 1, &d) && has(drd))
        stay_dates(c, stay, &d, NULL);
    if (!has(reason) || strlen(reason) > 500)
        svc_field_error(c, "reason", "say why the date is corrected (at most 500 characters)");
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct actor by = {c->user_id, svc_now(c)};
    if ((rc = svc_tx_begin(c)) != 0)
        return rc;
    rc = discharge_stay_set_ready_on(c->db, &by, stay_id, drd, &c->err);
    if (rc == 0)
        rc = discharge_change_add(c->db, &by, stay_id, str(stay, "person_id"), "ready_on", str(stay, "ready_on"), drd,
                                  reason, &c->err);
    return stay_write(c, stay, rc);
}

int svc_discharge_pathway(struct svc_ctx *c, const char *stay_id, int pathway, const char *destination,
                          const char *reason)
{
    json_t *stay;
    int rc = open_stay(c, stay_id, &stay);
    if (rc != SVC_OK)
        return rc;
    struct domain_error e;
    if (discharge_pathway_check(pathway, &e) != 0)
        svc_field_error(c, "pathway", e.message);
    if (destination && strlen(destination) > 200)
        svc_field_error(c, "planned_destination", "must be at most 200 characters");
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct actor by = {c->user_id, svc_now(c)};
    json_t *old = json_object_get(stay, "pathway");
    char oldv[8] = "", newv[8];
    if (json_is_integer(old))
        snprintf(oldv, sizeof oldv, "%d", (int)json_integer_value(old));
    snprintf(newv, sizeof newv, "%d", pathway);
    if ((rc = svc_tx_begin(c)) != 0)
        return rc;
    rc = discharge_stay_set_pathway(c->db, &by, stay_id, pathway, destination, &c->err);
    if (rc == 0 && strcmp(oldv, newv) != 0)
        rc = discharge_change_add(c->db, &by, stay_id, str(stay, "person_id"), "pathway", oldv[0] ? oldv : NULL, newv,
                                  reason, &c->err);
    return stay_write(c, stay, rc);
}

int svc_discharge_delay_reason(struct svc_ctx *c, const char *stay_id, const char *code, const char *from_on,
                               const char *sector, const char *override_reason)
{
    json_t *stay;
    int rc = open_stay(c, stay_id, &stay);
    if (rc != SVC_OK)
        return rc;
    const struct discharge_reason *r = NULL;
    struct domain_error e;
    if (discharge_reason_parse(code, &r, &e) != 0)
        svc_field_error(c, "delay_reason", e.message);
    struct date from = svc_today(c);
    char from_s[DATE_STR_SIZE];
    if (discharge_date_arg(c, from_on, "from_on", 0, &from) && has(from_on)) {
        if (discharge_stay_check(parse_date(str(stay, "admitted_on")), &from, NULL, svc_today(c), &e) != 0)
            svc_field_error(c, "from_on", "must be between the admission and today");
    }
    date_format(from, from_s);
    enum discharge_sector s = r ? r->sector : DISCHARGE_SECTOR_BOTH;
    if (has(sector) && discharge_sector_parse(sector, "sector", &s, &e) != 0)
        svc_field_error(c, "sector", e.message);
    else if (r && s != r->sector && !has(override_reason))
        svc_field_error(c, "override_reason", "say why this delay is attributed differently from the usual");
    if (!str(stay, "ready_on"))
        svc_field_error(c, "delay_reason", "the person still meets the criteria to reside: no delay to explain");
    if (svc_has_errors(c) || !r)
        return SVC_INVALID;
    struct actor by = {c->user_id, svc_now(c)};
    if ((rc = svc_tx_begin(c)) != 0)
        return rc;
    rc = discharge_delay_reason_add(c->db, &by, stay_id, str(stay, "person_id"), r->code, from_s,
                                    discharge_sector_name(s), override_reason, &c->err);
    if (rc == 0)
        rc = discharge_stay_set_delay(c->db, &by, stay_id, r->code, discharge_sector_name(s), &c->err);
    if (rc == 0)
        rc = discharge_change_add(c->db, &by, stay_id, str(stay, "person_id"), "delay_reason",
                                  str(stay, "delay_reason"), r->code, override_reason, &c->err);
    return stay_write(c, stay, rc);
}

int svc_discharge_next_action(struct svc_ctx *c, const char *stay_id, const char *action, const char *owner)
{
    json_t *stay;
    int rc = open_stay(c, stay_id, &stay);
    if (rc != SVC_OK)
        return rc;
    if (action && strlen(action) > 500)
        svc_field_error(c, "next_action", "must be at most 500 characters");
    if (owner && strlen(owner) > 120)
        svc_field_error(c, "next_action_owner", "must be at most 120 characters");
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct actor by = {c->user_id, svc_now(c)};
    if ((rc = svc_tx_begin(c)) != 0)
        return rc;
    rc = discharge_stay_set_action(c->db, &by, stay_id, action, owner, &c->err);
    return stay_write(c, stay, rc);
}
