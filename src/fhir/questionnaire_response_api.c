/* QuestionnaireResponse over FHIR: Care Act assessments, CHC Checklists and
 * DSTs (questionnaire_response.h) read, searched by patient, created and
 * updated through their services (svc/care_act.h, svc/chc.h) — the same
 * rules, refusals and audit as the JSON API; a refused field names the
 * item answering it.
 *   create  care-act-adult / care-act-carer: in-progress a draft with its
 *           answers, completed that draft completed (below) — all or
 *           nothing; chc-checklist: the Checklist (final); chc-dst: a DST
 *           on the person's open case (in-progress: a draft).
 *   update  (If-Match) a Care Act draft: in-progress saves its answers,
 *           completed saves them and completes it (svc_care_act_complete,
 *           the JSON API's completion: by the assessor, every answer given,
 *           determination.assessor_agrees their confirmation — the rule
 *           computes the rest); a DST draft (status completed completes it).
 *           Any other status is a 422 naming QuestionnaireResponse.status;
 *           a completed or authorised assessment is read-only (the
 *           service's refusal, as for the JSON API). A Checklist is not
 *           changed once recorded. Authorising stays with the JSON API and
 *           the pages: R4 has no QuestionnaireResponse status for it.
 *   search  patient (required): the person's Care Act assessments,
 *           Checklists and their CHC cases' DSTs (questionnaire= narrows
 *           to one form; status). */
#include "fhir/by_patient.h"
#include "fhir/fhir.h"
#include "fhir/query.h"
#include "fhir/questionnaire.h"
#include "fhir/questionnaire_response.h"
#include "svc/care_act.h"
#include "svc/chc.h"
#include <stdio.h>
#include <string.h>

enum form { CARE_ACT, CHECKLIST, DST };

static const char *str(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* The form a record answers. */
static const char *form_id(enum form f, json_t *rec)
{
    if (f == CARE_ACT)
        return str(rec, "kind") && strcmp(str(rec, "kind"), "carer") == 0 ? "care-act-carer" : "care-act-adult";
    return f == CHECKLIST ? "chc-checklist" : "chc-dst";
}

static json_t *to_qr(struct request *req, enum form f, json_t *rec)
{
    json_t *q = arena_json(&req->arena, fhir_questionnaire(form_id(f, rec), fhir_base(req)));
    return fhir_qr_from_record(q, rec, f == CARE_ACT ? NULL : str(rec, "completed_on"));
}

/* The record with this id, whichever form it answers. */
static int load(struct svc_ctx *c, const char *id, enum form *f, json_t **rec)
{
    int rc = svc_care_act_read(c, id, rec);
    *f = CARE_ACT;
    if (rc == SVC_NOTFOUND) {
        svc_reset(c);
        *f = CHECKLIST;
        rc = svc_chc_checklist_read(c, id, rec);
    }
    if (rc == SVC_NOTFOUND) {
        svc_reset(c);
        *f = DST;
        rc = svc_chc_assessment_read(c, id, rec);
    }
    if (rc == SVC_NOTFOUND)
        svc_refuse(c, rc, NULL, "No such questionnaire response.");
    return rc;
}

void fhir_qr_read(struct request *req, struct response *res)
{
    if (fhir_accepts(req, res) < 0)
        return;
    enum form f;
    json_t *rec;
    int rc = load(fhir_ctx(req), req->params[0], &f, &rec);
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, NULL, "QuestionnaireResponse");
        return;
    }
    fhir_send(req, res, 200, to_qr(req, f, rec), NULL);
}

static const struct fhir_param_spec PARAMS[] = {
    {"patient", FHIR_REFERENCE}, {"status", FHIR_TOKEN}, {"questionnaire", FHIR_STRING}, {NULL, 0}};
static const struct fhir_search_spec SPEC = {"QuestionnaireResponse", PARAMS, NULL};

