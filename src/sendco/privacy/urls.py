from django.urls import path

from . import views

urlpatterns = [
    path("pupils/<int:pk>/subject-access/", views.subject_access, name="privacy-sar"),
    path(
        "pupils/<int:pk>/subject-access/<int:sar_id>/export/",
        views.subject_access_export,
        name="privacy-sar-export",
    ),
    path(
        "pupils/<int:pk>/subject-access/<int:sar_id>/answered/",
        views.complete_request,
        name="privacy-sar-complete",
    ),
    path(
        "pupils/<int:pk>/legal-holds/<int:hold_id>/lift/",
        views.lift_hold,
        name="privacy-hold-lift",
    ),
]
