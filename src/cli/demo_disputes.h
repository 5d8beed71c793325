/* demo_disputes: the demo's partnership (the council, the ICB and the two
 * trusts) with the default disputes policy, its Integrated Personalised
 * Care Board meeting every four weeks (members: the board viewer and the
 * two partners' managers), and — once there are people with care plans —
 * two inter-agency disputes raised by the council's team manager: one open
 * at the managers' stage and one settled with a 50:50 split. */
#ifndef SEAMLESS_DEMO_DISPUTES_H
#define SEAMLESS_DEMO_DISPUTES_H
#include "store/store.h"
int demo_partnership(struct store *db);
int demo_disputes(struct store *db);
#endif
