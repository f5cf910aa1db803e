from django.urls import path

from . import views

urlpatterns = [
    path("pupils/<int:pk>/audit/", views.pupil_audit, name="pupil-audit"),
]
