from django.urls import path

from . import views

urlpatterns = [
    path("provision/", views.home, name="provision-home"),
    path("provision/library/", views.library, name="provision-library"),
    path("provision/library/new/", views.library_edit, name="provision-library-new"),
    path("provision/library/<int:pk>/edit/", views.library_edit, name="provision-library-edit"),
    path("provision/library/<int:provision_pk>/start/", views.group_new, name="provision-group-new"),
    path("provision/groups/", views.group_list, name="provision-group-list"),
    path("provision/groups/<int:pk>/", views.group_detail, name="provision-group"),
    path("provision/groups/<int:pk>/edit/", views.group_edit, name="provision-group-edit"),
    path("provision/groups/<int:pk>/add-pupil/", views.member_add, name="provision-member-add"),
    path("provision/groups/<int:pk>/register/", views.register, name="provision-register"),
    path("provision/groups/<int:pk>/scores/", views.measures, name="provision-measures"),
    path("provision/places/<int:pk>/scores/", views.place_measures, name="provision-place-measures"),
    path("provision/map/", views.provision_map, name="provision-map"),
    path("provision/map/map.xlsx", views.provision_map_export, {"fmt": "xlsx"}, name="provision-map-xlsx"),
    path("provision/map/map.pdf", views.provision_map_export, {"fmt": "pdf"}, name="provision-map-pdf"),
    path("provision/impact/", views.impact_report, name="provision-impact"),
    path("provision/section-f/", views.shortfall, name="provision-shortfall"),
    path("provision/rates/", views.rates, name="provision-rates"),
    path("provision/terms/", views.terms, name="provision-terms"),
    path("provision/budget/", views.budget, name="provision-budget"),
    path("provision/budget/report.pdf", views.budget_pdf, name="provision-budget-pdf"),
    path("pupils/<int:pk>/provision/", views.pupil_provision, name="provision-pupil"),
    path("pupils/<int:pk>/provision/map.pdf", views.pupil_provision_pdf, name="provision-pupil-pdf"),
]