void fhir_qr_search(struct request *req, struct response *res)
{
    struct fhir_search s;
    const struct fhir_term *patient = fhir_by_patient_begin(req, res, &SPEC, &s);
    if (!patient)
        return;
    const struct fhir_term *form = fhir_search_term(&s, "questionnaire");
    struct svc_ctx *c = fhir_ctx(req);
    json_t *assessments = NULL, *pathway = NULL, *rec, *k;
    int rc = svc_care_act_list(c, patient->value, &assessments);
    if (rc == SVC_OK)
        rc = svc_chc_person_pathway(c, patient->value, &pathway);
    json_t *all = arena_json(&req->arena, json_array());
    size_t i;
    json_array_foreach(assessments, i, rec) json_array_append_new(all, to_qr(req, CARE_ACT, rec));
    json_array_foreach(json_object_get(pathway, "checklists"), i, k)
        if (rc == SVC_OK && (rc = svc_chc_checklist_read(c, str(k, "id"), &rec)) == SVC_OK)
            json_array_append_new(all, to_qr(req, CHECKLIST, rec));
    json_t *cs, *a;
    size_t j;
    json_array_foreach(json_object_get(pathway, "cases"), i, k) {   /* each case's DSTs */
        if (rc != SVC_OK || (rc = svc_chc_case_read(c, str(k, "id"), &cs)) != SVC_OK)
            break;
        json_array_foreach(json_object_get(cs, "assessments"), j, a)
            if (rc == SVC_OK && (rc = svc_chc_assessment_read(c, str(a, "id"), &rec)) == SVC_OK)
                json_array_append_new(all, to_qr(req, DST, rec));
    }
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, NULL, "QuestionnaireResponse");
        return;
    }
    struct fhir_pager pg;
    fhir_pager_init(&pg, req, "QuestionnaireResponse", &s);
    json_array_foreach(all, i, rec) {
        const char *q = str(rec, "questionnaire"), *slash = q ? strrchr(q, '/') : NULL;
        if (!form || (q && (strcmp(q, form->value) == 0 || (slash && strcmp(slash + 1, form->value) == 0))))
            fhir_pager_offer(&pg, json_incref(rec));
    }
    fhir_send(req, res, 200, fhir_pager_bundle(&pg), NULL);
}

/* ---- create and update ---- */

/* The form a QuestionnaireResponse answers (its questionnaire, by url or
 * id), or NULL with a 422 naming it. */
static json_t *form_of(struct request *req, struct response *res, json_t *qr, const char **id)
{
    const char *url = str(qr, "questionnaire"), *slash = url ? strrchr(url, '/') : NULL;
    *id = slash ? slash + 1 : url;
    json_t *q = *id ? fhir_questionnaire(*id, fhir_base(req)) : NULL;
    if (!q || (slash && strcmp(url, json_string_value(json_object_get(q, "url"))) != 0)) {
        json_decref(q);
        fhir_outcome(res, 422, "invalid", "QuestionnaireResponse.questionnaire must be one of this server's "
                     "Questionnaires (see Questionnaire?).", "QuestionnaireResponse.questionnaire");
        return NULL;
    }
    return arena_json(&req->arena, q);
}

/* The service's field errors name the item answering each field. */
static void refused(struct request *req, struct response *res, int rc)
{
    struct svc_ctx *c = fhir_ctx(req);
    size_t i;
    json_t *e;
    json_t *paths = arena_json(&req->arena, json_array());
    json_array_foreach(c->errors, i, e) {
        const char *field = str(e, "field");
        char where[200];
        fhir_qr_expression(field ? field : "", where, sizeof where);
        json_array_append_new(paths, json_pack("[s, s]", field ? field : "", where));
    }
    struct fhir_path *p = arena_alloc(&req->arena, (json_array_size(paths) + 1) * sizeof *p);
    json_array_foreach(paths, i, e)
        p[i] = (struct fhir_path){json_string_value(json_array_get(e, 0)), json_string_value(json_array_get(e, 1))};
    p[json_array_size(paths)] = (struct fhir_path){NULL, NULL};
    fhir_result(req, res, rc, p, "QuestionnaireResponse");
}

