from django.urls import path

from .views import documents, passport, plans, recommendations, reviews, school

urlpatterns = [
    path("pupils/<int:pk>/passport/", passport.passport, name="plans-passport"),
    path("pupils/<int:pk>/passport/edit/", passport.passport_edit, name="plans-passport-edit"),
    path("pupils/<int:pk>/passport/photo/", passport.passport_photo, name="plans-passport-photo"),
    path(
        "pupils/<int:pk>/passport/document.<str:fmt>",
        documents.passport_document,
        name="plans-passport-document",
    ),
    path("pupils/<int:pk>/plan/", plans.plan, name="plans-plan"),
    path("pupils/<int:pk>/plan/new/", plans.plan_start, name="plans-plan-start"),
    path("pupils/<int:pk>/plan/compare/", plans.compare, name="plans-compare"),
    path("pupils/<int:pk>/plan/history.pdf", documents.history_pack, name="plans-history-pack"),
    path("pupils/<int:pk>/plan/<int:cycle>/", plans.cycle, name="plans-cycle"),
    path("pupils/<int:pk>/plan/<int:cycle>/edit/", plans.cycle_edit, name="plans-cycle-edit"),
    path("pupils/<int:pk>/plan/<int:cycle>/targets/new/", plans.target_edit, name="plans-target-add"),
    path(
        "pupils/<int:pk>/plan/<int:cycle>/targets/<int:target>/", plans.target_edit, name="plans-target-edit"
    ),
    path(
        "pupils/<int:pk>/plan/<int:cycle>/targets/<int:target>/remove/",
        plans.target_remove,
        name="plans-target-remove",
    ),
    path(
        "pupils/<int:pk>/plan/from-recommendation/<int:recommendation>/",
        recommendations.target_from,
        name="plans-target-from-recommendation",
    ),
    path("pupils/<int:pk>/plan/<int:cycle>/review/", reviews.review, name="plans-review"),
    path("pupils/<int:pk>/plan/<int:cycle>/review/undo/", reviews.review_undo, name="plans-review-undo"),
    path("pupils/<int:pk>/plan/<int:cycle>/invite/", reviews.invite, name="plans-invite"),
    path("pupils/<int:pk>/plan/<int:cycle>/your-views/", reviews.parent_views, name="plans-parent-views"),
    path("pupils/<int:pk>/plan/<int:cycle>/confirm/", reviews.confirm, name="plans-confirm"),
    path(
        "pupils/<int:pk>/plan/<int:cycle>/document.<str:fmt>",
        documents.cycle_document,
        name="plans-cycle-document",
    ),
    path(
        "pupils/<int:pk>/plan/<int:cycle>/review.<str:fmt>",
        documents.review_document,
        name="plans-review-document",
    ),
    path("reviews/", school.reviews_due, name="plans-reviews-due"),
    path("classes/", school.classes, name="plans-classes"),
    path("classes/<int:group>/", school.class_view, name="plans-class"),
    path("classes/<int:group>/passports.pdf", documents.class_pdf, name="plans-class-pdf"),
    path("plans/strategies/", school.strategy_bank, name="plans-strategies"),
    path("plans/strategies/new/", school.strategy_edit, name="plans-strategy-add"),
    path("plans/strategies/<int:strategy>/", school.strategy_edit, name="plans-strategy-edit"),
    path("plans/templates/", school.templates, name="plans-templates"),
    path("plans/templates/new/", school.template_edit, name="plans-template-add"),
    path("plans/templates/<int:template>/", school.template_edit, name="plans-template-edit"),
]
