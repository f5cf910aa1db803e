from django.urls import path

from . import views, views_evidence

urlpatterns = [
    path("pupils/<int:pk>/access-arrangements/", views.pupil_tab, name="aa-pupil"),
    path("pupils/<int:pk>/access-arrangements/new/", views.arrangement_form, name="aa-arrangement-new"),
    path(
        "pupils/<int:pk>/access-arrangements/<int:arrangement_id>/",
        views.arrangement_form,
        name="aa-arrangement-edit",
    ),
    path(
        "pupils/<int:pk>/access-arrangements/<int:arrangement_id>/decision/",
        views.decision,
        name="aa-decision",
    ),
    path(
        "pupils/<int:pk>/access-arrangements/<int:arrangement_id>/ask/",
        views.normal_way_request,
        name="aa-normal-way-request",
    ),
    path(
        "pupils/<int:pk>/access-arrangements/<int:arrangement_id>/evidence/",
        views_evidence.alternative_evidence,
        name="aa-alternative-evidence",
    ),
    path(
        "pupils/<int:pk>/access-arrangements/<int:arrangement_id>/evidence/<int:evidence_id>/file/",
        views_evidence.alternative_evidence_file,
        name="aa-alternative-evidence-file",
    ),
    path("pupils/<int:pk>/form-8/part-1/", views.form8_part1, name="aa-form8-part1"),
    path("pupils/<int:pk>/form-8/part-2/", views.form8_part2, name="aa-form8-part2"),
    path("pupils/<int:pk>/form-8/part-3/", views.form8_part3, name="aa-form8-part3"),
    path("access-arrangements/my-requests/", views.my_requests, name="aa-my-requests"),
    path(
        "access-arrangements/my-requests/<int:request_id>/",
        views.normal_way_answer,
        name="aa-normal-way-answer",
    ),
]
