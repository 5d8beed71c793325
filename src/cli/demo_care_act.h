/* demo_care_act: Care Act needs assessments for `seamless demo` — a draft
 * half filled in, completed ones (one where the assessor disagrees with
 * the computed determination, one carer's assessment) and an authorised
 * one, by sw.jones for the North social work team, authorised by tm.khan.
 * people is the demo's list of North adults (demo_work.c); the same seed
 * gives the same people and so the same assessments. Through the
 * services (svc/care_act.h), so each is audited like any other; runs
 * inside the caller's transaction. */
#ifndef SEAMLESS_DEMO_CARE_ACT_H
#define SEAMLESS_DEMO_CARE_ACT_H
#include <jansson.h>
#include "store/store.h"

int demo_care_act(struct store *db, json_t *people, struct store_error *err);

#endif
