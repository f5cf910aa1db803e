from django.urls import path

from sendco.core import category_views

from . import views
from .categories import CATEGORIES

urlpatterns = [
    path("concerns/", views.concern_list, name="concern-list"),
    path(
        "concerns/categories/", category_views.category_list, {"kind": CATEGORIES}, name="concern-categories"
    ),
    path(
        "concerns/categories/<int:category_id>/",
        category_views.category_edit,
        {"kind": CATEGORIES},
        name="concern-category-edit",
    ),
    path("concerns/<int:concern_id>/", views.concern_detail, name="concern-detail"),
    path("concerns/<int:concern_id>/edit/", views.concern_edit, name="concern-edit"),
    path("concerns/<int:concern_id>/ask/", views.request_input, name="concern-request-input"),
    path("concerns/<int:concern_id>/input/<int:request_id>/", views.respond, name="concern-respond"),
    path("concerns/<int:concern_id>/parents/", views.parents_views, name="concern-parents"),
    path("concerns/<int:concern_id>/decide/", views.decide, name="concern-decide"),
    path(
        "concerns/<int:concern_id>/evidence/<int:evidence_id>/",
        views.evidence_download,
        name="concern-evidence",
    ),
    path("pupils/<int:pk>/concerns/", views.pupil_concerns, name="concern-pupil-list"),
    path("pupils/<int:pk>/concerns/new/", views.concern_create, name="concern-create"),
]
