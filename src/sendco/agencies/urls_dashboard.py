"""School-level referral pages: the dashboard (and its export) and the waiting times."""

from django.urls import path

from . import views_dashboard as views

urlpatterns = [
    path("agencies/referrals/", views.referral_dashboard, name="referral-dashboard"),
    path("agencies/referrals/export/", views.referral_dashboard_export, name="referral-dashboard-export"),
    path("agencies/waiting-times/", views.waiting_times, name="referral-waiting-times"),
]
