"""Form 8 writes and the alternative route's evidence under /api/v1/access-arrangements/:
Part 1 (starts the Form 8 or corrects it), Part 2 (the assessment and its scores: POST records
it, PUT corrects it), Part 3, and an arrangement's EHC plans and professional letters (list and
multipart upload). Same services and policy as the pages: the SEN team writes, 404 when the
pupil is not visible or the caller may not write; a stale version answers 409; bad input 422
with where it is (a score's errors at ``["body", "scores", n, field]``) and nothing saved."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from sendco.api.conflicts import Conflict
from sendco.api.types import BoundedDate
from sendco.assessments.api import AssessmentScoreIn, located_errors
from sendco.audit.services import Read
from sendco.core.access import policy
from sendco.core.concurrency import ConflictError

from . import lookups, services, services_form8
from .api_candidates import Form8Out, form8_out
from .models import Assessor, Form8


class Form8Part1In(Schema):
    history_of_need: str
    normal_way_of_working: str
    part1_signed_on: BoundedDate
    # The Form 8's version when correcting Part 1; 0 ("I saw no Form 8") starts one. Required,
    # like every update's version, so a caller who missed a new Form 8 gets 409, not a second.
    version: int


class Form8Part2In(Schema):
    version: int
    taken_on: BoundedDate
    assessor_id: int
    illegible_handwriting: bool = False
    summary: str = ""
    scores: list[AssessmentScoreIn] = []


class Form8Part3In(Schema):
    version: int
    part3_completed_on: BoundedDate


class Form8Conflict(Conflict):
    current: Form8Out
    version: int
    message = "This Form 8 was changed by someone else since you read it: nothing was saved."


class AlternativeEvidenceOut(Schema):
    id: int
    arrangement_id: int
    kind: str
    author: str
    dated: date
    summary: str
    original_name: str


router = Router()

# The services name the assessor by the record; the API's body names it by its id.
_BODY_NAMES = {"assessor": "assessor_id", "signed_on": "part1_signed_on"}


def _input_error(exc: ValidationError):
    renamed = {_BODY_NAMES.get(k, k): v for k, v in exc.message_dict.items()}
    return located_errors(ValidationError(renamed))


def _fresh(form8: Form8) -> Form8Out:
    return form8_out(Form8.objects.select_related("assessment", "assessor").get(pk=form8.pk))


def _conflict(form8: Form8) -> ConflictError:
    return ConflictError(_fresh(form8))


def _writable_form8(request, pupil_id: int) -> Form8:
    pupil = policy.get_pupil(request.user, pupil_id, "aa.manage", audit=Read.for_write(request))
    form8 = lookups.latest_form8(pupil)
    if form8 is None:
        raise Http404("No Form 8")
    return form8


def _save(save, **kwargs) -> Form8:
    """Run a Form 8 service; its errors located in the body, a stale version as a 409 whose
    ``current`` is the Form 8 as the API shows it."""
    try:
        return save(**kwargs)
    except ValidationError as exc:
        raise _input_error(exc) from exc
    except ConflictError as exc:
        raise _conflict(exc.current) from exc


@router.put("/pupils/{int:pupil_id}/form-8/part-1", response={200: Form8Out, 409: Form8Conflict})
def save_part1(request, pupil_id: int, payload: Form8Part1In):
    pupil = policy.get_pupil(request.user, pupil_id, "aa.manage", audit=Read.for_write(request))
    form8 = lookups.latest_form8(pupil)
    if form8 is not None and payload.version == 0:
        raise _conflict(form8)  # the candidate has a Form 8 the caller did not know of
    if form8 is None and payload.version != 0:
        raise Http404("No Form 8")  # the one the caller read is gone
    saved = _save(
        services_form8.save_part1, actor=request.user, pupil=pupil,
        history_of_need=payload.history_of_need, normal_way_of_working=payload.normal_way_of_working,
        signed_on=payload.part1_signed_on, form8=form8, expected_version=payload.version or None,
    )  # fmt: skip
    return Status(200, _fresh(saved))


def _part2(request, form8: Form8, payload: Form8Part2In) -> Form8:
    assessor = Assessor.objects.filter(pk=payload.assessor_id).first()  # the service checks its school
    return _save(
        services_form8.save_part2, actor=request.user, form8=form8, taken_on=payload.taken_on,
        assessor=assessor, scores=[s.dict() for s in payload.scores],
        illegible_handwriting=payload.illegible_handwriting, summary=payload.summary,
        expected_version=payload.version,
    )  # fmt: skip


@router.post("/pupils/{int:pupil_id}/form-8/part-2", response={201: Form8Out, 409: Form8Conflict})
def record_part2(request, pupil_id: int, payload: Form8Part2In):
    form8 = _writable_form8(request, pupil_id)
    if form8.assessment_id is not None:
        raise _conflict(form8)  # already recorded: correct it with PUT
    return Status(201, _fresh(_part2(request, form8, payload)))


@router.put("/pupils/{int:pupil_id}/form-8/part-2", response={200: Form8Out, 409: Form8Conflict})
def correct_part2(request, pupil_id: int, payload: Form8Part2In):
    form8 = _writable_form8(request, pupil_id)
    if form8.assessment_id is None:
        raise Http404("Part 2 is not recorded yet")
    return Status(200, _fresh(_part2(request, form8, payload)))


@router.put("/pupils/{int:pupil_id}/form-8/part-3", response={200: Form8Out, 409: Form8Conflict})
def save_part3(request, pupil_id: int, payload: Form8Part3In):
    form8 = _writable_form8(request, pupil_id)
    saved = _save(
        services_form8.save_part3, actor=request.user, form8=form8,
        completed_on=payload.part3_completed_on, expected_version=payload.version,
    )  # fmt: skip
    return Status(200, _fresh(saved))


@router.get("/arrangements/{int:arrangement_id}/alternative-evidence", response=list[AlternativeEvidenceOut])
def list_alternative_evidence(request, arrangement_id: int):
    audit = Read.api(request, lambda a: f"Alternative evidence: {a.label}")
    arrangement = lookups.get_arrangement(request.user, arrangement_id, "aa.detail", audit=audit)
    return list(arrangement.alternative_evidence.order_by("-dated", "-pk"))


@router.post(
    "/arrangements/{int:arrangement_id}/alternative-evidence", response={201: AlternativeEvidenceOut}
)
def add_alternative_evidence(
    request,
    arrangement_id: int,
    kind: Form[str],
    author: Form[str],
    dated: Form[BoundedDate],
    summary: Form[str] = "",
    file: File[UploadedFile | None] = None,
):
    """Multipart: the document's details as form fields and, optionally, the file (checked like
    every upload: size and kind; a bad one answers 422 at ``["body", "file"]``)."""
    arrangement = lookups.get_arrangement(
        request.user, arrangement_id, "aa.manage", audit=Read.for_write(request)
    )
    item = services.add_alternative_evidence(
        actor=request.user, arrangement=arrangement, kind=kind, author=author, dated=dated,
        summary=summary, upload=file,
    )  # fmt: skip
    return Status(201, item)
