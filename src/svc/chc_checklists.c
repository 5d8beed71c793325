/* The CHC Checklist (svc/chc.h): record the screening, its outcome and
 * reasons (domain/chc_checklist.h), and send a positive one to the ICB,
 * which opens the CHC case and starts the 28-day clock on the ICB's
 * receipt date. */
#include "svc/chc_int.h"
#include "domain/chc_checklist.h"
#include "store/chc.h"
#include "store/persons.h"
#include "svc/access.h"
#include "svc/input.h"
#include <stdio.h>
#include <string.h>

static const char *const settings[] = {"acute", "community", "care_home", "home"};

static void setting_check(struct svc_ctx *c, const char *s)
{
    for (size_t i = 0; s && i < sizeof settings / sizeof settings[0]; i++)
        if (strcmp(s, settings[i]) == 0)
            return;
    svc_field_error(c, "setting", "must be acute, community, care_home or home");
}

struct checklist_input {
    struct chc_checklist_row row;
    enum chc_level levels[CHC_CHECKLIST_DOMAINS];
    char letters[CHC_CHECKLIST_DOMAINS][2];
    char reasons[600];
    struct chc_checklist_result result;
};

/* Domains object → levels; every error names "domains.<key>". */
static void decode_domains(struct svc_ctx *c, json_t *in, struct checklist_input *k)
{
    json_t *d = json_object_get(in, "domains");
    if (!json_is_object(d)) {
        svc_field_error(c, "domains", "must be an object of the 11 domains, each A, B or C");
        return;
    }
    const char *key;
    json_t *v;
    json_object_foreach(d, key, v)
        if (chc_checklist_domain_index(key) < 0) {
            char field[96];
            snprintf(field, sizeof field, "domains.%.80s", key);
            svc_field_error(c, field, "is not a Checklist domain");
        }
    int set[CHC_CHECKLIST_DOMAINS] = {0};
    struct domain_error de;
    for (int i = 0; i < CHC_CHECKLIST_DOMAINS; i++) {
        const char *name = chc_checklist_domains[i].key;
        if (chc_checklist_parse_level(name, json_string_value(json_object_get(d, name)), &k->levels[i], &de) < 0) {
            svc_field_error(c, de.field, de.message);
            continue;
        }
        set[i] = 1;
        k->letters[i][0] = "CBA"[k->levels[i]];
        k->letters[i][1] = '\0';
        k->row.levels[i] = k->letters[i];
    }
    if (svc_has_errors(c))
        return;
    if (chc_checklist_outcome(k->levels, set, &k->result, &de) < 0) {
        svc_field_error(c, de.field, de.message);
        return;
    }
    chc_checklist_reasons(&k->result, k->levels, k->reasons, sizeof k->reasons);
}

static void decode(struct svc_ctx *c, json_t *in, struct checklist_input *k)
{
    k->row.completed_on = input_str(in, "completed_on", svc_errors(c));
    chc_date_check(c, k->row.completed_on, "completed_on", 1);
    k->row.setting = input_str(in, "setting", svc_errors(c));
    setting_check(c, k->row.setting);
    decode_domains(c, in, k);
    k->row.count_a = k->result.count_a;
    k->row.count_b = k->result.count_b;
    k->row.count_c = k->result.count_c;
    k->row.outcome = k->result.positive ? "positive" : "negative";
    k->row.reasons = k->reasons;
}

static int create_write(struct svc_ctx *c, struct checklist_input *k, char id[STORE_ID_LEN])
{
    struct actor by = svc_actor(c);
    json_t *teams = svc_teams(c);
    k->row.team_id = json_string_value(json_object_get(json_array_get(teams, 0), "id"));
    int rc = svc_tx_begin(c);
    if (rc == 0) rc = chc_checklist_insert(c->db, &by, &k->row, id, &c->err);
    const char *summary = k->result.positive ? "CHC Checklist completed: positive (full assessment needed)"
                                             : "CHC Checklist completed: negative";
    if (rc == 0) rc = persons_event_add(c->db, k->row.person_id, c->org_id, c->user_id, "chc_checklist", summary,
                                        svc_now(c), &c->err);
    if (rc == 0) rc = svc_tx_audit(c, "create", "chc_checklist", id, k->row.person_id, "relationship");
    return svc_tx_end(c, rc);
}

