"""Writes for the centre side of access arrangements: exam series, their papers, the register
of assessors and the head of centre's check of an assessor's qualification.

Each write: permission check, then validation (a dict of field errors, nothing saved), then
the change with ``stamp_change`` so history says who and why, in one transaction. Edits of a
series or an assessor name the version they were based on (ConflictError otherwise)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from sendco.core import uploads
from sendco.core.access import policy
from sendco.core.concurrency import ConflictError
from sendco.core.services_base import stamp_change
from sendco.domain import access_arrangements as rules_

from .models import Assessor, ExamPaper, ExamSeries

if TYPE_CHECKING:
    from sendco.accounts.models import User

__all__ = ["ConflictError", "check_assessor", "save_assessor", "save_paper", "save_series"]

SERIES_FIELDS = ("name", "first_exam_on", "last_exam_on", "application_deadline", "approval_months")
PAPER_FIELDS = ("title", "sat_on", "session", "duration_minutes", "nc_year")
ASSESSOR_FIELDS = (
    "name",
    "organisation",
    "email",
    "qualification_route",
    "qualification_detail",
    "apc_expires_on",
    "active",
)
ROUTES = dict(rules_.QUALIFICATION_ROUTES)


def _locked(model, obj, expected_version: int | None):
    current = model.objects.select_for_update().get(pk=obj.pk)
    if expected_version is not None and expected_version != current.version:
        raise ConflictError(current)
    return current


# --- exam series ----------------------------------------------------------------------------


def _check_series(school, data: dict, series: ExamSeries | None) -> None:
    errors: dict[str, str] = {}
    name = (data.get("name") or "").strip()
    first, last, deadline = (
        data.get("first_exam_on"),
        data.get("last_exam_on"),
        data.get("application_deadline"),
    )
    if not name:
        errors["name"] = "Enter the series' name, for example Summer 2027."
    elif (
        ExamSeries.objects.filter(school=school, name__iexact=name)
        .exclude(pk=series.pk if series else 0)
        .exists()
    ):
        errors["name"] = f"The centre already has a series called {name}."
    for field, label in (("first_exam_on", "first exam"), ("last_exam_on", "last exam"),
                         ("application_deadline", "application deadline")):  # fmt: skip
        if not isinstance(data.get(field), dt.date):
            errors[field] = f"Enter the date of the {label}."
    if isinstance(first, dt.date) and isinstance(last, dt.date) and last < first:
        errors["last_exam_on"] = "The last exam must be on or after the first exam."
    if isinstance(first, dt.date) and isinstance(deadline, dt.date) and deadline > first:
        errors["application_deadline"] = "The application deadline must be on or before the first exam."
    months = data.get("approval_months")
    if not isinstance(months, int) or isinstance(months, bool) or not 1 <= months <= 60:
        errors["approval_months"] = "Enter how many months an approval lasts, from 1 to 60."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_series(
    *, actor: User, school, data: dict, series: ExamSeries | None = None, expected_version: int | None = None
) -> ExamSeries:
    """Create a series at ``school`` (``series`` None) or change ``series``."""
    target = school if series is None else series
    if not policy.can(actor, "aa.series", target):
        raise PermissionDenied
    if series is not None:
        series = _locked(ExamSeries, series, expected_version)
        merged = {f: getattr(series, f) for f in SERIES_FIELDS} | data
    else:
        merged = {"approval_months": rules_.DEFAULT_APPROVAL_MONTHS} | data
    _check_series(school if series is None else series.school, merged, series)
    if series is None:
        series, reason = ExamSeries(school=school), "Exam series added"
    else:
        series.version += 1
        reason = "Exam series changed"
        if merged["first_exam_on"] > series.first_exam_on or merged["last_exam_on"] < series.last_exam_on:
            outside = series.papers.exclude(sat_on__range=(merged["first_exam_on"], merged["last_exam_on"]))
            if outside.exists():
                raise ValidationError(
                    {"first_exam_on": "Some papers fall outside these dates: move them first."}
                )
    for field in SERIES_FIELDS:
        setattr(series, field, merged[field].strip() if field == "name" else merged[field])
    stamp_change(series, actor=actor, reason=reason).save()
    return series


# --- papers ---------------------------------------------------------------------------------


def _check_paper(series: ExamSeries, data: dict) -> None:
    errors: dict[str, str] = {}
    if not (data.get("title") or "").strip():
        errors["title"] = "Enter the paper's title."
    sat_on = data.get("sat_on")
    if not isinstance(sat_on, dt.date):
        errors["sat_on"] = "Enter the date of the paper."
    elif not series.first_exam_on <= sat_on <= series.last_exam_on:
        errors["sat_on"] = (
            f"The paper must be within the series, {series.first_exam_on:%d/%m/%Y} "
            f"to {series.last_exam_on:%d/%m/%Y}."
        )
    if data.get("session") not in ExamPaper.Session.values:
        errors["session"] = "Choose morning or afternoon."
    minutes = data.get("duration_minutes")
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= 600:
        errors["duration_minutes"] = "Enter the paper's length in minutes, from 1 to 600."
    year = data.get("nc_year")
    if not isinstance(year, int) or isinstance(year, bool) or not 1 <= year <= 14:
        errors["nc_year"] = "Choose the year group that sits the paper."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_paper(*, actor: User, series: ExamSeries, data: dict, paper: ExamPaper | None = None) -> ExamPaper:
    if not policy.can(actor, "aa.series", series):
        raise PermissionDenied
    if paper is not None and paper.series_id != series.pk:
        raise PermissionDenied
    merged = ({f: getattr(paper, f) for f in PAPER_FIELDS} if paper else {}) | data
    _check_paper(series, merged)
    paper = paper or ExamPaper(series=series, school_id=series.school_id)
    for field in PAPER_FIELDS:
        setattr(paper, field, merged[field].strip() if field == "title" else merged[field])
    stamp_change(paper, actor=actor, reason="Exam paper saved").save()
    return paper


# --- assessors ------------------------------------------------------------------------------


def _check_assessor(data: dict) -> None:
    errors: dict[str, str] = {}
    if not (data.get("name") or "").strip():
        errors["name"] = "Enter the assessor's name."
    route = data.get("qualification_route")
    if route not in ROUTES:
        errors["qualification_route"] = "Choose the assessor's qualification."
    elif route == "spld_apc" and not isinstance(data.get("apc_expires_on"), dt.date):
        errors["apc_expires_on"] = "Enter when the SpLD Assessment Practising Certificate expires."
    if errors:
        raise ValidationError(errors)


def _attach_evidence(assessor: Assessor, upload) -> None:
    data, kind = uploads.read_checked(upload, field="evidence")
    assessor.evidence_name = uploads.display_name(upload.name)
    assessor.evidence.save(
        uploads.random_name(f"assessors/{assessor.school_id}", kind), ContentFile(data), save=False
    )


@transaction.atomic
def save_assessor(
    *,
    actor: User,
    school,
    data: dict,
    assessor: Assessor | None = None,
    expected_version: int | None = None,
    evidence=None,
) -> Assessor:
    """Add an assessor at ``school`` or change ``assessor``. A "none" route saves (the register
    records who was asked) but the domain flags every assessment by them."""
    if not policy.can(actor, "aa.assessors.manage", school if assessor is None else assessor):
        raise PermissionDenied
    if assessor is not None:
        assessor = _locked(Assessor, assessor, expected_version)
        merged = {f: getattr(assessor, f) for f in ASSESSOR_FIELDS} | data
    else:
        merged = {"active": True} | data
    _check_assessor(merged)
    if assessor is None:
        assessor, reason = Assessor(school=school), "Assessor added"
    else:
        assessor.version += 1
        reason = "Assessor changed"
        changed = any(
            merged[f] != getattr(assessor, f)
            for f in ("qualification_route", "qualification_detail", "apc_expires_on")
        )
        if changed or evidence is not None:
            # The head of centre checked *that* qualification; a different one (or new evidence)
            # is unchecked until they check it again, else the old check would vouch for it.
            assessor.checked_by, assessor.checked_on = None, None
            reason = "Assessor's qualification changed: the head of centre's check was cleared"
    for field in ASSESSOR_FIELDS:
        value = merged[field]
        setattr(assessor, field, value.strip() if isinstance(value, str) else value)
    if evidence is not None:
        _attach_evidence(assessor, evidence)
    stamp_change(assessor, actor=actor, reason=reason).save()
    return assessor


@transaction.atomic
def check_assessor(
    *, actor: User, assessor: Assessor, checked_on: dt.date | None, expected_version: int | None
) -> Assessor:
    """The head of centre records that they checked the assessor's qualification: the only
    write that sets ``checked_by``/``checked_on``."""
    if not policy.can(actor, "aa.assessors.check", assessor):
        raise PermissionDenied
    current = _locked(Assessor, assessor, expected_version)
    if not isinstance(checked_on, dt.date):
        raise ValidationError({"checked_on": "Enter the date you checked the qualification."})
    if checked_on > timezone.localdate():
        raise ValidationError({"checked_on": "The date of the check cannot be in the future."})
    if current.qualification_route == "none":
        raise ValidationError(
            {"checked_on": "This assessor holds no qualification JCQ accepts: there is nothing to check."}
        )
    current.checked_by, current.checked_on = actor, checked_on
    current.version += 1
    stamp_change(current, actor=actor, reason="Head of centre checked the qualification").save()
    return current
