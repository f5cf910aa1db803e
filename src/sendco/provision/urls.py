from django.urls import path

from .views import groups, money, register, reports

urlpatterns = [
    path("provision/", groups.home, name="provision-home"),
    path("provision/library/", groups.library, name="provision-library"),
    path("provision/library/new/", groups.library_edit, name="provision-library-new"),
    path("provision/library/<int:pk>/edit/", groups.library_edit, name="provision-library-edit"),
    path("provision/library/<int:provision_pk>/start/", groups.group_new, name="provision-group-new"),
    path("provision/groups/", groups.group_list, name="provision-group-list"),
    path("provision/groups/<int:pk>/", groups.group_detail, name="provision-group"),
    path("provision/groups/<int:pk>/edit/", groups.group_edit, name="provision-group-edit"),
    path("provision/groups/<int:pk>/add-pupil/", groups.member_add, name="provision-member-add"),
    path("provision/groups/<int:pk>/register/", register.register, name="provision-register"),
    path("provision/sessions/<int:pk>/", register.session_edit, name="provision-session-edit"),
    path("provision/sessions/<int:pk>/delete/", register.session_delete, name="provision-session-delete"),
    path("provision/groups/<int:pk>/scores/", register.measures, name="provision-measures"),
    path("provision/places/<int:pk>/scores/", register.place_measures, name="provision-place-measures"),
    path("provision/map/", reports.provision_map, name="provision-map"),
    path("provision/map/map.xlsx", reports.provision_map_export, {"fmt": "xlsx"}, name="provision-map-xlsx"),
    path("provision/map/map.pdf", reports.provision_map_export, {"fmt": "pdf"}, name="provision-map-pdf"),
    path("provision/impact/", reports.impact_report, name="provision-impact"),
    path("provision/impact/impact.xlsx", reports.impact_export, name="provision-impact-xlsx"),
    path("provision/section-f/", reports.shortfall, name="provision-shortfall"),
    path("provision/rates/", money.rates, name="provision-rates"),
    path("provision/terms/", money.terms, name="provision-terms"),
    path("provision/budget/", money.budget, name="provision-budget"),
    path("provision/budget/report.pdf", money.budget_pdf, name="provision-budget-pdf"),
    path("pupils/<int:pk>/provision/", reports.pupil_provision, name="provision-pupil"),
    path("pupils/<int:pk>/provision/map.pdf", reports.pupil_provision_pdf, name="provision-pupil-pdf"),
    path("pupils/<int:pk>/provision/map.xlsx", reports.pupil_provision_export, name="provision-pupil-xlsx"),
]
