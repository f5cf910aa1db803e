from django.urls import path

from .views import documents, plans, requests, reviews, school

P = "pupils/<int:pk>/ehc/"
PLAN = P + "plans/<int:plan_id>/"
REVIEW = P + "reviews/<int:review_id>/"
REQUEST = P + "requests/<int:rid>/"

urlpatterns = [
    path(P, requests.pupil_ehc, name="statutory-pupil"),
    path(P + "requests/new/", requests.request_new, name="statutory-request-new"),
    path(REQUEST, requests.request_edit, name="statutory-request-edit"),
    path(REQUEST + "advice/new/", requests.advice_new, name="statutory-advice-new"),
    path(REQUEST + "advice/<int:aid>/", requests.advice_new, name="statutory-advice-edit"),
    path(REQUEST + "document/", documents.request_document_edit, name="statutory-request-document"),
    path(REQUEST + "document.pdf", documents.request_document_pdf, name="statutory-request-pdf"),
    path(REQUEST + "document.docx", documents.request_document_docx, name="statutory-request-docx"),
    path(P + "plans/new/", plans.plan_new, name="statutory-plan-new"),
    path(PLAN, plans.plan_detail, name="statutory-plan"),
    path(PLAN + "edit/", plans.plan_edit, name="statutory-plan-edit"),
    path(PLAN + "outcomes/new/", plans.outcome_form, name="statutory-outcome-new"),
    path(PLAN + "outcomes/<int:oid>/", plans.outcome_form, name="statutory-outcome-edit"),
    path(PLAN + "provision/new/", plans.provision_form, name="statutory-provision-new"),
    path(PLAN + "provision/<int:item_id>/", plans.provision_form, name="statutory-provision-edit"),
    path(PLAN + "documents/new/", documents.document_upload, name="statutory-document-upload"),
    path(PLAN + "documents/<int:doc_id>/", documents.document_download, name="statutory-document"),
    path(PLAN + "reviews/new/", reviews.review_new, name="statutory-review-new"),
    path(PLAN + "amendments/new/", plans.amendment_form, name="statutory-amendment-new"),
    path(PLAN + "amendments/<int:amendment_id>/", plans.amendment_form, name="statutory-amendment-edit"),
    path(REVIEW, reviews.review_detail, name="statutory-review"),
    path(REVIEW + "edit/", reviews.review_edit, name="statutory-review-edit"),
    path(REVIEW + "meeting/", reviews.review_meeting, name="statutory-review-meeting"),
    path(REVIEW + "invitees/new/", reviews.invitee_form, name="statutory-invitee-new"),
    path(REVIEW + "invitees/<int:invitee_id>/", reviews.invitee_form, name="statutory-invitee-edit"),
    path(REVIEW + "invite/", reviews.review_invite, name="statutory-review-invite"),
    path(REVIEW + "invitation.ics", reviews.review_ics, name="statutory-review-ics"),
    path(REVIEW + "letters.pdf", reviews.review_letters, name="statutory-review-letters"),
    path(REVIEW + "report.pdf", reviews.review_report, name="statutory-review-report"),
    path("statutory/", school.dashboard, name="statutory-dashboard"),
    path("statutory/export.xlsx", school.dashboard_export, name="statutory-dashboard-export"),
    path("statutory/trust/", school.trust_dashboard, name="statutory-trust"),
    path("statutory/rules/", school.rules_page, name="statutory-rules"),
    path("statutory/la-settings/", school.la_settings, name="statutory-la-settings"),
    path("statutory/la-settings/new/", school.la_setting_form, name="statutory-la-setting-new"),
    path("statutory/la-settings/<int:setting_id>/", school.la_setting_form, name="statutory-la-setting-edit"),
    path("statutory/calendar/", school.calendar_settings, name="statutory-calendar"),
    path("statutory/feed/<str:token>.ics", school.calendar_feed, name="statutory-feed"),
]
