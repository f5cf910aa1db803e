from django.urls import path

from . import views

urlpatterns = [
    path("register/", views.register, name="register"),
    path("register/census/", views.census, name="register-census"),
    path("register/import/", views.import_upload, name="register-import"),
    path("register/import/commit/", views.import_commit, name="register-import-commit"),
    path("pupils/<int:pk>/sen/", views.pupil_sen, name="register-pupil"),
    path("pupils/<int:pk>/sen/status/", views.pupil_sen_status, name="register-pupil-status"),
    path("pupils/<int:pk>/sen/needs/", views.pupil_sen_needs, name="register-pupil-needs"),
]
