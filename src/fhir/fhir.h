/* fhir: the FHIR R4 adapter under /fhir/R4/ — another way in, beside the
 * JSON API and the pages, calling the same services (src/svc), so access
 * and audit are the same and there is no second way to personal data.
 *
 * A handler: fhir_accepts (406 unless the client takes
 * application/fhir+json) → decode (fhir_body) → map to the service's input
 * → call the service → map its record to a resource → fhir_send. Every
 * error is an OperationOutcome (fhir_outcome, fhir_result); the server
 * turns its own errors under /fhir/ into one as well
 * (http_problem_to_outcome). Field errors from a service name the FHIRPath
 * expression of the field through the resource's map (struct fhir_path).
 *
 * Memory: as the JSON API's — JSON handed to fhir_send is stolen; scratch
 * comes from the request arena. */
#ifndef SEAMLESS_FHIR_H
#define SEAMLESS_FHIR_H
#include "http/http.h"
#include "svc/svc.h"

#define FHIR_NHS_NUMBER "https://fhir.nhs.uk/Id/nhs-number"
#define FHIR_ODS_CODE "https://fhir.nhs.uk/Id/ods-organization-code"
#define FHIR_UKCORE_SD "https://fhir.hl7.org.uk/StructureDefinition/"
#define FHIR_LOCAL_ID "https://seamless.example/Id/local-identifier/"
#define FHIR_MIME "application/fhir+json"

/* One service field and the FHIRPath of where it sits in the resource. */
struct fhir_path {
    const char *field, *expression;
};

/* 0 when the client accepts application/fhir+json (Accept and _format),
 * else a 406 OperationOutcome is set. */
int fhir_accepts(struct request *req, struct response *res);
/* The body as a resource of type (owned by the request), or NULL with 415
 * (not application/fhir+json), 400 (malformed, not a resource, another
 * resourceType) set. */
json_t *fhir_body(struct request *req, struct response *res, const char *type);
/* An OperationOutcome with one issue; expression may be NULL. */
void fhir_outcome(struct response *res, int status, const char *code, const char *diagnostics,
                  const char *expression);
/* Adds an issue to the OperationOutcome in res (after fhir_outcome). */
void fhir_outcome_add(struct response *res, const char *code, const char *diagnostics, const char *expression);
/* The outcome rc (not SVC_OK) of a service called with api_ctx(req): the
 * status from the result table, its title/detail, and for SVC_INVALID one
 * issue per field error with the expression from paths (else resource). */
void fhir_result(struct request *req, struct response *res, int rc, const struct fhir_path *paths,
                 const char *resource);
/* Sends resource (stolen) with status as application/fhir+json; ETag
 * W/"versionId" from meta; on a create or update Prefer: return=minimal
 * sends no body and return=OperationOutcome an outcome; Location when location is given. */
void fhir_send(struct request *req, struct response *res, int status, json_t *resource, const char *location);
/* The base URL of this server's FHIR endpoint ("http://host/fhir/R4"). */
const char *fhir_base(struct request *req);
/* The service context of the request (api_ctx). */
struct svc_ctx *fhir_ctx(struct request *req);
/* meta {versionId, lastUpdated, profile?} from a record's version and updated_at. */
json_t *fhir_meta(json_t *record, const char *profile);
/* A Bundle of type ("searchset", "history") with total when >= 0. */
json_t *fhir_bundle(const char *type, long long total);
/* Appends an entry {fullUrl, resource, search.mode} (resource stolen); mode NULL for none. */
void fhir_bundle_add(struct request *req, json_t *bundle, json_t *resource, const char *mode);
/* Adds a link {relation, url} (url relative to the base: "Patient?…"). */
void fhir_bundle_link(struct request *req, json_t *bundle, const char *relation, const char *url);

/* Handlers (routes in src/api/routes.c). */
void fhir_metadata(struct request *req, struct response *res);
void fhir_unknown_type(struct request *req, struct response *res);
void fhir_patient_read(struct request *req, struct response *res);
void fhir_patient_vread(struct request *req, struct response *res);
void fhir_patient_history(struct request *req, struct response *res);
void fhir_patient_search(struct request *req, struct response *res);
void fhir_patient_create(struct request *req, struct response *res);
void fhir_patient_update(struct request *req, struct response *res);
void fhir_organization_read(struct request *req, struct response *res);
void fhir_organization_search(struct request *req, struct response *res);
void fhir_practitioner_read(struct request *req, struct response *res);
void fhir_practitioner_search(struct request *req, struct response *res);
void fhir_practitioner_role_read(struct request *req, struct response *res);
void fhir_practitioner_role_search(struct request *req, struct response *res);
void fhir_service_request_read(struct request *req, struct response *res);
void fhir_service_request_search(struct request *req, struct response *res);
void fhir_service_request_create(struct request *req, struct response *res);
void fhir_service_request_update(struct request *req, struct response *res);
void fhir_flag_read(struct request *req, struct response *res);
void fhir_flag_search(struct request *req, struct response *res);
void fhir_consent_read(struct request *req, struct response *res);
void fhir_consent_search(struct request *req, struct response *res);
void fhir_episode_search(struct request *req, struct response *res);
void fhir_episode_read(struct request *req, struct response *res);
void fhir_care_plan_read(struct request *req, struct response *res);
void fhir_care_plan_search(struct request *req, struct response *res);
void fhir_task_read(struct request *req, struct response *res);
void fhir_encounter_read(struct request *req, struct response *res);
void fhir_care_team_read(struct request *req, struct response *res);
void fhir_audit_event_read(struct request *req, struct response *res);
void fhir_questionnaire_read(struct request *req, struct response *res);
void fhir_qr_read(struct request *req, struct response *res);
void fhir_qr_search(struct request *req, struct response *res);
void fhir_qr_create(struct request *req, struct response *res);
void fhir_qr_update(struct request *req, struct response *res);
void fhir_questionnaire_search(struct request *req, struct response *res);
void fhir_audit_event_search(struct request *req, struct response *res);
void fhir_care_team_search(struct request *req, struct response *res);
void fhir_encounter_search(struct request *req, struct response *res);
void fhir_task_search(struct request *req, struct response *res);
/* An EpisodeOfCare for one caseload entry c of person p (episode_of_care.c). */
json_t *fhir_episode_from_caseload(json_t *p, json_t *c);
void fhir_export_system(struct request *req, struct response *res);
void fhir_export_patient(struct request *req, struct response *res);
void fhir_export_group(struct request *req, struct response *res);
void fhir_export_status(struct request *req, struct response *res);
void fhir_export_cancel(struct request *req, struct response *res);
void fhir_export_file(struct request *req, struct response *res);

#endif
