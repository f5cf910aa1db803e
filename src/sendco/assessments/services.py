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
SCORE_FIELDS = ("test_name", "area", "standard_score", "percentile", "age_equivalent")


def _text(value) -> str:
    # API bodies and forms give strings; anything else (None, a number) reads as its text.
    return "" if value is None else str(value).strip()


def _too_long(errors: dict[str, str], key: str, value: str, limit: int, what: str) -> None:
    # Say so rather than cut the text (and never let PostgreSQL refuse it mid-transaction).
    if len(value) > limit:
        errors[key] = f"{what} must be {limit} characters or fewer."


def is_blank_row(row: Mapping) -> bool:
    """A score row with nothing typed in it: the page offers spare rows, which are ignored."""
    return all(_text(row.get(name)) == "" for name in SCORE_FIELDS)


def check_sitting(pupil: Pupil, *, taken_on, assessor_name, assessor_role="", purpose: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    # A datetime is a date too, but comparing it with one raises TypeError: refuse it by name.
    if not isinstance(taken_on, dt.date) or isinstance(taken_on, dt.datetime):
        errors["taken_on"] = "Enter the date of the assessment."
    elif taken_on > timezone.localdate():
        errors["taken_on"] = "The date of the assessment cannot be in the future."
    elif pupil.date_of_birth and taken_on < pupil.date_of_birth:
        errors["taken_on"] = "The date of the assessment is before the pupil was born."
    if not _text(assessor_name):
        errors["assessor_name"] = "Enter the name of the assessor."
    _too_long(errors, "assessor_name", _text(assessor_name), 120, "The assessor's name")
    _too_long(errors, "assessor_role", _text(assessor_role), 120, "The assessor's role")
    if purpose not in Assessment.Purpose.values:
        errors["purpose"] = "Choose what the assessment was for."
    return errors


def clean_scores(rows: Sequence[Mapping]) -> tuple[list[Score], dict[str, str]]:
    """Unsaved Score objects for ``rows`` and the errors by formset field name. Blank rows are
    skipped but keep their place, so a message names the row the user typed in."""
    scores: list[Score] = []
    errors: dict[str, str] = {}
    for n, row in enumerate(rows):
        if is_blank_row(row):
            continue
        name = f"{SCORES_PREFIX}-{n}-"
        test_name = _text(row.get("test_name"))
        if not test_name:
            errors[name + "test_name"] = f"Score {n + 1}: enter the name of the test."
        _too_long(errors, name + "test_name", test_name, 120, f"Score {n + 1}: the test's name")
        area = _text(row.get("area"))
        if area not in ss.AREA_LABELS:
            errors[name + "area"] = f"Score {n + 1}: choose the area the test measures."
        value = row.get("standard_score")
        problem = ss.score_problem(value)
        if problem:
            errors[name + "standard_score"] = f"Score {n + 1}: {problem}"
        percentile = row.get("percentile")
        if isinstance(percentile, str):
            percentile = percentile.strip()
        if percentile in ("", None):
            percentile = None
        else:
            try:
                # A bool is not a percentile (str(True) would not parse anyway; say it plainly).
                if isinstance(percentile, bool) or not Decimal(str(percentile)).is_finite():
                    raise InvalidOperation
                percentile = Decimal(str(percentile)).quantize(Decimal("0.1"))
            except (InvalidOperation, ValueError):
                percentile = "not a number"
            as_number = float(percentile) if isinstance(percentile, Decimal) else percentile
            problem = ss.percentile_problem(as_number)
            if problem:
                errors[name + "percentile"] = f"Score {n + 1}: {problem}"
        age_equivalent = _text(row.get("age_equivalent"))
        _too_long(errors, name + "age_equivalent", age_equivalent, 20, f"Score {n + 1}: the age equivalent")
        scores.append(
            Score(
                test_name=test_name,
                area=area,
                standard_score=value if isinstance(value, int) else 0,  # saved only when all clean
                percentile=percentile if isinstance(percentile, Decimal) else None,
                age_equivalent=age_equivalent,
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
    errors = check_sitting(
        pupil, taken_on=taken_on, assessor_name=assessor_name, assessor_role=assessor_role, purpose=purpose
    )
    cleaned, score_errors = clean_scores(scores)
    errors |= score_errors
    if errors:
        raise ValidationError(errors)
    return save_sitting(
        actor=actor,
        pupil=pupil,
        taken_on=taken_on,
        assessor_name=assessor_name,
        assessor_role=assessor_role,
        purpose=purpose,
        summary=summary,
        scores=cleaned,
    )


def save_sitting(
    *,
    actor: User,
    pupil: Pupil,
    taken_on: dt.date,
    assessor_name: str,
    assessor_role: str,
    purpose: str,
    summary: str,
    scores: list[Score],
) -> Assessment:
    """Save a sitting already checked (check_sitting, clean_scores) by a caller that checked
    its own permission: a professional's report brings its scores under ``report.upload``."""
    assessment = Assessment(
        pupil=pupil,
        school_id=pupil.school_id,
        taken_on=taken_on,
        assessor_name=_text(assessor_name),
        assessor_role=_text(assessor_role),
        purpose=purpose,
        summary=_text(summary),
        recorded_by=actor,
    )
    stamp_change(assessment, actor=actor, reason="Assessment recorded").save()
    _save_scores(actor=actor, assessment=assessment, scores=scores, reason="Score recorded")
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
    errors = check_sitting(
        current.pupil,
        taken_on=taken_on,
        assessor_name=assessor_name,
        assessor_role=assessor_role,
        purpose=current.purpose,
    )
    cleaned, score_errors = clean_scores(scores)
    errors |= score_errors
    if errors:
        raise ValidationError(errors)
    current.taken_on = taken_on
    current.assessor_name = _text(assessor_name)
    current.assessor_role = _text(assessor_role)
    current.summary = _text(summary)
    current.version += 1
    stamp_change(current, actor=actor, reason="Assessment corrected").save()
    for old in current.scores.all():
        stamp_change(old, actor=actor, reason="Score replaced in a correction").delete()
    _save_scores(actor=actor, assessment=current, scores=cleaned, reason="Score corrected")
    return current
