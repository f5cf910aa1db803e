from django.urls import path

from . import document_views, school_views, views

urlpatterns = [
    path("pupils/<int:pk>/passport/", views.passport, name="plans-passport"),
    path("pupils/<int:pk>/passport/edit/", views.passport_edit, name="plans-passport-edit"),
    path("pupils/<int:pk>/passport/photo/", views.passport_photo, name="plans-passport-photo"),
    path(
        "pupils/<int:pk>/passport/document.<str:fmt>",
        document_views.passport_document,
        name="plans-passport-document",
    ),
    path("pupils/<int:pk>/plan/", views.plan, name="plans-plan"),
    path("pupils/<int:pk>/plan/new/", views.plan_start, name="plans-plan-start"),
    path("pupils/<int:pk>/plan/compare/", views.compare, name="plans-compare"),
    path("pupils/<int:pk>/plan/history.pdf", document_views.history_pack, name="plans-history-pack"),
    path("pupils/<int:pk>/plan/<int:cycle>/", views.cycle, name="plans-cycle"),
    path("pupils/<int:pk>/plan/<int:cycle>/edit/", views.cycle_edit, name="plans-cycle-edit"),
    path("pupils/<int:pk>/plan/<int:cycle>/targets/new/", views.target_edit, name="plans-target-add"),
    path(
        "pupils/<int:pk>/plan/<int:cycle>/targets/<int:target>/", views.target_edit, name="plans-target-edit"
    ),
    path(
        "pupils/<int:pk>/plan/<int:cycle>/targets/<int:target>/remove/",
        views.target_remove,
        name="plans-target-remove",
    ),
    path("pupils/<int:pk>/plan/<int:cycle>/review/", views.review, name="plans-review"),
    path("pupils/<int:pk>/plan/<int:cycle>/review/undo/", views.review_undo, name="plans-review-undo"),
    path("pupils/<int:pk>/plan/<int:cycle>/invite/", views.invite, name="plans-invite"),
    path("pupils/<int:pk>/plan/<int:cycle>/your-views/", views.parent_views, name="plans-parent-views"),
    path("pupils/<int:pk>/plan/<int:cycle>/confirm/", views.confirm, name="plans-confirm"),
    path(
        "pupils/<int:pk>/plan/<int:cycle>/document.<str:fmt>",
        document_views.cycle_document,
        name="plans-cycle-document",
    ),
    path(
        "pupils/<int:pk>/plan/<int:cycle>/review.<str:fmt>",
        document_views.review_document,
        name="plans-review-document",
    ),
    path("reviews/", school_views.reviews_due, name="plans-reviews-due"),
    path("classes/", school_views.classes, name="plans-classes"),
    path("classes/<int:group>/", school_views.class_view, name="plans-class"),
    path("classes/<int:group>/passports.pdf", document_views.class_pdf, name="plans-class-pdf"),
    path("plans/strategies/", school_views.strategy_bank, name="plans-strategies"),
    path("plans/strategies/new/", school_views.strategy_edit, name="plans-strategy-add"),
    path("plans/strategies/<int:strategy>/", school_views.strategy_edit, name="plans-strategy-edit"),
    path("plans/templates/", school_views.templates, name="plans-templates"),
    path("plans/templates/new/", school_views.template_edit, name="plans-template-add"),
    path("plans/templates/<int:template>/", school_views.template_edit, name="plans-template-edit"),
]