/* The body of qr for form q, or NULL with a 400 naming each bad item. */
static json_t *answers(struct request *req, struct response *res, json_t *q, json_t *qr)
{
    json_t *errors = arena_json(&req->arena, json_array());
    json_t *body = arena_json(&req->arena, fhir_qr_to_body(q, qr, errors));
    size_t i;
    json_t *e;
    json_array_foreach(errors, i, e) {
        const char *msg = arena_printf(&req->arena, "%s %s", str(e, "field"), str(e, "message"));
        if (i == 0)
            fhir_outcome(res, 400, "structure", msg, str(e, "field"));
        else
            fhir_outcome_add(res, "structure", msg, str(e, "field"));
    }
    return json_array_size(errors) ? NULL : body;
}

/* A Care Act assessment's step from the status: 0 with *confirm the
 * assessor's confirmation (completed: body's determination, taken out of
 * the answers) or NULL (in-progress: a draft's answers), or -1 after a 422. */
static int care_act_step(struct request *req, struct response *res, json_t *qr, json_t *body, json_t **confirm)
{
    const char *status = str(qr, "status") ? str(qr, "status") : "";
    json_t *det = json_object_get(body, "determination");
    *confirm = NULL;
    if (strcmp(status, "completed") == 0) {
        *confirm = arena_json(&req->arena, det ? json_incref(det) : json_object());
        json_object_del(body, "determination");
        return 0;
    }
    if (strcmp(status, "in-progress") != 0) {
        fhir_outcome(res, 422, "invalid", "QuestionnaireResponse.status must be in-progress (save a draft's answers) "
                     "or completed (complete it, answering determination.assessor_agrees); a completed Care Act "
                     "assessment is not amended or withdrawn (read-only, as in the JSON API).",
                     "QuestionnaireResponse.status");
        return -1;
    }
    if (json_object_size(det)) {   /* named by the first item given */
        char where[200];
        fhir_qr_expression(json_object_iter_key(json_object_iter(det)), where, sizeof where);
        fhir_outcome(res, 422, "invalid", arena_printf(&req->arena, "%s is the assessor's confirmation on completing "
                     "(status completed); a draft has no determination.", where), where);
        return -1;
    }
    json_object_del(body, "determination");
    return 0;
}

/* A Care Act QuestionnaireResponse written: created about person_id (its
 * id into created) or, person_id NULL, assessment id updated against e; an
 * svc_result, or -1 after a 422. */
static int care_act_write(struct request *req, struct response *res, json_t *qr, json_t *body, const char *form,
                          const char *person_id, const char *id, const struct svc_expect *e,
                          char created[STORE_ID_LEN])
{
    json_t *confirm;
    if (care_act_step(req, res, qr, body, &confirm) < 0)
        return -1;
    struct svc_ctx *c = fhir_ctx(req);
    if (person_id) {
        json_t *in = arena_json(&req->arena, json_pack("{s:s}", "kind", strcmp(form, "care-act-carer") ? "adult"
                                                                                                      : "carer"));
        return svc_care_act_create_answered(c, person_id, in, body, confirm, created);
    }
    return confirm ? svc_care_act_complete_answered(c, id, body, confirm, e) : svc_care_act_update(c, id, body, e);
}

