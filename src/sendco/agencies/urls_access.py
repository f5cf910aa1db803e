from django.urls import path

from . import views_access, views_access_school

urlpatterns = [
    path("pupils/<int:pk>/access/", views_access.pupil_access, name="access-pupil-list"),
    path("pupils/<int:pk>/access/new/", views_access.grant, name="access-grant"),
    path("pupils/<int:pk>/access/<int:grant_id>/extend/", views_access.extend, name="access-extend"),
    path("pupils/<int:pk>/access/<int:grant_id>/revoke/", views_access.revoke, name="access-revoke"),
    path("agencies/professionals/", views_access_school.professional_list, name="professional-list"),
    path("agencies/professionals/new/", views_access_school.professional_create, name="professional-create"),
    path(
        "agencies/professionals/set-password/<uidb64>/<token>/",
        views_access_school.set_password,
        name="professional-set-password",
    ),
    path("agencies/access/", views_access_school.grant_list, name="access-grant-list"),
]
