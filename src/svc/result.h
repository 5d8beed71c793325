/* result: the one vocabulary of outcomes. Every service returns one of
 * these; the adapters turn it into an HTTP status and a problem+json type
 * through api_result (src/api/adapter.c), the CLI into an exit status — and
 * nothing else decides 404 vs 409 vs 503.
 *
 * The table is an X-macro (compare libuv's UV_ERRNO_MAP): one row per
 * outcome giving its HTTP status, the problem type slug (appended to
 * https://seamless.example/problems/) and the default title. A service may
 * give a more specific title and detail for people (svc_refuse); the
 * status and the type always come from here.
 *
 * A refusal with its own problem type (a specific reason a client may act
 * on, such as "not-in-locality") is a row of its own: add one here rather
 * than choosing a type at the call site.
 *
 * Store and domain errors map into it: a domain_error is SVC_INVALID naming
 * its field; STORE_ENOTFOUND is SVC_NOTFOUND (or SVC_STALE for a
 * version-checked write); STORE_ECONSTRAINT is SVC_CONFLICT; every other
 * store error is SVC_FAILED (503, logged, never shown). */
#ifndef SEAMLESS_SVC_RESULT_H
#define SEAMLESS_SVC_RESULT_H

/*      name             status  problem type slug             default title */
#define SVC_RESULT_MAP(X)                                                                                  \
    X(OK,              200, NULL,                         NULL)                                            \
    X(INVALID,         422, "validation",                 "Some values are not valid")                     \
    X(BAD_CREDENTIALS, 401, "bad-credentials",            "Sign-in failed")                                \
    X(FORBIDDEN,       403, "forbidden",                  "Not allowed")                                   \
    X(NO_RELATIONSHIP, 403, "no-legitimate-relationship", "No legitimate relationship")                    \
    X(OBJECTION,       403, "objection-to-sharing",       "The person has objected to sharing")            \
    X(NOT_IN_LOCALITY, 403, "not-in-locality",            "Not your locality")                             \
    X(ICB_ONLY,        403, "icb-only",                   "Only the ICB can record this")                  \
    X(NOT_ASSESSOR,    403, "not-a-designated-assessor",  "Not a designated assessor")                     \
    X(NOT_THE_ASSESSOR, 403, "not-the-assessor",          "Not your assessment")                           \
    X(NOT_AUTHORISER,  403, "not-allowed-to-authorise",   "You cannot authorise this assessment")          \
    X(COUNCIL_ONLY,    403, "council-only",               "Only the council can record this")              \
    X(NOT_YOUR_TEAM,   403, "not-your-team",              "Not your team")                                 \
    X(OTHER_ORG,       403, "other-organisation",         "Another organisation's team")                   \
    X(NOT_PANEL_MEMBER, 403, "not-a-panel-member",        "Only the panel's members may do this")          \
    X(NOT_A_MEMBER,    403, "not-a-member",               "Not your meeting")                              \
    X(NOT_THE_OWNER,   403, "not-the-owner",              "Not your action")                               \
    X(NOT_ICB,         403, "not-icb",                    "Only the ICB decides")                          \
    X(NOT_CLINICIAN,   403, "not-a-clinician",            "Fast Track needs a clinician")                  \
    X(NOT_CHC_TEAM,    403, "not-chc-team",               "Not a CHC team member")                         \
    X(NOT_HOLDING_TEAM, 403, "not-the-holding-team",      "Not your team's plan")                          \
    X(NOT_REGISTERED,  403, "not-registered-practitioner", "Only a registered practitioner can record this")  \
    X(NOTFOUND,        404, "not-found",                  "Not found")                                     \
    X(CONFLICT,        409, "conflict",                   "Already exists")                                \
    X(DUPLICATE_NHS,   409, "duplicate-nhs-number",       "A person with this NHS number already exists")  \
    X(POSSIBLE_DUPLICATE, 409, "possible-duplicate",      "This may be someone already registered")        \
    X(STALE,           409, "version-conflict",           "The record was changed by someone else")        \
    X(ALREADY_DONE,    409, "already-done",               "Already done")                                  \
    X(READ_ONLY,       409, "assessment-read-only",       "The assessment can no longer be changed")       \
    X(WRONG_STATE,     409, "assessment-state",           "The assessment cannot be authorised now")       \
    X(MOVED_ON,        409, "referral-state",             "The referral has moved on")                     \
    X(ALREADY_DECIDED, 409, "already-decided",            "The panel has already decided this request")    \
    X(CONSENSUS_REACHED, 409, "consensus-reached",        "Consensus was reached")                         \
    X(ALREADY_OPEN,    409, "already-open",               "Already escalated")                             \
    X(ALREADY_SENT,    409, "already-sent",               "Already sent")                                  \
    X(CASE_OPEN,       409, "case-open",                  "A CHC case is already open")                    \
    X(NO_CHC_TEAM,     409, "no-chc-team",                "No CHC team")                                   \
    X(CHC_CASE_STATE,  409, "chc-case-state",             "Not in this state")                             \
    X(CHC_ASSESSMENT_STATE, 409, "chc-assessment-state",  "Already completed")                             \
    X(PRECONDITION,    412, "precondition-failed",        "The record has changed")                        \
    X(TOO_LARGE,       413, "too-large",                  "The file is too large")                         \
    X(UNSUPPORTED,     415, "unsupported-media-type",     "This kind of file is not accepted")             \
    X(THROTTLED,       429, "too-many-attempts",          "Too many failed sign-in attempts")              \
    X(FAILED,          503, "unavailable",                "Service temporarily unavailable")

enum svc_result {
#define SVC_RESULT_ENUM(name, status, slug, title) SVC_##name,
    SVC_RESULT_MAP(SVC_RESULT_ENUM)
#undef SVC_RESULT_ENUM
    SVC_RESULT_COUNT
};

/* The row of the table for rc; an unknown rc is a bug and reads as FAILED. */
int svc_result_status(int rc);
const char *svc_result_slug(int rc);
const char *svc_result_title(int rc);
/* "OK", "INVALID" … for logs and tests. */
const char *svc_result_name(int rc);

#endif
