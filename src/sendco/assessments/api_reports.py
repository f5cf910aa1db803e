"""Professionals' reports under /api/v1/assessments/reports/ and recommendations under
/api/v1/assessments/recommendations/: a pupil's reports, one report, upload one (multipart:
the details as form fields, the scores as a JSON list, the file), correct its details and
decide a recommendation (each with its version: 409 when someone saved in between), and the
file itself. Same policy and services as the pages: 404 when not visible, 422 with where."""

from __future__ import annotations

import json
from datetime import date

from django.core.exceptions import ValidationError
from ninja import File, Form, Router, Schema, Status
from ninja.errors import ValidationError as InputError
from ninja.files import UploadedFile

from sendco.api.conflicts import Conflict
from sendco.api.types import BoundedDate
from sendco.audit.services import Read
from sendco.core.access import policy

from . import selectors_reports as selectors
from . import services_reports as services
from .api_errors import located_errors
from .api_schemas import AssessmentScoreOut
from .models import ProfessionalReport, Recommendation

router = Router(tags=["professional reports"])


class RecommendationOut(Schema):
    id: int
    report_id: int
    text: str
    status: str
    decision_note: str
    decided_on: date | None
    action_label: str
    action_url: str
    version: int


class ReportOut(Schema):
    id: int
    pupil_id: int
    title: str
    author_name: str
    author_role: str
    agency_name: str
    written_on: date
    received_on: date
    summary: str
    original_name: str
    content_type: str
    size: int
    assessment_id: int | None
    version: int
    scores: list[AssessmentScoreOut]
    recommendations: list[RecommendationOut]

    @staticmethod
    def resolve_scores(obj) -> list:
        return list(obj.assessment.scores.all()) if obj.assessment else []

    @staticmethod
    def resolve_recommendations(obj) -> list:
        return list(obj.recommendations.all())


class ReportCorrection(Schema):
    version: int
    title: str
    author_name: str
    author_role: str = ""
    agency_name: str = ""
    written_on: BoundedDate
    received_on: BoundedDate
    summary: str = ""


class RecommendationDecisionIn(Schema):
    version: int
    status: str
    note: str


class ReportConflict(Conflict):
    current: ReportOut
    version: int
    message = "This report was changed by someone else since you read it: nothing was saved."


class RecommendationConflict(Conflict):
    current: RecommendationOut
    version: int
    message = "This recommendation was decided by someone else since you read it: nothing was saved."


def _what(report) -> str:
    return f"Professional report of {report.written_on:%-d %b %Y}"


def _fresh(pk: int) -> ProfessionalReport:
    return selectors._full(ProfessionalReport.objects.filter(pk=pk)).get()


def _scores(text: str) -> list:
    """The scores field: a JSON list of score objects (test_name, area, standard_score,
    percentile, age_equivalent), or empty."""
    if not text.strip():
        return []
    try:
        rows = json.loads(text)
    except ValueError:
        rows = None
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise InputError(
            [
                {
                    "loc": ["body", "scores"],
                    "msg": "Send the scores as a JSON list of objects.",
                    "type": "value_error",
                }
            ]
        )
    return rows


@router.get("/reports/pupils/{int:pupil_id}", response=list[ReportOut])
def pupil_reports(request, pupil_id: int):
    """The pupil's reports, newest first, with their scores and recommendations."""
    pupil = policy.get_pupil(
        request.user, pupil_id, "report.view", audit=Read.api(request, "Professional reports")
    )
    return selectors.pupil_reports(pupil)


@router.get("/reports/{int:report_id}", response=ReportOut)
def get_report(request, report_id: int):
    return selectors.get_report(request.user, report_id, audit=Read.api(request, _what))


@router.post("/reports/pupils/{int:pupil_id}", response={201: ReportOut})
def upload_report(
    request,
    pupil_id: int,
    title: Form[str],
    author_name: Form[str],
    written_on: Form[BoundedDate],
    received_on: Form[BoundedDate],
    author_role: Form[str] = "",
    agency_name: Form[str] = "",
    summary: Form[str] = "",
    recommendations: Form[str] = "",
    scores: Form[str] = "",
    file: File[UploadedFile | None] = None,
):
    """Multipart. `recommendations`: one a line. `scores`: a JSON list of score objects. The
    file must be a PDF or Word (.docx) under 10 MB (422 at ``["body", "file"]`` otherwise)."""
    pupil = policy.get_pupil(request.user, pupil_id, "report.upload", audit=Read.for_write(request))
    try:
        report = services.upload_report(
            actor=request.user, pupil=pupil, upload=file, title=title, author_name=author_name,
            author_role=author_role, agency_name=agency_name, written_on=written_on,
            received_on=received_on, summary=summary, recommendations=recommendations,
            scores=_scores(scores),
        )  # fmt: skip
    except ValidationError as exc:
        raise located_errors(exc) from exc
    return Status(201, _fresh(report.pk))


@router.put("/reports/{int:report_id}", response={200: ReportOut, 409: ReportConflict})
def correct_report(request, report_id: int, payload: ReportCorrection):
    """Correct the report's details (not its file, scores or recommendations)."""
    report = selectors.get_report(request.user, report_id, "report.decide", audit=Read.for_write(request))
    data = payload.dict()
    version = data.pop("version")
    try:
        services.correct_report(actor=request.user, report=report, expected_version=version, **data)
    except ValidationError as exc:
        raise located_errors(exc) from exc
    return Status(200, _fresh(report.pk))


@router.put(
    "/recommendations/{int:recommendation_id}",
    response={200: RecommendationOut, 409: RecommendationConflict},
)
def decide_recommendation(request, recommendation_id: int, payload: RecommendationDecisionIn):
    """Not adopted (`not_adopted`) or acted on another way (`other`), with a note. A target or
    provision is made from the plans or provision pages, which record it here."""
    item = selectors.get_recommendation(request.user, recommendation_id, audit=Read.for_write(request))
    try:
        services.decide_recommendation(
            actor=request.user, recommendation=item, expected_version=payload.version,
            status=payload.status, note=payload.note,
        )  # fmt: skip
    except ValidationError as exc:
        raise located_errors(exc) from exc
    return Status(200, Recommendation.objects.get(pk=item.pk))
