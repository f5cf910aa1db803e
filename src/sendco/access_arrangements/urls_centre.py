"""The centre's pages: evidence check and inspection file, exam series and papers, the
assessor register, the exams officer's lists."""

from django.urls import path

from . import views_assessors, views_centre, views_exam_lists

P = "access-arrangements/"

urlpatterns = [
    path(P, views_centre.landing, name="aa-home"),
    path(P + "centre/", views_centre.centre_check, name="aa-centre"),
    path(P + "centre/inspection.pdf", views_centre.inspection_pdf, name="aa-inspection-pdf"),
    path(P + "series/", views_centre.series_list, name="aa-series-list"),
    path(P + "series/new/", views_centre.series_create, name="aa-series-create"),
    path(P + "series/<int:series_id>/", views_centre.series_edit, name="aa-series-edit"),
    path(P + "series/<int:series_id>/papers/new/", views_centre.paper_edit, name="aa-paper-create"),
    path(P + "series/<int:series_id>/papers/<int:paper_id>/", views_centre.paper_edit, name="aa-paper-edit"),
    path(P + "exam-lists/", views_exam_lists.exam_list, name="aa-exam-list"),
    path(P + "assessors/", views_assessors.assessor_list, name="aa-assessor-list"),
    path(P + "assessors/new/", views_assessors.assessor_edit, name="aa-assessor-create"),
    path(P + "assessors/<int:assessor_id>/", views_assessors.assessor_edit, name="aa-assessor-edit"),
    path(P + "assessors/<int:assessor_id>/check/", views_assessors.assessor_check, name="aa-assessor-check"),
]
