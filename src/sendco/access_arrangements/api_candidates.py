"""A candidate's access arrangements under /api/v1/access-arrangements/: the list (the narrow
schema every reader gets, exams officer included), one arrangement with its evidence-chain
gaps (SEN team and head), add or change (409 on a stale version, 422 with field errors), the
SENCO's decision, and a teacher's answer to a request addressed to them. Same services and
policy as the pages; 404 when the pupil or record is not visible."""

from datetime import date

from django.http import Http404
from ninja import Router, Schema, Status

from sendco.api.conflicts import Conflict
from sendco.api.types import BoundedDate
from sendco.audit.services import Read
from sendco.core.access import policy

from . import lookups, selectors, services
from .models import Arrangement, NormalWayRequest


class ArrangementBrief(Schema):
    """What the exams officer may read: the arrangement, never its evidence."""

    id: int
    pupil_id: int
    kind: str
    label: str
    status: str
    extra_time: int
    expires_on: date | None


class ChainGapOut(Schema):
    code: str
    message: str
    citation: str


class ArrangementOut(ArrangementBrief):
    other_label: str
    extra_time_percent: int | None
    decided_by_id: int | None
    decided_on: date | None
    approval_reference: str
    notes: str
    form8_id: int | None
    version: int
    gaps: list[ChainGapOut] = []


class ArrangementIn(Schema):
    kind: str
    other_label: str = ""
    extra_time_percent: int | None = None
    status: str = Arrangement.Status.PROPOSED
    notes: str = ""


class ArrangementPut(ArrangementIn):
    version: int


class ArrangementDecisionIn(Schema):
    version: int
    decided_on: BoundedDate
    approval_reference: str = ""
    expires_on: BoundedDate | None = None
    status: str = Arrangement.Status.APPROVED


class NormalWayAnswerIn(Schema):
    source: str
    answer: str


class NormalWayAnswerOut(Schema):
    id: int
    arrangement_id: int
    source: str
    answer: str


class ArrangementConflict(Conflict):
    current: ArrangementOut


router = Router()


def _detail(user, pk: int) -> ArrangementOut:
    arrangement = Arrangement.objects.select_related("pupil").get(pk=pk)
    checked = selectors.check(arrangement, series=selectors.next_series(arrangement.school))
    out = ArrangementOut.from_orm(arrangement)
    out.gaps = [ChainGapOut(code=g.code, message=g.message, citation=g.citation) for g in checked.gaps]
    return out


@router.get("/pupils/{int:pupil_id}/arrangements", response=list[ArrangementBrief])
def list_arrangements(request, pupil_id: int):
    pupil = policy.get_pupil(
        request.user, pupil_id, "aa.view", audit=Read.api(request, "Access arrangements")
    )
    return list(selectors.visible_arrangements(request.user).filter(pupil=pupil))


@router.post("/pupils/{int:pupil_id}/arrangements", response={201: ArrangementOut})
def add_arrangement(request, pupil_id: int, payload: ArrangementIn):
    pupil = policy.get_pupil(request.user, pupil_id, "aa.manage", audit=Read.for_write(request))
    arrangement = services.save_arrangement(actor=request.user, pupil=pupil, data=payload.dict())
    return Status(201, _detail(request.user, arrangement.pk))


@router.get("/arrangements/{int:arrangement_id}", response=ArrangementOut)
def get_arrangement(request, arrangement_id: int):
    audit = Read.api(request, lambda a: f"Access arrangement: {a.label}")
    arrangement = lookups.get_arrangement(request.user, arrangement_id, "aa.detail", audit=audit)
    return _detail(request.user, arrangement.pk)


@router.put("/arrangements/{int:arrangement_id}", response={200: ArrangementOut, 409: ArrangementConflict})
def change_arrangement(request, arrangement_id: int, payload: ArrangementPut):
    arrangement = lookups.get_arrangement(
        request.user, arrangement_id, "aa.manage", audit=Read.for_write(request)
    )
    data = payload.dict()
    version = data.pop("version")
    services.save_arrangement(
        actor=request.user, pupil=arrangement.pupil, data=data, arrangement=arrangement,
        expected_version=version,
    )  # fmt: skip
    return Status(200, _detail(request.user, arrangement.pk))


