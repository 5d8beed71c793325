/* fast_track: the NHS CHC Fast Track Pathway Tool.
 *
 * Source: National Framework for NHS Continuing Healthcare (July 2022),
 * Fast Track Pathway Tool: an appropriate clinician — a registered nurse or
 * a doctor (including a GP) responsible for the person's diagnosis,
 * treatment or care — states that the person has a rapidly deteriorating
 * condition that may be entering a terminal phase, with the reason. The ICB
 * must accept it and arrange the package immediately: no Checklist, no DST.
 * Dates are "YYYY-MM-DD", checked by the caller's date parser; here only
 * "not after today" is decided (string order is date order). */
#ifndef SEAMLESS_FAST_TRACK_H
#define SEAMLESS_FAST_TRACK_H
#include "domain/domain_error.h"

#define FAST_TRACK_REASON_MIN 10

/* 1 when staff of this profession may make a Fast Track referral (an
 * appropriate clinician: registered nurse, doctor, GP). Pages offer Fast
 * Track only to them (issue #14 item 7), and fast_track_check refuses
 * anyone else. */
int fast_track_may_refer(const char *profession);
/* DOMAIN_OK means eligible immediately. Errors name "profession",
 * "reason" or "date". */
int fast_track_check(const char *profession, const char *reason, const char *date, const char *today,
                     struct domain_error *err);

#endif
