/* person_view: the parts of a person's record that a Patient is made of,
 * as plain strings, for a writer that streams records without building
 * each one as JSON first (the $export: store/persons_stream.c fills it
 * from a statement's columns; fhir/patient_map.c writes it).
 *
 * A member is NULL when the record holds nothing there (SQL NULL, JSON
 * null). The strings belong to whoever filled the view and last only for
 * the call that receives it. */
#ifndef SEAMLESS_PERSON_VIEW_H
#define SEAMLESS_PERSON_VIEW_H

struct person_view_contact {
    const char *name, *relationship, *phone, *email;
    int next_of_kin;
};

struct person_view_identifier {
    const char *org_code, *org_name, *identifier;
};

struct person_view {
    const char *id, *updated_at, *merged_into;
    long long version;
    const char *nhs_number;
    const char *nhs_number_status;   /* "01".."08" (domain/nhs_number.h) */
    const char *family_name, *given_name, *preferred_name, *sex, *date_of_birth, *date_of_death;
    const char *address_line1, *address_line2, *town, *postcode, *phone, *email, *main_language;
    int interpreter_needed;
    const char *gp_practice_id, *gp_practice_code, *gp_practice_name;
    const struct person_view_contact *contacts;
    int n_contacts;
    const struct person_view_identifier *identifiers;
    int n_identifiers;
};

#endif
