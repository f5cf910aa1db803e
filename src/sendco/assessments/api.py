"""Standardised assessments under /api/v1/assessments/: a pupil's sittings, one sitting,
record one with its scores, correct one (with its version: 409 when someone saved in between).
Same access policy and services as the pages; anything not visible answers 404; bad input 422
with where it is (``["body", "scores", 0, "standard_score"]``) and nothing saved."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from ninja import Router, Schema, Status

from sendco.api.conflicts import Conflict
from sendco.api.types import BoundedDate
from sendco.audit.services import Read
from sendco.core.access import policy

from . import api_reports, selectors, services
from .api_errors import located_errors
from .api_schemas import AssessmentScoreIn, AssessmentScoreOut
from .models import Assessment


class AssessmentOut(Schema):
    id: int
    pupil_id: int
    taken_on: date
    assessor_name: str
    assessor_role: str
    purpose: str
    summary: str
    recorded_by_id: int | None
    version: int
    scores: list[AssessmentScoreOut]

    @staticmethod
    def resolve_scores(obj) -> list:
        return list(obj.scores.all())


class AssessmentIn(Schema):
    pupil_id: int
    taken_on: BoundedDate
    assessor_name: str
    assessor_role: str = ""
    purpose: str = Assessment.Purpose.GENERAL
    summary: str = ""
    scores: list[AssessmentScoreIn] = []


class AssessmentCorrection(Schema):
    version: int
    taken_on: BoundedDate
    assessor_name: str
    assessor_role: str = ""
    summary: str = ""
    scores: list[AssessmentScoreIn] = []


class AssessmentConflict(Conflict):
    current: AssessmentOut
    version: int
    message = "This assessment was changed by someone else since you read it: nothing was saved."


API_PREFIX = "/assessments"
router = Router(tags=["assessments"])
router.add_router("", api_reports.router)


def _what(assessment) -> str:
    return f"Assessment on {assessment.taken_on:%-d %b %Y}"


def _fresh(pk: int) -> Assessment:
    return Assessment.objects.prefetch_related("scores").get(pk=pk)


@router.get("/pupils/{int:pupil_id}", response=list[AssessmentOut])
def pupil_assessments(request, pupil_id: int):
    """The pupil's sittings, newest first, each with its scores."""
    pupil = policy.get_pupil(
        request.user, pupil_id, "assessment.view", audit=Read.api(request, "Assessments")
    )
    return selectors.pupil_assessments(pupil)


@router.get("/{int:assessment_id}", response=AssessmentOut)
def get_assessment(request, assessment_id: int):
    return selectors.get_assessment(request.user, assessment_id, audit=Read.api(request, _what))


@router.post("/", response={201: AssessmentOut})
def record_assessment(request, payload: AssessmentIn):
    data = payload.dict()
    pupil = policy.get_pupil(
        request.user, data.pop("pupil_id"), "assessment.record", audit=Read.for_write(request)
    )
    try:
        assessment = services.record_assessment(actor=request.user, pupil=pupil, **data)
    except ValidationError as exc:
        raise located_errors(exc) from exc
    return Status(201, _fresh(assessment.pk))


@router.put("/{int:assessment_id}", response={200: AssessmentOut, 409: AssessmentConflict})
def correct_assessment(request, assessment_id: int, payload: AssessmentCorrection):
    """Replace the sitting's details and its whole set of scores (the old ones stay in history)."""
    assessment = selectors.get_assessment(
        request.user, assessment_id, "assessment.record", audit=Read.for_write(request)
    )
    data = payload.dict()
    version = data.pop("version")
    try:
        services.correct_assessment(
            actor=request.user, assessment=assessment, expected_version=version, **data
        )
    except ValidationError as exc:
        raise located_errors(exc) from exc
    return Status(200, _fresh(assessment.pk))
