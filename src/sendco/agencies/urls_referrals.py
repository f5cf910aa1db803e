from django.urls import path

from . import views_consent, views_referral_changes, views_referrals

urlpatterns = [
    path("pupils/<int:pk>/referrals/", views_referrals.pupil_referrals, name="referral-pupil-list"),
    path("pupils/<int:pk>/referrals/new/", views_referrals.referral_create, name="referral-create"),
    path("pupils/<int:pk>/consents/new/", views_consent.consent_create, name="consent-create"),
    path(
        "agencies/consents/<int:consent_id>/withdraw/",
        views_consent.consent_withdraw,
        name="consent-withdraw",
    ),
    path("agencies/referrals/<int:referral_id>/", views_referrals.referral_detail, name="referral-detail"),
    path(
        "agencies/referrals/<int:referral_id>/status/",
        views_referral_changes.referral_status,
        name="referral-status",
    ),
    path(
        "agencies/referrals/<int:referral_id>/edit/",
        views_referral_changes.referral_edit,
        name="referral-edit",
    ),
    path(
        "agencies/referrals/<int:referral_id>/documents/new/",
        views_referral_changes.referral_document_add,
        name="referral-document-add",
    ),
    path(
        "agencies/referrals/<int:referral_id>/documents/<int:document_id>/",
        views_referrals.referral_document,
        name="referral-document",
    ),
    path(
        "agencies/referrals/<int:referral_id>/referral.pdf",
        views_referrals.referral_print,
        name="referral-print",
    ),
]
