"""Writes for standardised assessments: record a sitting with its scores, correct it.

One sitting and all its scores are saved together or not at all; a bad score names its row and
field (``scores-<n>-standard_score``, the formset's own names) and nothing is written. Every
capability that records scores (Form 8 Part 2, provision measures, agencies' reports) calls
these functions, so the rules for a score live here once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from sendco.core.access import policy
from sendco.core.concurrency import ConflictError
from sendco.core.models import Pupil
from sendco.core.services_base import stamp_change
from sendco.domain import standardised_scores as ss

from .models import Assessment, Score

if TYPE_CHECKING:
    from sendco.accounts.models import User

SCORES_PREFIX = "scores"


def _check_sitting(pupil: Pupil, *, taken_on, assessor_name: str, purpose: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not isinstance(taken_on, dt.date):
        errors["taken_on"] = "Enter the date of the assessment."
    elif taken_on > timezone.localdate():
        errors["taken_on"] = "The date of the assessment cannot be in the future."
    elif pupil.date_of_birth and taken_on < pupil.date_of_birth:
        errors["taken_on"] = "The date of the assessment is before the pupil was born."
    if not (assessor_name or "").strip():
        errors["assessor_name"] = "Enter the name of the assessor."
    if purpose not in Assessment.Purpose.values:
        errors["purpose"] = "Choose what the assessment was for."
    return errors


def _clean_scores(rows: Sequence[Mapping]) -> tuple[list[Score], dict[str, str]]:
    """Unsaved Score objects for ``rows`` and the errors by formset field name."""
    scores, errors = [], {}
    for n, row in enumerate(rows):
        name = f"{SCORES_PREFIX}-{n}-"
        test_name = (row.get("test_name") or "").strip()
        if not test_name:
            errors[name + "test_name"] = f"Score {n + 1}: enter the name of the test."
        area = row.get("area") or ""
        if area not in ss.AREA_LABELS:
            errors[name + "area"] = f"Score {n + 1}: choose the area the test measures."
        value = row.get("standard_score")
        problem = ss.score_problem(value)
        if problem:
            errors[name + "standard_score"] = f"Score {n + 1}: {problem}"
        percentile = row.get("percentile")
        if percentile in ("", None):
            percentile = None
        else:
            try:
                percentile = Decimal(str(percentile)).quantize(Decimal("0.1"))
            except (InvalidOperation, ValueError):
                percentile = "not a number"
            as_number = float(percentile) if isinstance(percentile, Decimal) else percentile
            problem = ss.percentile_problem(as_number)
            if problem:
                errors[name + "percentile"] = f"Score {n + 1}: {problem}"
        scores.append(
            Score(
                test_name=test_name[:120],
                area=area,
                standard_score=value if isinstance(value, int) else 0,  # saved only when all clean
                percentile=percentile if isinstance(percentile, Decimal) else None,
                age_equivalent=(row.get("age_equivalent") or "").strip()[:20],
            )
        )
    return scores, errors


def _save_scores(*, actor: User, assessment: Assessment, scores: list[Score], reason: str) -> None:
    for score in scores:
        score.assessment = assessment
        score.pupil_id = assessment.pupil_id
        score.school_id = assessment.school_id
        # One by one, not bulk_create: each score gets its own history row (who, why).
        stamp_change(score, actor=actor, reason=reason).save()


@transaction.atomic
def record_assessment(
    *,
    actor: User,
    pupil: Pupil,
    taken_on: dt.date,
    assessor_name: str,
    assessor_role: str = "",
    purpose: str = Assessment.Purpose.GENERAL,
    summary: str = "",
    scores: Sequence[Mapping] = (),
) -> Assessment:
    """A new sitting with its scores (each a mapping of test_name, area, standard_score,
    percentile, age_equivalent). All or nothing."""
    if not policy.can(actor, "assessment.record", pupil):
        raise PermissionDenied
    errors = _check_sitting(pupil, taken_on=taken_on, assessor_name=assessor_name, purpose=purpose)
    cleaned, score_errors = _clean_scores(scores)
    errors |= score_errors
    if errors:
        raise ValidationError(errors)
    assessment = Assessment(
        pupil=pupil,
        school_id=pupil.school_id,
        taken_on=taken_on,
        assessor_name=assessor_name.strip(),
        assessor_role=(assessor_role or "").strip(),
        purpose=purpose,
        summary=summary or "",
        recorded_by=actor,
    )
    stamp_change(assessment, actor=actor, reason="Assessment recorded").save()
    _save_scores(actor=actor, assessment=assessment, scores=cleaned, reason="Score recorded")
    return assessment


@transaction.atomic
def correct_assessment(
    *,
    actor: User,
    assessment: Assessment,
    expected_version: int | None,
    taken_on: dt.date,
    assessor_name: str,
    assessor_role: str = "",
    summary: str = "",
    scores: Sequence[Mapping] = (),
) -> Assessment:
    """Correct a sitting: its details and the whole set of scores, which replaces the old set
    (the old scores stay in history). Raises ConflictError when someone saved in between."""
    if not policy.can(actor, "assessment.record", assessment.pupil):
        raise PermissionDenied
    current = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if expected_version is not None and expected_version != current.version:
        raise ConflictError(current)
    errors = _check_sitting(
        current.pupil, taken_on=taken_on, assessor_name=assessor_name, purpose=current.purpose
    )
    cleaned, score_errors = _clean_scores(scores)
    errors |= score_errors
    if errors:
        raise ValidationError(errors)
    current.taken_on = taken_on
    current.assessor_name = assessor_name.strip()
    current.assessor_role = (assessor_role or "").strip()
    current.summary = summary or ""
    current.version += 1
    stamp_change(current, actor=actor, reason="Assessment corrected").save()
    for old in current.scores.all():
        stamp_change(old, actor=actor, reason="Score replaced in a correction").delete()
    _save_scores(actor=actor, assessment=current, scores=cleaned, reason="Score corrected")
    return current
