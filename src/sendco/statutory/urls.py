from django.urls import path

from . import views

P = "pupils/<int:pk>/ehc/"
PLAN = P + "plans/<int:plan_id>/"
REVIEW = P + "reviews/<int:review_id>/"
REQUEST = P + "requests/<int:rid>/"

urlpatterns = [
    path(P, views.pupil_ehc, name="statutory-pupil"),
    path(P + "requests/new/", views.request_new, name="statutory-request-new"),
    path(REQUEST, views.request_edit, name="statutory-request-edit"),
    path(REQUEST + "advice/new/", views.advice_new, name="statutory-advice-new"),
    path(REQUEST + "advice/<int:aid>/", views.advice_new, name="statutory-advice-edit"),
    path(REQUEST + "document/", views.request_document_edit, name="statutory-request-document"),
    path(REQUEST + "document.pdf", views.request_document_pdf, name="statutory-request-pdf"),
    path(REQUEST + "document.docx", views.request_document_docx, name="statutory-request-docx"),
    path(P + "plans/new/", views.plan_new, name="statutory-plan-new"),
    path(PLAN, views.plan_detail, name="statutory-plan"),
    path(PLAN + "edit/", views.plan_edit, name="statutory-plan-edit"),
    path(PLAN + "outcomes/new/", views.outcome_form, name="statutory-outcome-new"),
    path(PLAN + "outcomes/<int:oid>/", views.outcome_form, name="statutory-outcome-edit"),
    path(PLAN + "provision/new/", views.provision_form, name="statutory-provision-new"),
    path(PLAN + "provision/<int:item_id>/", views.provision_form, name="statutory-provision-edit"),
    path(PLAN + "documents/new/", views.document_upload, name="statutory-document-upload"),
    path(PLAN + "documents/<int:doc_id>/", views.document_download, name="statutory-document"),
    path(PLAN + "reviews/new/", views.review_new, name="statutory-review-new"),
    path(PLAN + "amendments/new/", views.amendment_form, name="statutory-amendment-new"),
    path(PLAN + "amendments/<int:amendment_id>/", views.amendment_form, name="statutory-amendment-edit"),
    path(REVIEW, views.review_detail, name="statutory-review"),
    path(REVIEW + "edit/", views.review_edit, name="statutory-review-edit"),
    path(REVIEW + "meeting/", views.review_meeting, name="statutory-review-meeting"),
    path(REVIEW + "invitees/new/", views.invitee_form, name="statutory-invitee-new"),
    path(REVIEW + "invitees/<int:invitee_id>/", views.invitee_form, name="statutory-invitee-edit"),
    path(REVIEW + "invite/", views.review_invite, name="statutory-review-invite"),
    path(REVIEW + "invitation.ics", views.review_ics, name="statutory-review-ics"),
    path(REVIEW + "letters.pdf", views.review_letters, name="statutory-review-letters"),
    path(REVIEW + "report.pdf", views.review_report, name="statutory-review-report"),
    path("statutory/", views.dashboard, name="statutory-dashboard"),
    path("statutory/export.xlsx", views.dashboard_export, name="statutory-dashboard-export"),
    path("statutory/trust/", views.trust_dashboard, name="statutory-trust"),
    path("statutory/rules/", views.rules_page, name="statutory-rules"),
    path("statutory/la-settings/", views.la_settings, name="statutory-la-settings"),
    path("statutory/la-settings/new/", views.la_setting_form, name="statutory-la-setting-new"),
    path("statutory/la-settings/<int:setting_id>/", views.la_setting_form, name="statutory-la-setting-edit"),
    path("statutory/calendar/", views.calendar_settings, name="statutory-calendar"),
    path("statutory/feed/<str:token>.ics", views.calendar_feed, name="statutory-feed"),
]
