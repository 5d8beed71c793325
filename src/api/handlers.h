/* handlers: every route handler, named h_* (JSON API) or p_* (HTML page).
 * The route table in routes.c binds each to a method, path and permission. */
#ifndef SEAMLESS_HANDLERS_H
#define SEAMLESS_HANDLERS_H
#include "http/http.h"
#include "svc/accounts.h"

void h_healthz(struct request *req, struct response *res);
void h_ready(struct request *req, struct response *res);
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
/* Shared by the JSON API and the admin pages: create from a decoded body
 * with the outcome in api_ctx(req) (svc/accounts.h). */
int api_team_create(struct request *req, json_t *body, char id[STORE_ID_LEN]);
int api_user_create(struct request *req, json_t *body, char id[STORE_ID_LEN]);
int api_token_issue(struct request *req, json_t *body, char token[API_TOKEN_LEN], char id[STORE_ID_LEN]);
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
void h_bank_holidays_list(struct request *req, struct response *res);
void h_bank_holiday_add(struct request *req, struct response *res);
void h_bank_holiday_remove(struct request *req, struct response *res);
void h_bank_holiday_year_complete(struct request *req, struct response *res);
void p_bank_holidays(struct request *req, struct response *res);
void p_bank_holiday_add(struct request *req, struct response *res);
void p_bank_holiday_year_complete(struct request *req, struct response *res);
void p_admin_team_create(struct request *req, struct response *res);

void h_token_list(struct request *req, struct response *res);
void h_token_create(struct request *req, struct response *res);
void h_token_revoke(struct request *req, struct response *res);
void p_tokens(struct request *req, struct response *res);
void p_token_create(struct request *req, struct response *res);
void p_token_revoke(struct request *req, struct response *res);

void h_audit_list(struct request *req, struct response *res);
/* The audit viewer's query from ?user_id=&person_id=&from=&to=&cursor=&limit=
 * (-1 with a 422 set when limit is wrong). */
struct svc_audit_query;
int api_audit_query(struct request *req, struct response *res, struct svc_audit_query *q);
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
void h_claim_review(struct request *req, struct response *res);
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
void h_care_act_create(struct request *req, struct response *res);
void h_care_act_list(struct request *req, struct response *res);
void h_care_act_get(struct request *req, struct response *res);
void h_care_act_update(struct request *req, struct response *res);
void h_care_act_complete(struct request *req, struct response *res);
void h_care_act_authorise(struct request *req, struct response *res);
void p_care_act_list(struct request *req, struct response *res);
void p_care_act_start(struct request *req, struct response *res);
void p_care_act_tasks(struct request *req, struct response *res);
void p_care_act_section(struct request *req, struct response *res);
void p_care_act_section_save(struct request *req, struct response *res);
void p_care_act_check(struct request *req, struct response *res);
void p_care_act_complete(struct request *req, struct response *res);
void p_care_act_authorise(struct request *req, struct response *res);
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
void p_claim_review_post(struct request *req, struct response *res);

void h_chc_review_create(struct request *req, struct response *res);
void h_chc_followup_get(struct request *req, struct response *res);
void h_pooled_fund_list(struct request *req, struct response *res);
void h_pooled_fund_create(struct request *req, struct response *res);
void h_pooled_fund_get(struct request *req, struct response *res);
void h_pooled_fund_contribution(struct request *req, struct response *res);
void h_pooled_fund_spend(struct request *req, struct response *res);
void h_jf_request_create(struct request *req, struct response *res);
void h_jf_request_get(struct request *req, struct response *res);
void h_jf_request_decision(struct request *req, struct response *res);
void h_jf_panel_put(struct request *req, struct response *res);
void h_jf_panel_agenda(struct request *req, struct response *res);
void h_jf_recharge_statement(struct request *req, struct response *res);
void p_jf_plan(struct request *req, struct response *res);
void p_jf_plan_post(struct request *req, struct response *res);
void p_jf_agenda(struct request *req, struct response *res);
void p_jf_decision_post(struct request *req, struct response *res);
void p_jf_statement(struct request *req, struct response *res);
void p_pooled_funds(struct request *req, struct response *res);
void p_pooled_fund(struct request *req, struct response *res);
void p_pooled_fund_spend_post(struct request *req, struct response *res);
void p_pooled_fund_contribution_post(struct request *req, struct response *res);
void h_chc_reviews_due(struct request *req, struct response *res);
void h_chc_challenge_create(struct request *req, struct response *res);
void h_chc_challenge_get(struct request *req, struct response *res);
void h_chc_challenge_outcome(struct request *req, struct response *res);
void h_chc_phb_create(struct request *req, struct response *res);
void h_chc_phb_get(struct request *req, struct response *res);
void h_chc_phb_update(struct request *req, struct response *res);
void p_chc_after_decision(struct request *req, struct response *res);
void p_chc_review_post(struct request *req, struct response *res);
void p_chc_challenge_post(struct request *req, struct response *res);
void p_chc_challenge_outcome_post(struct request *req, struct response *res);
void p_chc_phb_post(struct request *req, struct response *res);
void p_chc_phb_update_post(struct request *req, struct response *res);
void p_chc_reviews(struct request *req, struct response *res);

