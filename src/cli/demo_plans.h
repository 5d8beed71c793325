/* demo_plans: care and support plans for two of the North locality people
 * demo_work lists — an active plan held by the North social work team
 * (personal care by the council; stoma care funded by the ICB, delegated to
 * a Homecare Partners care worker assessed competent, whose oversight
 * review is overdue) and a draft plan the council funds nursing in (s.22
 * forbidden, so it cannot go active) — and competencies expiring and
 * expired on the register. Runs in the caller's transaction; adds nothing
 * when fewer than fifteen people are given. 0 or -1 (err filled). */
#ifndef SEAMLESS_DEMO_PLANS_H
#define SEAMLESS_DEMO_PLANS_H
#include <jansson.h>
#include "store/store.h"

int demo_plans(struct store *db, json_t *people, struct store_error *err);

#endif
