from django.urls import path

from . import views

urlpatterns = [
    path("pupils/<int:pk>/assessments/", views.pupil_assessments, name="assessment-pupil-list"),
    path("pupils/<int:pk>/assessments/new/", views.record, name="assessment-record"),
    path("assessments/<int:assessment_id>/", views.detail, name="assessment-detail"),
    path("assessments/<int:assessment_id>/correct/", views.correct, name="assessment-correct"),
]