/* The session cookie (clear: expire it), signing in (req->who becomes the
 * user on SVC_OK) and out, for the JSON API and the login page
 * (api/sessions.c). */
struct svc_session;
void session_cookie_set(struct request *req, struct response *res, const char *value, int clear);
int session_login(struct request *req, const char *username, const char *password, struct svc_session *s);
void session_end(struct request *req, struct response *res);

/* A break-glass (claim 0) or self-claimed (claim 1) review of
 * req->params[0] from a decoded body, through the service: SVC_OK or the
 * outcome (api/break_glass.c; the JSON API and the pages). */
int break_glass_review_body(struct request *req, json_t *body, int claim);

void h_care_plan_create(struct request *req, struct response *res);
void h_care_plan_list(struct request *req, struct response *res);
void h_care_plan_get(struct request *req, struct response *res);
void h_care_plan_update(struct request *req, struct response *res);
void h_care_plan_task_add(struct request *req, struct response *res);
void h_care_plan_task_update(struct request *req, struct response *res);
void h_care_plan_assign(struct request *req, struct response *res);
void h_care_plan_oversight_review(struct request *req, struct response *res);
void h_training_course_create(struct request *req, struct response *res);
void h_training_course_list(struct request *req, struct response *res);
void h_training_attendance(struct request *req, struct response *res);
void h_training_uptake(struct request *req, struct response *res);
void h_task_catalogue(struct request *req, struct response *res);
void h_competency_create(struct request *req, struct response *res);
void h_competency_assessor_add(struct request *req, struct response *res);
void h_competency_assessors(struct request *req, struct response *res);
void p_competency_assessor_add(struct request *req, struct response *res);
void p_care_plan_end(struct request *req, struct response *res);
void p_care_plan_end_post(struct request *req, struct response *res);
void h_competency_get(struct request *req, struct response *res);
void h_competency_list(struct request *req, struct response *res);
void h_oversight_reviews(struct request *req, struct response *res);
void h_pb_get(struct request *req, struct response *res);
void h_pb_put(struct request *req, struct response *res);
void h_pb_review_create(struct request *req, struct response *res);
void h_pb_reviews_due(struct request *req, struct response *res);
void p_pb_page(struct request *req, struct response *res);
void p_pb_post(struct request *req, struct response *res);
void p_pb_review_post(struct request *req, struct response *res);
void p_care_plans(struct request *req, struct response *res);
void p_care_plan_create(struct request *req, struct response *res);
void p_care_plan(struct request *req, struct response *res);
void p_care_plan_status(struct request *req, struct response *res);
void p_care_plan_task_add(struct request *req, struct response *res);
void p_care_plan_assign(struct request *req, struct response *res);
void p_competencies(struct request *req, struct response *res);
void p_competency_create(struct request *req, struct response *res);
void p_oversight_reviews(struct request *req, struct response *res);

/* Hospital discharge (discharge_api.c, pages/discharge.c). */
void h_discharge_board(struct request *req, struct response *res);
void h_discharge_board_csv(struct request *req, struct response *res);
void h_discharge_reasons(struct request *req, struct response *res);
void h_hospital_wards(struct request *req, struct response *res);
void h_hospital_ward_create(struct request *req, struct response *res);
void h_hospital_stay_get(struct request *req, struct response *res);
void h_hospital_stay_review(struct request *req, struct response *res);
void h_hospital_stay_drd(struct request *req, struct response *res);
void h_hospital_stay_pathway(struct request *req, struct response *res);
void h_hospital_stay_delay_reason(struct request *req, struct response *res);
void h_hospital_stay_action(struct request *req, struct response *res);
void p_discharge_board(struct request *req, struct response *res);
void h_discharge_situation(struct request *req, struct response *res);
void h_reablement_start(struct request *req, struct response *res);
void h_reablement_end(struct request *req, struct response *res);
void h_reablement_measures(struct request *req, struct response *res);
void p_discharge_situation(struct request *req, struct response *res);
void p_hospital_stay(struct request *req, struct response *res);
void p_hospital_stay_review(struct request *req, struct response *res);
void p_hospital_stay_drd(struct request *req, struct response *res);
void p_hospital_stay_pathway(struct request *req, struct response *res);
void p_hospital_stay_delay_reason(struct request *req, struct response *res);
void p_hospital_stay_action(struct request *req, struct response *res);

#endif
