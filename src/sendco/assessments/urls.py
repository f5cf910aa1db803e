from django.urls import path

from . import views, views_reports

urlpatterns = [
    path("pupils/<int:pk>/assessments/", views.pupil_assessments, name="assessment-pupil-list"),
    path("pupils/<int:pk>/assessments/new/", views.record, name="assessment-record"),
    path("assessments/<int:assessment_id>/", views.detail, name="assessment-detail"),
    path("assessments/<int:assessment_id>/correct/", views.correct, name="assessment-correct"),
    path("pupils/<int:pk>/reports/", views_reports.pupil_reports, name="report-pupil-list"),
    path("pupils/<int:pk>/reports/new/", views_reports.upload, name="report-upload"),
    path("reports/<int:report_id>/", views_reports.detail, name="report-detail"),
    path("reports/<int:report_id>/edit/", views_reports.edit, name="report-edit"),
    path("reports/<int:report_id>/file/", views_reports.report_file, name="report-file"),
    path(
        "recommendations/<int:recommendation_id>/decide/",
        views_reports.decide,
        name="report-recommendation-decide",
    ),
]
