/* svc/discharge_int: what the discharge service's files share, not an API.
 *
 * discharge_intake_json: one JSON hospital event whose facts the decoder
 * (svc/discharge_events.c) has checked into adt (adt->control_id is the
 * event id). Same path as an ER7 message from the replay check on: SVC_OK
 * with *out the stored answer {event_id, outcome ("applied" or "held"),
 * stay_id, received_at} and *replay 1 when it was answered from the copy
 * stored for this event id; SVC_INVALID (field errors, nothing stored, the
 * refusal audited); SVC_CONFLICT when the id names an ER7 message;
 * SVC_FAILED when it could not be stored.
 *
 * discharge_event_refused: an event the rules refuse (err as the ER7 path
 * fills it, naming segment and field): the JSON field error, the refusal
 * audited in a transaction of its own; returns SVC_INVALID (or
 * SVC_FAILED when the audit entry could not be written). */
#ifndef SEAMLESS_SVC_DISCHARGE_INT_H
#define SEAMLESS_SVC_DISCHARGE_INT_H
#include "domain/dates.h"
#include "hl7/adt.h"
#include "svc/svc.h"

int discharge_intake_json(struct svc_ctx *c, const char *body, size_t len, const struct adt_message *adt,
                          json_t **out, int *replay);
int discharge_event_refused(struct svc_ctx *c, const char *event_id, const char *person_id,
                            const struct hl7_error *err);

/* A held message (message_id) applied, for the person staff matched it to,
 * as if it had arrived now: the stay changed, the message marked resolved
 * with the person and stay, both audited, one transaction. SVC_INVALID with
 * *why (segment, field, message) when the rules refuse it (a ward not set
 * up, no such stay): nothing changed; SVC_STALE/NOTFOUND when the message
 * is no longer held. */
int discharge_intake_resolve(struct svc_ctx *c, const char *message_id, const struct adt_message *adt,
                             const char *person_id, struct hl7_error *why);
/* The facts of a JSON event (svc/discharge_events.c); field errors into
 * errors. now: times after it (plus slack) are refused. */
void discharge_event_decode(json_t *body, int64_t now, struct adt_message *a, json_t *errors);

/* The stay (with "basis", the caller's access for the audit entry) after
 * the access check (svc_record_access); *stay owned by the context. */
int discharge_load_stay(struct svc_ctx *c, const char *id, json_t **stay);

/* Text the intake stores (svc/discharge_intake_text.c). The stored copy
 * of n bytes of in, in the context's arena: valid UTF-8, control
 * characters other than CR, LF and TAB replaced by '?'. fix_utf8: the same
 * for one extracted field, in place (each bad byte becomes one '?');
 * fix_adt: for every text field of the facts. */
char *discharge_safe_text(struct svc_ctx *c, const char *in, size_t n);
void discharge_fix_utf8(char *s);
void discharge_fix_adt(struct adt_message *a);

/* The AE (207, "send it again") for a message that was not stored. */
void discharge_intake_unstored(struct svc_ctx *c, const char *body, size_t len, char *ack, size_t *ack_len);

/* The hospital trust a board or report is for, into org: the trust whose
 * code is hospital when given, else the caller's own trust. SVC_INVALID
 * naming "hospital" when that is no hospital trust or the caller is at
 * none; SVC_FAILED. */
int discharge_hospital_org(struct svc_ctx *c, const char *hospital, char org[STORE_ID_LEN]);
/* The date s into *d: 1 when it is one (or, not required, when it is
 * absent), else 0 with a field error naming field. */
int discharge_date_arg(struct svc_ctx *c, const char *s, const char *field, int required, struct date *d);

#endif
