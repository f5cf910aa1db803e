"""Directory, traded time, visits and the calendar under /agencies/."""

from django.urls import path

from . import views_directory as d
from . import views_visits as v

urlpatterns = [
    path("agencies/", d.agency_list, name="agency-list"),
    path("agencies/new/", d.agency_create, name="agency-create"),
    path("agencies/<int:agency_id>/", d.agency_detail, name="agency-detail"),
    path("agencies/<int:agency_id>/edit/", d.agency_edit, name="agency-edit"),
    path("agencies/<int:agency_id>/active/", d.agency_active, name="agency-active"),
    path("agencies/<int:agency_id>/purchases/new/", d.purchase_create, name="agency-purchase-create"),
    path("agencies/purchases/<int:purchase_id>/edit/", d.purchase_edit, name="agency-purchase-edit"),
    path("agencies/calendar/", v.calendar, name="agency-calendar"),
    path("agencies/calendar.ics", v.calendar_ics, name="agency-calendar-ics"),
    path("agencies/visits/new/", v.visit_create, name="visit-create"),
    path("agencies/visits/<int:visit_id>/edit/", v.visit_edit, name="visit-edit"),
    path("agencies/visits/<int:visit_id>/cancel/", v.visit_cancel, name="visit-cancel"),
]
