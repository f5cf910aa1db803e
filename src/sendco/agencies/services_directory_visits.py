"""Writes for agency visits and appointments at a school (the SENCO's calendar): book, change,
cancel. Pupils seen are chosen only among those the SEN team member may see at the school;
each ``VisitPupil`` row carries the school."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from sendco.core.access import policy
from sendco.core.concurrency import ConflictError
from sendco.core.services_base import stamp_change
from sendco.domain.date_bounds import EARLIEST, LATEST

from .models import Agency, Visit, VisitPupil
from .services_directory import locked, require_version

if TYPE_CHECKING:
    from sendco.accounts.models import User
    from sendco.core.models import School

__all__ = ["VISIT_FIELDS", "ConflictError", "cancel_visit", "save_visit"]

VISIT_FIELDS = (
    "agency",
    "starts_at",
    "duration_minutes",
    "professional_name",
    "purpose",
    "location",
    "days_used",
)
TEXT_LIMITS = {"professional_name": 120, "purpose": 200, "location": 120}


def _check_visit(school: School, actor: User, data: dict, pupil_ids) -> tuple[dict, list]:
    errors: dict[str, str] = {}
    clean = dict(data)
    agency = clean.get("agency")
    if not isinstance(agency, Agency) or not (
        agency.school_id == school.pk
        or (agency.organisation_id and agency.organisation_id == school.organisation_id)
    ):
        errors["agency"] = "Choose a service from the school's directory."
    start = clean.get("starts_at")
    if not isinstance(start, dt.datetime) or not EARLIEST <= start.date() <= LATEST:
        errors["starts_at"] = "Enter the date and time the visit starts."
    minutes = clean.get("duration_minutes")
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 5 <= minutes <= 720:
        errors["duration_minutes"] = "Enter how long it lasts in minutes, from 5 to 720."
    for field, limit in TEXT_LIMITS.items():
        clean[field] = (clean.get(field) or "").strip()
        if len(clean[field]) > limit:
            errors[field] = f"Use {limit} characters or fewer."
    if not clean["purpose"]:
        errors["purpose"] = "Enter what the visit is for, for example 'Observe two Year 3 pupils'."
    try:
        days = clean.get("days_used")
        days = None if days in (None, "") else Decimal(str(days))
        if days is not None and (
            not days.is_finite()
            or not Decimal(0) <= days <= Decimal(30)
            or days != days.quantize(Decimal("0.1"))
        ):
            raise ValueError
        clean["days_used"] = days
    except (InvalidOperation, ValueError):
        errors["days_used"] = "Enter the traded days it uses, from 0 to 30, like 0.5 or 1."
    pupils: list = []
    wanted = _pupil_ids(pupil_ids)
    if wanted is None:
        errors["pupils"] = "Choose pupils of the school from the list."
    elif wanted:
        # Only pupils of this school whom the user may see: an id of any other pupil is refused
        # exactly like an id that does not exist, so nothing about them leaks.
        pupils = list(policy.pupils(actor).filter(school=school, pk__in=wanted))
        if len(pupils) != len(wanted):
            errors["pupils"] = "Choose pupils of the school from the list."
    if errors:
        raise ValidationError(errors)
    return clean, pupils


def _pupil_ids(values) -> set[int] | None:
    """The ids asked for, or None when any is not a whole positive number (a tampered form or
    a bad API body): checked here, never passed to int() unchecked."""
    if not values:
        return set()
    if isinstance(values, (str, bytes, dict)) or not hasattr(values, "__iter__"):
        return None
    wanted: set[int] = set()
    for value in values:
        if isinstance(value, bool):
            return None
        if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
            value = int(value.strip())
        if not isinstance(value, int) or not 0 < value < 2**63:
            return None
        wanted.add(value)
    return wanted


def _set_pupils(visit: Visit, pupils: list, actor) -> None:
    keep = {p.pk for p in pupils}
    for row in visit.visit_pupils.exclude(pupil_id__in=keep):
        stamp_change(row, actor=actor, reason="Pupil removed from the visit").delete()
    have = set(visit.visit_pupils.values_list("pupil_id", flat=True))
    for pupil in pupils:
        if pupil.pk not in have:
            row = VisitPupil(visit=visit, pupil=pupil, school_id=visit.school_id)
            stamp_change(row, actor=actor, reason="Pupil added to the visit").save()


@transaction.atomic
def save_visit(
    *,
    actor: User,
    data: dict,
    pupil_ids=None,
    school: School | None = None,
    visit: Visit | None = None,
    expected_version: int | None = None,
) -> Visit:
    """Book a visit at ``school`` or change ``visit``. ``pupil_ids`` None keeps the pupils."""
    if visit is None:
        if school is None:
            raise ValueError("a new visit needs its school")
        if not policy.can(actor, "agencies.school_manage", school):
            raise PermissionDenied
        merged, reason = {"duration_minutes": 60} | data, "Agency visit booked"
        visit = Visit(school=school, created_by=actor)
    else:
        if not policy.can(actor, "agencies.school_manage", visit.school):
            raise PermissionDenied
        visit = locked(Visit, visit, require_version(expected_version), "school")
        merged = {f: getattr(visit, f) for f in VISIT_FIELDS} | data
        visit.version += 1
        reason = "Agency visit changed"
    keep_pupils = pupil_ids is None
    clean, pupils = _check_visit(visit.school, actor, merged, [] if keep_pupils else pupil_ids)
    for field in VISIT_FIELDS:
        setattr(visit, field, clean[field])
    stamp_change(visit, actor=actor, reason=reason).save()
    if not keep_pupils:
        _set_pupils(visit, pupils, actor)
    return visit


@transaction.atomic
def cancel_visit(*, actor: User, visit: Visit, expected_version: int | None = None) -> Visit:
    """Cancelled visits stay on record but leave the calendar and use no traded days."""
    if not policy.can(actor, "agencies.school_manage", visit.school):
        raise PermissionDenied
    visit = locked(Visit, visit, expected_version, "school")
    if not visit.cancelled:
        visit.cancelled = True
        visit.version += 1
        stamp_change(visit, actor=actor, reason="Agency visit cancelled").save()
    return visit
