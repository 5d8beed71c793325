/* What each page form confirms on the page it leads to (notice.h). */
#include "web/notice.h"
#include <string.h>

static const struct { const char *route, *slug, *message; } notices[] = {
    {"/admin/users", "user-added", "User added"},
    {"/admin/teams", "team-added", "Team added"},
    {"/admin/bank-holidays", "holiday-added", "Bank holiday added"},
    {"/admin/bank-holidays/years", "holidays-complete", "The year's bank holidays are marked complete"},
    {"/account/tokens/{id}/revoke", "token-revoked", "Token revoked"},
    {"/admin/users/{id}/tokens/{token}/revoke", "token-revoked", "Token revoked"},
    {"/persons", "person-registered", "Person registered"},
    {"/persons/{id}/edit", "person-saved", "Details saved"},
    {"/persons/{id}/cld", "cld-saved", "Client Level Data details saved"},
    {"/persons/{id}/break-glass", "break-glass", "Emergency access granted for a limited time. Your reason is recorded and the privacy officer reviews it"},
    {"/privacy/break-glass/{id}/review", "access-reviewed", "Review recorded"},
    {"/privacy/self-claimed/{id}/review", "access-reviewed", "Review recorded"},
    {"/referrals/{id}/triage", "referral-triaged", "Referral triaged"},
    {"/referrals/{id}/accept", "referral-accepted", "Referral accepted: the person is on your team's caseload"},
    {"/referrals/{id}/decline", "referral-declined", "Referral declined and returned to the front door"},
    {"/referrals/{id}/reroute", "referral-rerouted", "Referral sent on"},
    {"/persons/{id}/care-act", "assessment-started", "Assessment started"},
    {"/care-act/{id}/section/{name}", "section-saved", "Section saved"},
    {"/care-act/{id}/complete", "assessment-completed", "Assessment completed and sent for authorisation"},
    {"/care-act/{id}/authorise", "assessment-authorised", "Assessment authorised"},
    {"/meetings", "meeting-created", "Meeting created"},
    {"/meetings/{id}/attendees", "attendee-added", "Attendee added"},
    {"/meetings/{id}/agenda", "agenda-added", "Added to the agenda"},
    {"/meetings/{id}/agenda/{item}/notes", "notes-saved", "Notes saved"},
    {"/meetings/{id}/decisions", "decision-recorded", "Decision recorded"},
    {"/meetings/{id}/actions", "action-added", "Action added"},
    {"/decisions/{id}/shared-care", "shared-care-opened", "Shared care discussion opened"},
    {"/shared-care/{id}/decision", "shared-care-decided", "Shared care decision recorded"},
    {"/actions/{id}/done", "action-done", "Action marked as done"},
    {"/persons/{id}/chc/checklist", "checklist-saved", "Checklist saved"},
    {"/persons/{id}/chc/fast-track", "fast-track-sent", "Fast Track referral made"},
    {"/chc/checklists/{id}/send", "checklist-sent", "Checklist sent to the integrated care board"},
    {"/chc/cases", "chc-case-opened", "Continuing healthcare case opened"},
    {"/chc/cases/{id}/decision", "chc-decided", "Decision recorded"},
    {"/chc/cases/{id}/package-start", "package-started", "Package start recorded"},
    {"/chc/cases/{id}/assessment", "dst-started", "Decision Support Tool started"},
    {"/chc/assessments/{id}/domains/{key}", "domain-saved", "Domain saved"},
    {"/chc/assessments/{id}/details", "details-saved", "Details saved"},
    {"/chc/assessments/{id}/complete", "dst-completed", "Decision Support Tool completed"},
    {"/persons/{id}/plans", "plan-created", "Care plan created"},
    {"/plans/{id}/status", "plan-status", "Care plan status changed"},
    {"/plans/{id}/end", "plan-ended", "Care plan ended"},
    {"/plans/{id}/tasks", "task-added", "Task added to the plan"},
    {"/plans/{id}/assign", "worker-assigned", "Worker assigned"},
    {"/competencies", "competency-recorded", "Competency recorded"},
    {"/plans/{id}/assignments/{assignment}/oversight-review", "oversight-recorded", "Oversight review recorded"},
    {"/competencies/assessors", "assessor-named", "Assessor named"},
    {"/chc/cases/{id}/reviews", "review-recorded", "Review recorded"},
    {"/chc/cases/{id}/challenges", "challenge-recorded", "Challenge recorded"},
    {"/chc/challenges/{id}/outcome", "outcome-recorded", "Outcome recorded"},
    {"/chc/cases/{id}/phb", "phb-recorded", "Personal health budget recorded"},
    {"/chc/phbs/{id}/change", "phb-changed", "Personal health budget changed"},
    {"/pooled-funds/{id}/spend", "spend-recorded", "Spend recorded"},
    {"/pooled-funds/{id}/contributions", "contribution-recorded", "Contribution recorded"},
    {"/plans/{id}/joint-funding", "joint-funding-saved", "Joint funding request saved"},
    {"/plans/{id}/personal-budget", "budget-agreed", "Personal budget agreed"},
    {"/plans/{id}/personal-budget/reviews", "review-recorded", "Review recorded"},
    {"/joint-funding-requests/{id}/decision", "panel-decided", "Panel decision recorded"},
    {"/disputes/new", "dispute-raised", "Dispute raised"},
    {"/disputes/{id}/{action}", "dispute-updated", "Dispute updated"},
    {"/hospital-stays/{id}/reviews", "review-recorded", "Review recorded"},
    {"/hospital-stays/{id}/discharge-ready-date", "drd-recorded", "Discharge-ready date recorded"},
    {"/hospital-stays/{id}/pathway", "pathway-recorded", "Discharge pathway recorded"},
    {"/hospital-stays/{id}/delay-reasons", "delay-recorded", "Delay reason recorded"},
    {"/hospital-stays/{id}/next-action", "next-action-recorded", "Next action recorded"},
    {"/hospital-stays/{id}/transfers", "transfer-sent", "Referral sent: the receiving service can now see this stay"},
    {"/discharge/held/{id}/match", "held-matched", "Message matched to the person and applied"},
    {"/discharge/held/{id}/close", "held-closed", "Message closed"},
    {"/discharge/wards", "ward-added", "Ward added"},
};
#define NOTICES (sizeof notices / sizeof notices[0])

const char *notice_for_route(const char *route)
{
    for (size_t i = 0; route && i < NOTICES; i++)
        if (strcmp(notices[i].route, route) == 0)
            return notices[i].slug;
    return NULL;
}

const char *notice_message(const char *slug)
{
    for (size_t i = 0; slug && i < NOTICES; i++)
        if (strcmp(notices[i].slug, slug) == 0)
            return notices[i].message;
    return NULL;
}

const char *notice_cookie(int secure)
{
    return secure ? "__Host-seamless-notice" : "seamless_notice";
}
