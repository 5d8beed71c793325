/* demo_discharge: hospital discharge in the synthetic county. The wards of
 * the acute and community trusts with their IDTs (once, with the base
 * demo); then a day's inpatients admitted through the HL7 intake exactly as
 * a trust's engine would send them (A01, some A03), and the IDT's reviews,
 * pathways, delay reasons and next actions through the discharge services
 * — about half pathway 0, most of the rest pathway 1, a few 2 and 3. */
#ifndef SEAMLESS_DEMO_DISCHARGE_H
#define SEAMLESS_DEMO_DISCHARGE_H
#include <stdint.h>
#include "store/store.h"

int demo_discharge_wards(struct store *db);
/* Up to max inpatients from the people already generated. */
int demo_discharge_inpatients(struct store *db, int max, uint64_t seed);

#endif
