/* handlers: every route handler, named h_* (JSON API) or p_* (HTML page).
 * The route table in routes.c binds each to a method, path and permission. */
#ifndef SEAMLESS_HANDLERS_H
#define SEAMLESS_HANDLERS_H
#include "http/http.h"

void h_healthz(struct request *req, struct response *res);
void h_static(struct request *req, struct response *res);
void h_asset_image(struct request *req, struct response *res);

void h_session_create(struct request *req, struct response *res);
void h_session_delete(struct request *req, struct response *res);
void h_me(struct request *req, struct response *res);
void p_login(struct request *req, struct response *res);
void p_login_post(struct request *req, struct response *res);
void p_logout(struct request *req, struct response *res);
void p_home(struct request *req, struct response *res);

void h_org_list(struct request *req, struct response *res);
void h_team_list(struct request *req, struct response *res);
void h_team_create(struct request *req, struct response *res);
void h_team_get(struct request *req, struct response *res);
void h_team_update(struct request *req, struct response *res);
void h_user_list(struct request *req, struct response *res);
void h_user_create(struct request *req, struct response *res);
void h_user_get(struct request *req, struct response *res);
void h_user_update(struct request *req, struct response *res);
void p_admin_users(struct request *req, struct response *res);
void p_admin_user_new(struct request *req, struct response *res);
void p_admin_user_create(struct request *req, struct response *res);
void p_admin_teams(struct request *req, struct response *res);
void p_admin_team_create(struct request *req, struct response *res);

void h_token_list(struct request *req, struct response *res);
void h_token_create(struct request *req, struct response *res);
void h_token_revoke(struct request *req, struct response *res);
void p_tokens(struct request *req, struct response *res);
void p_token_create(struct request *req, struct response *res);
void p_token_revoke(struct request *req, struct response *res);

void h_audit_list(struct request *req, struct response *res);
void p_audit(struct request *req, struct response *res);