/* k: {id, person_id} of a positive Checklist still completed. */
static int send_write(struct svc_ctx *c, json_t *k, const char *received, const char *team, char case_id[STORE_ID_LEN])
{
    struct actor by = svc_actor(c);
    const char *id = json_string_value(json_object_get(k, "id"));
    const char *pid = json_string_value(json_object_get(k, "person_id"));
    struct chc_case_row r = {.person_id = pid, .route = "checklist", .status = "awaiting_assessment",
                             .team_id = team, .received_on = received, .checklist_id = id};
    int rc = svc_tx_begin(c);
    if (rc == 0) rc = chc_case_insert(c->db, &by, &r, case_id, &c->err);
    if (rc == 0) rc = chc_checklist_mark_sent(c->db, &by, id, case_id, received, &c->err);
    if (rc == 0) rc = chc_case_event_add(c->db, &by, case_id, pid, "opened", "Positive Checklist received by the ICB",
                                         &c->err);
    if (rc == 0) rc = persons_event_add(c->db, pid, c->org_id, c->user_id, "chc_case",
                                        "CHC case opened: positive Checklist sent to the ICB", svc_now(c), &c->err);
    if (rc == 0) rc = svc_tx_audit(c, "send", "chc_checklist", id, pid, "relationship");
    if (rc == 0) rc = svc_tx_audit(c, "create", "chc_case", case_id, pid, "relationship");
    rc = svc_tx_end(c, rc);
    if (rc == SVC_STALE)   /* no longer "completed": sent meanwhile */
        return svc_refuse(c, SVC_ALREADY_SENT, NULL, "This Checklist was sent meanwhile.");
    return rc;
}

/* May k be sent? The receipt date into *received (today when not given)
 * and the receiving team into team. */
static int send_checks(struct svc_ctx *c, json_t *k, json_t *in, const char **received, char team[STORE_ID_LEN])
{
    const char *pid = json_string_value(json_object_get(k, "person_id"));
    *received = input_str(in, "received_on", svc_errors(c));
    if (*received && !**received)
        *received = NULL;
    if (chc_date_check(c, *received, "received_on", 0) == 0 && *received &&
        strcmp(*received, json_string_value(json_object_get(k, "completed_on"))) < 0)
        svc_field_error(c, "received_on", "is before the Checklist was completed");
    if (!*received)
        *received = svc_date_offset(c, 0);
    if (strcmp(json_string_value(json_object_get(k, "status")), "sent") == 0)
        return svc_refuse(c, SVC_ALREADY_SENT, NULL, "This Checklist has already been sent to the ICB.");
    if (strcmp(json_string_value(json_object_get(k, "outcome")), "positive") != 0) {
        svc_field_error(c, "outcome", "a negative Checklist is not sent to the ICB: no full assessment is needed");
        return SVC_INVALID;
    }
    if (svc_has_errors(c))
        return SVC_INVALID;
    int rc = chc_no_open_case(c, pid);
    return rc == SVC_OK ? chc_route_team(c, pid, team) : rc;
}

static int wants_send(struct svc_ctx *c, json_t *in)
{
    json_t *send = json_object_get(in, "send_to_icb");
    if (send && !json_is_boolean(send) && !json_is_string(send))
        svc_field_error(c, "send_to_icb", "must be true or false");
    return json_is_true(send) || (json_is_string(send) && strcmp(json_string_value(send), "true") == 0);
}

int svc_chc_checklist_create(struct svc_ctx *c, const char *person_id, json_t *in, char id[STORE_ID_LEN])
{
    int rc = chc_person_check(c, person_id);
    if (rc != SVC_OK)
        return rc;
    struct checklist_input k = {0};
    k.row.person_id = person_id;
    decode(c, in, &k);
    int send = wants_send(c, in) && k.result.positive;
    if (svc_has_errors(c))
        return SVC_INVALID;
    char team[STORE_ID_LEN], case_id[STORE_ID_LEN];
    const char *received = NULL;
    json_t *row = svc_own(c, json_pack("{s:s, s:s, s:s, s:s?}", "person_id", person_id, "status", "completed",
                                       "outcome", k.row.outcome, "completed_on", k.row.completed_on));
    if (send && (rc = send_checks(c, row, in, &received, team)) != SVC_OK)
        return rc;
    if ((rc = create_write(c, &k, id)) != SVC_OK || !send)
        return rc;
    json_object_set_new(row, "id", json_string(id));
    return send_write(c, row, received, team, case_id);
}

/* The Checklist (not yet audited) after the access check. */
static int load(struct svc_ctx *c, const char *id, json_t **out)
{
    *out = svc_own(c, chc_checklist_get(c->db, id, &c->err));
    return chc_access(c, *out, "Checklist");
}

int svc_chc_checklist_send(struct svc_ctx *c, const char *id, json_t *in, char case_id[STORE_ID_LEN])
{
    json_t *k;
    int rc = load(c, id, &k);
    const char *received;
    char team[STORE_ID_LEN];
    if (rc == SVC_OK)
        rc = send_checks(c, k, in, &received, team);
    return rc == SVC_OK ? send_write(c, k, received, team, case_id) : rc;
}

int svc_chc_checklist_read(struct svc_ctx *c, const char *id, json_t **out)
{
    int rc = load(c, id, out);
    if (rc != SVC_OK)
        return rc;
    if (svc_audit_read(c, "chc_checklist", id, json_string_value(json_object_get(*out, "person_id")),
                       json_string_value(json_object_get(*out, "basis"))) != SVC_OK)
        return SVC_FAILED;
    json_object_del(*out, "basis");
    return SVC_OK;
}
