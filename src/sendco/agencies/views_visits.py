"""Visits and the SENCO's calendar: the school's upcoming (and recent) visits with the pupils
seen, book, change and cancel a visit, and the calendar as an .ics file. The calendar is read by
the SEN team and the head; pupils are named only for the SEN team, and every list that names
them leaves a row in the access log."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from sendco.audit.models import AccessLog
from sendco.audit.services import log_list
from sendco.core.access import policy
from sendco.core.concurrency import attempt_save, keep_typed_on_current
from sendco.core.form_helpers import int_or_none

from . import selectors_directory as selectors
from . import services_directory_visits as services
from .forms_directory import VisitForm
from .views_directory import version_errors_on_top


def _school(request, perm: str = "agencies.school_referrals"):
    school = selectors.school_for(request.user, perm, int_or_none(request.GET.get("school")))
    if school is None:
        raise Http404
    return school


def _pupils_seen(visits) -> int:
    return sum(len(v.visit_pupils.all()) for v in visits)


@login_required
def calendar(request):
    school = _school(request)
    names = policy.can(request.user, "agencies.school_manage", school)
    upcoming = list(selectors.visits(school).filter(cancelled=False))  # cancelled: off the calendar
    recent = list(selectors.visits(school, past=True)[:20])
    if names and _pupils_seen(upcoming + recent):
        log_list(
            request,
            what="Agency visits with pupils seen",
            count=_pupils_seen(upcoming + recent),
            school=school,
        )
    return render(
        request,
        "agencies/calendar.html",
        {
            "school": school,
            "upcoming": upcoming,
            "recent": recent,
            "names": names,
            "can_book": names,
            "school_query": f"school={school.pk}",
            "schools": policy.schools(request.user, "agencies.school_referrals"),
        },
    )


@login_required
def calendar_ics(request):
    school = _school(request)
    body = selectors.calendar_ics(request.user, school)
    if policy.can(request.user, "agencies.school_manage", school):
        log_list(
            request,
            what="Agency visits calendar (.ics) with pupils named",
            count=body.count(b"BEGIN:VEVENT"),
            school=school,
            action=AccessLog.Action.DOWNLOAD,
        )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="agency-visits.ics"'
    return response


def _form(request, school, *, visit=None, data=None):
    agencies = selectors.Scope(school=school).agencies().filter(active=True)
    if visit is not None:
        agencies = selectors.Scope(school=school).agencies().filter(pk=visit.agency_id) | agencies
    pupils = policy.pupils(request.user).filter(school=school).order_by("legal_surname", "pk")
    initial: dict = {}
    if visit is not None:
        local = timezone.localtime(visit.starts_at)
        initial = {
            "agency": visit.agency_id,
            "on": local.date(),
            "at": local.time().replace(second=0, microsecond=0),
            "duration_minutes": visit.duration_minutes,
            "professional_name": visit.professional_name,
            "purpose": visit.purpose,
            "location": visit.location,
            "days_used": visit.days_used,
            "pupils": [str(p) for p in visit.visit_pupils.values_list("pupil_id", flat=True)],
            "version": visit.version,
        }
    elif (wanted := int_or_none(request.GET.get("agency"))) is not None:
        initial = {"agency": wanted}
    return VisitForm(data, agencies=agencies.distinct(), pupils=pupils, initial=initial)


def _values(form) -> dict:
    c = form.cleaned_data
    starts = timezone.make_aware(dt.datetime.combine(c["on"], c["at"]))
    return {
        "agency": c["agency"],
        "starts_at": starts,
        "duration_minutes": c["duration_minutes"],
        "professional_name": c["professional_name"],
        "purpose": c["purpose"],
        "location": c["location"],
        "days_used": c["days_used"],
    }


def _page(request, form, school, visit=None, conflict=None):
    if request.method == "GET" and form.fields["pupils"].choices:
        log_list(
            request, what="Pupils to choose for an agency visit", count=len(form.fields["pupils"].choices),
            school=school,
        )  # fmt: skip
    return render(
        request,
        "agencies/visit_form.html",
        {"form": form, "school": school, "visit": visit, "conflict": conflict},
    )


@login_required
def visit_create(request):
    school = _school(request, "agencies.school_manage")
    form = _form(request, school, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        attempt = attempt_save(
            form,
            lambda: services.save_visit(
                actor=request.user,
                school=school,
                data=_values(form),
                pupil_ids=request.POST.getlist("pupils"),
            ),
        )
        if attempt.ok:
            messages.success(request, "The visit was added to the calendar.")
            return redirect(f"{_calendar_url()}?school={school.pk}")
    return _page(request, form, school)


def _calendar_url() -> str:
    from django.urls import reverse

    return reverse("agency-calendar")


@login_required
def visit_edit(request, visit_id: int):
    visit = selectors.get_visit(request.user, visit_id, "agencies.school_manage")
    form = _form(request, visit.school, visit=visit, data=request.POST or None)
    conflict = None
    if request.method == "POST" and form.is_valid():
        attempt = attempt_save(
            form,
            lambda: services.save_visit(
                actor=request.user,
                visit=visit,
                data=_values(form),
                pupil_ids=request.POST.getlist("pupils"),
                expected_version=form.cleaned_data.get("version"),
            ),
        )
        if attempt.ok:
            messages.success(request, "The visit was saved.")
            return redirect(f"{_calendar_url()}?school={visit.school_id}")
        conflict = attempt.conflict
        if conflict is not None:
            keep_typed_on_current(form, conflict)
        version_errors_on_top(form)
    return _page(request, form, visit.school, visit, conflict)


@require_POST
@login_required
def visit_cancel(request, visit_id: int):
    visit = selectors.get_visit(request.user, visit_id, "agencies.school_manage")
    version = int_or_none(request.POST.get("version"))
    try:
        services.cancel_visit(actor=request.user, visit=visit, expected_version=version)
    except services.ConflictError:
        messages.error(
            request, "Someone else changed this visit since you opened it: check it and cancel again."
        )
        return redirect("visit-edit", visit_id=visit.pk)
    messages.success(request, "The visit was cancelled. It stays on record but leaves the calendar.")
    return redirect(f"{_calendar_url()}?school={visit.school_id}")