@router.post(
    "/arrangements/{int:arrangement_id}/decision", response={200: ArrangementOut, 409: ArrangementConflict}
)
def record_decision(request, arrangement_id: int, payload: ArrangementDecisionIn):
    arrangement = lookups.get_arrangement(
        request.user, arrangement_id, "aa.decide", audit=Read.for_write(request)
    )
    d = payload.dict()
    services.record_decision(
        actor=request.user, arrangement=arrangement, decided_on=d["decided_on"],
        approval_reference=d["approval_reference"], expires_on=d["expires_on"], status=d["status"],
        expected_version=d["version"],
    )  # fmt: skip
    return Status(200, _detail(request.user, arrangement.pk))


@router.post("/normal-way-requests/{int:request_id}/answer", response=NormalWayAnswerOut)
def answer_request(request, request_id: int, payload: NormalWayAnswerIn):
    req: NormalWayRequest = lookups.get_my_request(request.user, request_id, audit=Read.for_write(request))
    return services.answer_normal_way(
        actor=request.user, request=req, source=payload.source, answer=payload.answer
    )


class NormalWayRequestIn(Schema):
    requested_from_id: int
    subject: str = ""
    question: str = ""


class NormalWayRequestOut(Schema):
    id: int
    arrangement_id: int
    requested_from_id: int
    subject: str
    question: str


class Form8ScoreOut(Schema):
    test_name: str
    area: str
    standard_score: int


class Form8Out(Schema):
    id: int
    pupil_id: int
    history_of_need: str
    normal_way_of_working: str
    part1_signed_on: date | None
    taken_on: date | None
    assessor_id: int | None
    assessor_problems: list[str]
    illegible_handwriting: bool
    scores: list[Form8ScoreOut]
    part3_completed_on: date | None
    version: int


@router.post("/arrangements/{int:arrangement_id}/normal-way-requests", response={201: NormalWayRequestOut})
def request_normal_way(request, arrangement_id: int, payload: NormalWayRequestIn):
    arrangement = lookups.get_arrangement(
        request.user, arrangement_id, "aa.manage", audit=Read.for_write(request)
    )
    teacher = services.staff_to_ask(arrangement.school).filter(pk=payload.requested_from_id).first()
    req = services.request_normal_way(
        actor=request.user, arrangement=arrangement, teacher=teacher,
        subject=payload.subject, question=payload.question,
    )  # fmt: skip
    return Status(201, req)


@router.get("/pupils/{int:pupil_id}/form-8", response=Form8Out)
def get_form8(request, pupil_id: int):
    pupil = policy.get_pupil_unlogged(request.user, pupil_id, "aa.detail")
    form8 = lookups.latest_form8(pupil)
    if form8 is None:
        raise Http404("No Form 8")
    Read.api(request, "Form 8").record(pupil, of=form8)
    return form8_out(form8)


def form8_out(form8) -> Form8Out:
    """Form 8 as the API shows it (the writes in api_form8 answer with it too)."""
    assessment = form8.assessment
    return Form8Out(
        id=form8.pk, pupil_id=form8.pupil_id, history_of_need=form8.history_of_need,
        normal_way_of_working=form8.normal_way_of_working, part1_signed_on=form8.part1_signed_on,
        taken_on=assessment.taken_on if assessment else None, assessor_id=form8.assessor_id,
        assessor_problems=(
            form8.assessor.problems_for(assessment.taken_on) if form8.assessor and assessment else []
        ),
        illegible_handwriting=form8.illegible_handwriting,
        scores=[
            Form8ScoreOut(test_name=s.test_name, area=s.area, standard_score=s.standard_score)
            for s in (assessment.scores.all() if assessment else [])
        ],
        part3_completed_on=form8.part3_completed_on, version=form8.version,
    )  # fmt: skip