void h_person_create(struct request *req, struct response *res);
void h_person_get(struct request *req, struct response *res);
void h_person_update(struct request *req, struct response *res);
void h_person_search(struct request *req, struct response *res);
void h_person_merge(struct request *req, struct response *res);
void h_person_access_log(struct request *req, struct response *res);
void h_person_timeline(struct request *req, struct response *res);
void h_break_glass(struct request *req, struct response *res);
void h_break_glass_list(struct request *req, struct response *res);
void h_break_glass_review(struct request *req, struct response *res);
void h_referral_create(struct request *req, struct response *res);
void h_referral_get(struct request *req, struct response *res);
void h_referral_triage(struct request *req, struct response *res);
void h_referral_accept(struct request *req, struct response *res);
void h_referral_decline(struct request *req, struct response *res);
void h_referral_routes(struct request *req, struct response *res);
void h_team_queue(struct request *req, struct response *res);
void h_trusted_assessor_add(struct request *req, struct response *res);
void p_referral_new(struct request *req, struct response *res);
void p_referral_create(struct request *req, struct response *res);
void p_referral(struct request *req, struct response *res);
void p_referral_triage(struct request *req, struct response *res);
void p_referral_accept(struct request *req, struct response *res);
void p_referral_decline(struct request *req, struct response *res);
void p_team_queue(struct request *req, struct response *res);
void h_localities(struct request *req, struct response *res);
void h_cohort(struct request *req, struct response *res);
void h_case_finding_put(struct request *req, struct response *res);
void h_meeting_list(struct request *req, struct response *res);
void h_meeting_create(struct request *req, struct response *res);
void h_meeting_get(struct request *req, struct response *res);
void h_meeting_attendee_add(struct request *req, struct response *res);
void h_meeting_item_add(struct request *req, struct response *res);
void h_meeting_item_notes(struct request *req, struct response *res);
void h_meeting_decision_add(struct request *req, struct response *res);
void h_meeting_action_add(struct request *req, struct response *res);
void h_action_done(struct request *req, struct response *res);
void h_my_actions(struct request *req, struct response *res);
void h_shared_care_open(struct request *req, struct response *res);
void h_shared_care_get(struct request *req, struct response *res);
void h_shared_care_decide(struct request *req, struct response *res);
void h_shared_care_report(struct request *req, struct response *res);
void p_meetings(struct request *req, struct response *res);
void p_meeting_create(struct request *req, struct response *res);
void p_meeting(struct request *req, struct response *res);
void p_meeting_attendee_add(struct request *req, struct response *res);
void p_meeting_item_add(struct request *req, struct response *res);
void p_meeting_item_notes(struct request *req, struct response *res);
void p_meeting_decision_add(struct request *req, struct response *res);
void p_meeting_action_add(struct request *req, struct response *res);
void p_shared_care_open(struct request *req, struct response *res);
void p_shared_care(struct request *req, struct response *res);
void p_shared_care_decide(struct request *req, struct response *res);
void p_my_actions(struct request *req, struct response *res);
void p_action_done(struct request *req, struct response *res);
void p_cohorts_home(struct request *req, struct response *res);
void p_cohort(struct request *req, struct response *res);
void h_referral_report(struct request *req, struct response *res);
void h_chc_checklist_create(struct request *req, struct response *res);
void h_chc_checklist_get(struct request *req, struct response *res);
void h_chc_checklist_send(struct request *req, struct response *res);
void h_chc_assessment_create(struct request *req, struct response *res);
void h_chc_assessment_get(struct request *req, struct response *res);
void h_chc_assessment_patch(struct request *req, struct response *res);
void h_chc_fast_track(struct request *req, struct response *res);
void h_chc_decision(struct request *req, struct response *res);
void h_chc_case_create(struct request *req, struct response *res);
void h_chc_package_start(struct request *req, struct response *res);
void h_chc_case_get(struct request *req, struct response *res);
void h_chc_case_list(struct request *req, struct response *res);
void h_chc_person(struct request *req, struct response *res);
void h_chc_report(struct request *req, struct response *res);
void p_chc_pathway(struct request *req, struct response *res);
void p_chc_checklist_new(struct request *req, struct response *res);
void p_chc_checklist_create(struct request *req, struct response *res);
void p_chc_checklist(struct request *req, struct response *res);
void p_chc_checklist_send(struct request *req, struct response *res);
void p_chc_fast_track_new(struct request *req, struct response *res);
void p_chc_fast_track(struct request *req, struct response *res);
void p_chc_dashboard(struct request *req, struct response *res);
void p_chc_case(struct request *req, struct response *res);
void p_chc_decision(struct request *req, struct response *res);
void p_chc_package_start(struct request *req, struct response *res);
void p_chc_letter(struct request *req, struct response *res);
void p_chc_report(struct request *req, struct response *res);
void p_chc_dst_start(struct request *req, struct response *res);
void p_chc_case_from_referral(struct request *req, struct response *res);
void p_chc_dst(struct request *req, struct response *res);
void p_chc_dst_domain(struct request *req, struct response *res);
void p_chc_dst_domain_save(struct request *req, struct response *res);
void p_chc_dst_details(struct request *req, struct response *res);
void p_chc_dst_details_save(struct request *req, struct response *res);
void p_chc_dst_complete(struct request *req, struct response *res);
void p_person_search(struct request *req, struct response *res);
void p_person_new(struct request *req, struct response *res);
void p_person_create(struct request *req, struct response *res);
void p_person(struct request *req, struct response *res);
void p_person_edit(struct request *req, struct response *res);
void p_person_edit_post(struct request *req, struct response *res);
void p_break_glass(struct request *req, struct response *res);
void p_break_glass_post(struct request *req, struct response *res);
void p_break_glass_review_list(struct request *req, struct response *res);
void p_break_glass_review_post(struct request *req, struct response *res);

/* Shared by API and pages (break_glass.c). */
int break_glass_grant(struct request *req, struct response *res, const char *person_id, json_t *body,
                      int need_password, char id[25], char expires[32]);
int break_glass_review(struct request *req, struct response *res, const char *id, json_t *body);

#endif