void fhir_qr_create(struct request *req, struct response *res)
{
    if (fhir_accepts(req, res) < 0)
        return;
    json_t *qr = fhir_body(req, res, "QuestionnaireResponse"), *q, *body, *rec;
    const char *form, *subject = qr ? str(json_object_get(qr, "subject"), "reference") : NULL;
    if (!qr || !(q = form_of(req, res, qr, &form)) || !(body = answers(req, res, q, qr)))
        return;
    if (!subject || strncmp(subject, "Patient/", 8) != 0) {
        fhir_outcome(res, 422, "invalid", "QuestionnaireResponse.subject must be Patient/<id>.",
                     "QuestionnaireResponse.subject");
        return;
    }
    struct svc_ctx *c = fhir_ctx(req);
    char id[STORE_ID_LEN];
    int rc;
    enum form f = strcmp(form, "chc-checklist") == 0 ? CHECKLIST : strcmp(form, "chc-dst") == 0 ? DST : CARE_ACT;
    if (f == CARE_ACT) {
        if ((rc = care_act_write(req, res, qr, body, form, subject + 8, NULL, NULL, id)) < 0)
            return;
    } else if (f == CHECKLIST) {
        rc = svc_chc_checklist_create(c, subject + 8, body, id);
    } else {
        if (strcmp(str(qr, "status") ? str(qr, "status") : "", "completed") != 0)
            json_object_set_new(body, "draft", json_true());
        rc = svc_chc_assessment_create(c, subject + 8, body, id);
    }
    if (rc == SVC_OK)
        rc = f == CARE_ACT ? svc_care_act_read(c, id, &rec) : f == CHECKLIST ? svc_chc_checklist_read(c, id, &rec)
                                                                              : svc_chc_assessment_read(c, id, &rec);
    if (rc != SVC_OK) {
        refused(req, res, rc);
        return;
    }
    fhir_send(req, res, 201, to_qr(req, f, rec),
              arena_printf(&req->arena, "%s/QuestionnaireResponse/%s", fhir_base(req), id));
}

void fhir_qr_update(struct request *req, struct response *res)
{
    if (fhir_accepts(req, res) < 0)
        return;
    const char *if_match = http_header(req, "If-Match"), *form;
    if (!if_match) {
        fhir_outcome(res, 428, "required", "Send If-Match: W/\"<versionId>\" with the version you changed.", NULL);
        return;
    }
    json_t *qr = fhir_body(req, res, "QuestionnaireResponse"), *q, *body, *rec;
    if (!qr || !(q = form_of(req, res, qr, &form)) || !(body = answers(req, res, q, qr)))
        return;
    if (!str(qr, "id") || strcmp(str(qr, "id"), req->params[0]) != 0) {
        fhir_outcome(res, 400, "invalid", "QuestionnaireResponse.id must be the id in the address.",
                     "QuestionnaireResponse.id");
        return;
    }
    struct svc_ctx *c = fhir_ctx(req);
    enum form f;
    int rc = load(c, req->params[0], &f, &rec);
    if (rc == SVC_OK && strcmp(form_id(f, rec), form) != 0) {
        fhir_outcome(res, 422, "invalid", "QuestionnaireResponse.questionnaire cannot be changed.",
                     "QuestionnaireResponse.questionnaire");
        return;
    }
    const char *status = str(qr, "status") ? str(qr, "status") : "";
    struct svc_expect e = {if_match, NULL};
    if (rc == SVC_OK && f == CHECKLIST) {
        fhir_outcome(res, 422, "invalid", "A Checklist is not changed once recorded: record a new one.",
                     "QuestionnaireResponse");
        return;
    }
    if (rc == SVC_OK && f == CARE_ACT) {
        if ((rc = care_act_write(req, res, qr, body, form, NULL, req->params[0], &e, NULL)) < 0)
            return;
    } else if (rc == SVC_OK) {
        if (strcmp(status, "completed") == 0)
            json_object_set_new(body, "complete", json_true());
        rc = svc_chc_assessment_patch(c, req->params[0], body, &e);
    }
    if (rc == SVC_OK)
        rc = f == CARE_ACT ? svc_care_act_read(c, req->params[0], &rec)
                           : svc_chc_assessment_read(c, req->params[0], &rec);
    if (rc != SVC_OK) {
        refused(req, res, rc);
        return;
    }
    fhir_send(req, res, 200, to_qr(req, f, rec), NULL);
}
