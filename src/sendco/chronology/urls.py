from django.urls import path

from sendco.core import category_views

from . import views
from .categories import CATEGORIES

urlpatterns = [
    path("pupils/<int:pk>/chronology/", views.entry_list, name="chronology-list"),
    path("pupils/<int:pk>/chronology/new/", views.entry_create, name="chronology-create"),
    path("pupils/<int:pk>/chronology/pdf/", views.entry_pdf, name="chronology-pdf"),
    path("chronology/<int:entry_id>/", views.entry_detail, name="chronology-detail"),
    path("chronology/<int:entry_id>/correct/", views.entry_edit, name="chronology-edit"),
    path("chronology/<int:entry_id>/follow-up-done/", views.follow_up_done, name="chronology-follow-up-done"),
    path(
        "chronology/<int:entry_id>/attachments/<int:attachment_id>/",
        views.attachment_download,
        name="chronology-attachment",
    ),
    path(
        "chronology/categories/",
        category_views.category_list,
        {"kind": CATEGORIES},
        name="chronology-categories",
    ),
    path(
        "chronology/categories/<int:category_id>/",
        category_views.category_edit,
        {"kind": CATEGORIES},
        name="chronology-category-edit",
    ),
]
