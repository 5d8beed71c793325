/* persons_api: person operations shared by the JSON API and the pages. */
#ifndef SEAMLESS_PERSONS_API_H
#define SEAMLESS_PERSONS_API_H
#include "http/http.h"

/* Adds display fields (nhs_number_formatted, has_alerts). */
void person_present(json_t *p);
int person_create(struct request *req, struct response *res, json_t *body, char id[STORE_ID_LEN]);
int person_update(struct request *req, struct response *res, const char *id, json_t *body);
/* Search by ?nhs_number= | ?family_name=&date_of_birth= | ?postcode=;
 * identifying fields only, has_access per result, each result audited. */
json_t *person_search(struct request *req, struct response *res);

#endif
