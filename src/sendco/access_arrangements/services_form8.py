"""Writes for Form 8: Part 1 (history of need, normal way of working, signed off by the SENCO
before the assessment), Part 2 (the assessment: a shared ``assessments.Assessment`` recorded
through its own services, purpose access arrangements) and Part 3 (the application).

Each part's errors are keyed by field and nothing is saved: Part 2 checks its own rules first,
then calls record_assessment/correct_assessment in the same transaction, and raises every error
together (the transaction rolls back anything written)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from sendco.assessments import services as assessments
from sendco.assessments.models import Assessment
from sendco.core.access import policy
from sendco.core.concurrency import ConflictError
from sendco.core.models import Pupil
from sendco.core.services_base import stamp_change
from sendco.domain import access_arrangements as rules_

from .models import Arrangement, Assessor, Form8

if TYPE_CHECKING:
    from sendco.accounts.models import User


def _locked(form8: Form8, expected_version: int | None) -> Form8:
    current = (
        Form8.objects.select_for_update(of=("self",)).select_related("assessment", "pupil").get(pk=form8.pk)
    )
    if expected_version is not None and expected_version != current.version:
        raise ConflictError(current)
    return current


def _date_problem(value, what: str) -> str:
    if not isinstance(value, dt.date):
        return f"Enter the date {what}."
    if value > timezone.localdate():
        return "The date cannot be in the future."
    return ""


@transaction.atomic
def save_part1(
    *,
    actor: User,
    pupil: Pupil,
    history_of_need: str,
    normal_way_of_working: str,
    signed_on: dt.date | None,
    form8: Form8 | None = None,
    expected_version: int | None = None,
) -> Form8:
    """Start the candidate's Form 8 (``form8`` None) or correct Part 1. A new Form 8 becomes
    the evidence of the candidate's arrangements that rest on none yet."""
    if not policy.can(actor, "aa.manage", pupil):
        raise PermissionDenied
    current = _locked(form8, expected_version) if form8 is not None else None
    errors: dict[str, str] = {}
    if not (history_of_need or "").strip():
        errors["history_of_need"] = "Describe the candidate's history of need."
    if not (normal_way_of_working or "").strip():
        errors["normal_way_of_working"] = "Describe the candidate's normal way of working."
    problem = _date_problem(signed_on, "Part 1 was signed off")
    if problem:
        errors["part1_signed_on"] = problem
    elif current is not None and current.assessment and signed_on > current.assessment.taken_on:  # type: ignore[operator]
        errors["part1_signed_on"] = (
            "Part 1 must be signed off before the assessment "
            f"({current.assessment.taken_on:%d/%m/%Y}); JCQ needs it completed first."
        )
    if errors:
        raise ValidationError(errors)
    if current is None:
        current = Form8(pupil=pupil, school_id=pupil.school_id)
        reason = "Form 8 Part 1 completed"
    else:
        current.version += 1
        reason = "Form 8 Part 1 changed"
    current.history_of_need = history_of_need.strip()
    current.normal_way_of_working = normal_way_of_working.strip()
    current.part1_signed_on, current.part1_signed_by = signed_on, actor
    stamp_change(current, actor=actor, reason=reason).save()
    for arrangement in Arrangement.objects.filter(pupil=pupil, form8__isnull=True).select_for_update():
        arrangement.form8 = current
        arrangement.version += 1
        stamp_change(arrangement, actor=actor, reason="Form 8 linked").save()
    return current


def assessors_for(school):
    """The school's active register, the only assessors Part 2 may name."""
    return Assessor.objects.filter(school=school, active=True).order_by("name")


@transaction.atomic
def save_part2(
    *,
    actor: User,
    form8: Form8,
    taken_on: dt.date | None,
    assessor: Assessor | None,
    scores: Sequence[Mapping],
    illegible_handwriting: bool = False,
    summary: str = "",
    expected_version: int | None,
) -> Form8:
    """Record (or correct) the assessment with its scores. An assessor whose qualification the
    head has not checked is allowed but flagged (``Assessor.problems_for``, the chain's gaps)."""
    pupil = form8.pupil
    if not policy.can(actor, "aa.manage", pupil):
        raise PermissionDenied
    current = _locked(form8, expected_version)
    errors: dict[str, list[str]] = {}
    if current.part1_signed_on is None:
        errors["taken_on"] = ["Sign off Part 1 first: JCQ needs it completed before the assessment."]
    elif isinstance(taken_on, dt.date) and taken_on < current.part1_signed_on:
        errors["taken_on"] = [
            f"The assessment must be on or after Part 1's sign-off ({current.part1_signed_on:%d/%m/%Y})."
        ]
    if assessor is None or assessor.school_id != pupil.school_id or not assessor.active:
        errors["assessor"] = ["Choose an assessor from the school's register."]
    elif assessor.qualification_route in ("", "none") or (
        assessor.qualification_route not in rules_.QUALIFICATION_LABELS
    ):
        errors["assessor"] = ["This assessor holds none of the qualifications JCQ accepts for Form 8."]
    name = assessor.name if assessor is not None else ""
    role = rules_.QUALIFICATION_LABELS.get(assessor.qualification_route, "") if assessor else ""
    try:
        if current.assessment is None:
            assessment = assessments.record_assessment(
                actor=actor,
                pupil=pupil,
                taken_on=taken_on,  # type: ignore[arg-type]
                assessor_name=name or "-",
                assessor_role=role[:120],
                purpose=Assessment.Purpose.ACCESS_ARRANGEMENTS,
                summary=summary,
                scores=scores,
            )
        else:
            assessment = assessments.correct_assessment(
                actor=actor,
                assessment=current.assessment,
                expected_version=None,  # Form 8's version guards the whole part
                taken_on=taken_on,  # type: ignore[arg-type]
                assessor_name=name or "-",
                assessor_role=role[:120],
                summary=summary,
                scores=scores,
            )
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(m for m in messages if m not in errors.get(field, []))
    if errors:
        raise ValidationError(errors)  # the atomic block undoes the assessment
    current.assessment, current.assessor = assessment, assessor
    current.illegible_handwriting = bool(illegible_handwriting)
    current.version += 1
    stamp_change(current, actor=actor, reason="Form 8 Part 2 recorded").save()
    return current


@transaction.atomic
def save_part3(
    *, actor: User, form8: Form8, completed_on: dt.date | None, expected_version: int | None
) -> Form8:
    if not policy.can(actor, "aa.manage", form8.pupil):
        raise PermissionDenied
    current = _locked(form8, expected_version)
    problem = _date_problem(completed_on, "Part 3 was completed")
    if not problem and current.assessment and completed_on < current.assessment.taken_on:  # type: ignore[operator]
        problem = "Part 3 comes after the assessment of Part 2."
    if problem:
        raise ValidationError({"part3_completed_on": problem})
    current.part3_completed_on, current.part3_completed_by = completed_on, actor
    current.version += 1
    stamp_change(current, actor=actor, reason="Form 8 Part 3 completed").save()
    return current
