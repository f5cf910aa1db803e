from django.urls import path

from . import audit_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("pupils/", views.pupil_list, name="pupil-list"),
    path("pupils/search/", views.pupil_search, name="pupil-search"),
    path("pupils/new/", views.pupil_create, name="pupil-create"),
    path("pupils/removed/", views.deleted_pupils, name="pupil-deleted-list"),
    path("pupils/<int:pk>/", views.pupil_detail, name="pupil-detail"),
    path("pupils/<int:pk>/edit/", views.pupil_edit, name="pupil-edit"),
    path("pupils/<int:pk>/remove/", views.pupil_delete, name="pupil-delete"),
    path("pupils/<int:pk>/restore/", views.pupil_restore, name="pupil-restore"),
    path("pupils/<int:pk>/photo/", views.pupil_photo, name="pupil-photo"),
    path("pupils/<int:pk>/audit/", audit_views.pupil_audit, name="pupil-audit"),
    path("audit/access/", audit_views.access_changes, name="audit-access-changes"),
    path("audit/access-log/", audit_views.access_log_form, name="audit-access-log"),
    path("audit/access-log/export/", audit_views.access_log_export, name="audit-access-log-export"),
]
