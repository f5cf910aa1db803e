from django.urls import path

from . import views

urlpatterns = [
    path("pupils/<int:pk>/audit/", views.pupil_audit, name="pupil-audit"),
    path("audit/access/", views.access_changes, name="audit-access-changes"),
]
