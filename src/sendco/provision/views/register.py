"""The session register: the page staff who run a group use most (scores are in scores.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from sendco.audit.services import log_list
from sendco.core.form_helpers import int_or_none
from sendco.core.input_bounds import query_date

from .. import selectors, services
from ..lookups import group_for, session_for
from ..models import GroupMember, Session
from .common import safe_next

# --- the register -------------------------------------------------------------------------------


def _members(group, day):
    return list(
        GroupMember.objects.filter(group=group, joined__lte=day)
        .exclude(left__lt=day)
        .select_related("pupil")
        .order_by("pupil__legal_surname", "pupil__legal_forename")
    )


def _log_register(request, group, members, what: str) -> None:
    if request.method == "GET":  # a register posted back is a write, which history records
        log_list(request, what=what, count=len(members), school=group.school)


def _posted(request) -> dict:
    """The register as posted: what the services take, and what the page shows again on an error."""
    present = [p for p in request.POST.getlist("present") if p.isdigit()]
    notes = {k[5:]: v for k, v in request.POST.items() if k.startswith("note-") and k[5:].isdigit()}
    return {
        "held": request.POST.get("held") != "no",
        "cancel_reason": request.POST.get("cancel_reason", ""),
        "note": request.POST.get("note", ""),
        "present": {int(p) for p in present},
        "notes": notes,
    }


def _rows(members, values: dict) -> list[dict]:
    return [
        {
            "member": m,
            "present": m.pupil_id in values["present"] if values else True,
            "note": values.get("notes", {}).get(str(m.pupil_id), "") if values else "",
        }
        for m in members
    ]


@login_required
def register(request, pk: int):
    group = group_for(request.user, pk, "provision.register")
    day = query_date(request.POST if request.POST.get("date") else request.GET, "date", timezone.localdate())
    members = _members(group, day)
    _log_register(request, group, members, f"Register of {group.name} for {day}")
    errors, values = {}, {}
    if request.method == "POST":
        posted = _posted(request)
        try:
            services.record_session(actor=request.user, group=group, day=day, **posted)
        except ValidationError as exc:
            errors, values = exc.message_dict, posted
        else:
            messages.success(request, f"Register saved for {group.name} on {day:%A %-d %B}.")
            return redirect(
                safe_next(request, request.POST.get("next")) or reverse("provision-group", args=[group.pk])
            )
    return render(
        request,
        "provision/register.html",
        {
            "group": group,
            "day": day,
            "rows": _rows(members, values),
            "errors": errors,
            "values": values,
            "held": values.get("held", True) if values else True,
            "next": safe_next(request, request.GET.get("next") or request.POST.get("next")),
            "timetabled": selectors.is_timetabled(group, day),
            "today": timezone.localdate(),
        },
    )


# --- correcting a recorded session ----------------------------------------------------------------


def _as_recorded(session: Session, members) -> dict:
    marks = list(session.attendance.all())
    if not marks:  # cancelled: if it turns out it was held, start from everyone present
        present = {m.pupil_id for m in members}
    else:
        present = {a.pupil_id for a in marks if a.present}
    return {
        "held": session.held,
        "cancel_reason": session.cancel_reason,
        "note": session.note,
        "present": present,
        "notes": {str(a.pupil_id): a.note for a in marks},
    }


@login_required
def session_edit(request, pk: int):
    """The register page again, filled in as recorded, to correct a session."""
    session = session_for(request.user, pk)
    group = session.group
    members = _members(group, session.date)
    _log_register(request, group, members, f"Recorded register of {group.name} for {session.date}")
    errors, conflict = {}, None
    values = _as_recorded(session, members)
    if request.method == "POST":
        values = _posted(request)
        try:
            services.correct_session(
                actor=request.user,
                session=session,
                expected_version=int_or_none(request.POST.get("version")),
                **values,
            )
        except services.ConflictError as exc:
            conflict = exc.current
        except ValidationError as exc:
            errors = exc.message_dict
        else:
            messages.success(request, f"Register corrected for {group.name} on {session.date:%A %-d %B}.")
            return redirect("provision-group", pk=group.pk)
    return render(
        request,
        "provision/register.html",
        {
            "group": group,
            "session": session,
            "day": session.date,
            "rows": _rows(members, values),
            "errors": errors,
            "values": values,
            "held": values["held"],
            "conflict": conflict,
            "conflict_present": conflict and conflict.attendance.filter(present=True).count(),
            "version": (conflict or session).version,
        },
    )


@login_required
def session_delete(request, pk: int):
    """A confirmation step, then delete a session recorded by mistake."""
    session = session_for(request.user, pk)
    changed = False
    if request.method == "POST":
        try:
            services.delete_session(
                actor=request.user, session=session, expected_version=int_or_none(request.POST.get("version"))
            )
        except services.ConflictError as exc:
            session, changed = exc.current, True
        else:
            messages.success(request, f"The session on {session.date:%A %-d %B} was deleted.")
            return redirect("provision-group", pk=session.group_id)
    return render(
        request,
        "provision/session_delete.html",
        {
            "session": session,
            "group": session.group,
            "present": session.attendance.filter(present=True).count(),
            "marks": session.attendance.count(),
            "changed": changed,
        },
    )
