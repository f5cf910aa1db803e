"""The centre's side of the API: exam series and papers, the assessor register and the head of
centre's check, the centre's evidence check and the exams officer's list. Same selectors and
services as the pages; another school's records (or a role without the right) answer 404."""

from __future__ import annotations

from datetime import date

from django.http import Http404
from ninja import Query, Router, Schema, Status

from sendco.api.conflicts import Conflict
from sendco.api.types import BoundedDate
from sendco.audit.services import log_list
from sendco.core.access import policy

from . import selectors_centre as centre
from . import services_centre as services
from .models import Assessor, ExamSeries

router = Router()


class SeriesOut(Schema):
    id: int
    name: str
    first_exam_on: date
    last_exam_on: date
    application_deadline: date
    approval_months: int
    version: int


class SeriesIn(Schema):
    name: str
    first_exam_on: BoundedDate
    last_exam_on: BoundedDate
    application_deadline: BoundedDate
    approval_months: int = 26


class SeriesPatch(Schema):
    version: int
    name: str | None = None
    first_exam_on: BoundedDate | None = None
    last_exam_on: BoundedDate | None = None
    application_deadline: BoundedDate | None = None
    approval_months: int | None = None


class PaperOut(Schema):
    id: int
    series_id: int
    title: str
    sat_on: date
    session: str
    duration_minutes: int
    nc_year: int


class PaperIn(Schema):
    title: str
    sat_on: BoundedDate
    session: str
    duration_minutes: int
    nc_year: int


class AssessorOut(Schema):
    id: int
    name: str
    organisation: str
    email: str
    qualification_route: str
    qualification_detail: str
    apc_expires_on: date | None
    checked_by_id: int | None
    checked_on: date | None
    active: bool
    version: int
    problems: list[str]

    @staticmethod
    def resolve_problems(obj) -> list[str]:
        from django.utils import timezone

        return obj.problems_for(timezone.localdate())


class AssessorIn(Schema):
    name: str
    organisation: str = ""
    email: str = ""
    qualification_route: str
    qualification_detail: str = ""
    apc_expires_on: BoundedDate | None = None
    active: bool = True


class AssessorPatch(Schema):
    version: int
    name: str | None = None
    organisation: str | None = None
    email: str | None = None
    qualification_route: str | None = None
    qualification_detail: str | None = None
    apc_expires_on: BoundedDate | None = None
    active: bool | None = None


class CheckIn(Schema):
    version: int
    checked_on: BoundedDate


class SeriesConflict(Conflict):
    current: SeriesOut


class AssessorConflict(Conflict):
    current: AssessorOut


class GapOut(Schema):
    code: str
    message: str
    citation: str


class CheckedOut(Schema):
    arrangement_id: int
    pupil_id: int
    kind: str
    status: str
    complete: bool
    gaps: list[GapOut]


class CentreCheckOut(Schema):
    series_id: int | None
    total: int
    complete: int
    with_gaps: int
    arrangements: list[CheckedOut]


class ExamPaperTimeOut(Schema):
    paper_id: int
    title: str
    minutes: int
    with_extra_time: str


class CandidateOut(Schema):
    """Only what the exam room needs: no need types, scores or Form 8."""

    pupil_id: int
    name: str
    nc_year: int
    extra_time_percent: int
    separate_room: bool
    reader: bool
    scribe: bool
    rest_breaks: bool
    other: list[str]
    papers: list[ExamPaperTimeOut]


class SchoolQuery(Schema):
    school_id: int | None = None


class ExamListQuery(Schema):
    day: BoundedDate | None = None
    session: str = ""


def _school(request, perm: str, school_id: int | None):
    school = centre.school_for(request.user, perm, school_id)
    if school is None:
        raise Http404
    return school


def _series(request, series_id: int, perm: str = "aa.series") -> ExamSeries:
    series = ExamSeries.objects.select_related("school").filter(pk=series_id).first()
    if series is None or not policy.can(request.user, perm, series):
        raise Http404
    return series


def _assessor(request, assessor_id: int, perm: str) -> Assessor:
    assessor = Assessor.objects.select_related("school").filter(pk=assessor_id).first()
    if assessor is None or not policy.can(request.user, perm, assessor):
        raise Http404
    return assessor


@router.get("/series", response=list[SeriesOut])
def list_series(request, q: Query[SchoolQuery]):
    return list(ExamSeries.objects.filter(school=_school(request, "aa.series", q.school_id)))


@router.post("/series", response={201: SeriesOut})
def create_series(request, payload: SeriesIn, q: Query[SchoolQuery]):
    school = _school(request, "aa.series", q.school_id)
    return Status(201, services.save_series(actor=request.user, school=school, data=payload.dict()))


@router.patch("/series/{int:series_id}", response={200: SeriesOut, 409: SeriesConflict})
def update_series(request, series_id: int, payload: SeriesPatch):
    series = _series(request, series_id)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    data = {k: v for k, v in data.items() if v is not None}
    return services.save_series(
        actor=request.user, school=series.school, series=series, data=data, expected_version=version
    )


@router.get("/series/{int:series_id}/papers", response=list[PaperOut])
def list_papers(request, series_id: int):
    return list(_series(request, series_id).papers.all())


@router.post("/series/{int:series_id}/papers", response={201: PaperOut})
def create_paper(request, series_id: int, payload: PaperIn):
    series = _series(request, series_id)
    return Status(201, services.save_paper(actor=request.user, series=series, data=payload.dict()))


@router.get("/assessors", response=list[AssessorOut])
def list_assessors(request, q: Query[SchoolQuery]):
    school = _school(request, "aa.assessors", q.school_id)
    return list(centre.assessors(school))


@router.post("/assessors", response={201: AssessorOut})
def create_assessor(request, payload: AssessorIn, q: Query[SchoolQuery]):
    school = _school(request, "aa.assessors.manage", q.school_id)
    return Status(201, services.save_assessor(actor=request.user, school=school, data=payload.dict()))


@router.patch("/assessors/{int:assessor_id}", response={200: AssessorOut, 409: AssessorConflict})
def update_assessor(request, assessor_id: int, payload: AssessorPatch):
    assessor = _assessor(request, assessor_id, "aa.assessors.manage")
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    return services.save_assessor(
        actor=request.user, school=assessor.school, assessor=assessor, data=data, expected_version=version
    )


@router.post("/assessors/{int:assessor_id}/check", response={200: AssessorOut, 409: AssessorConflict})
def check_assessor(request, assessor_id: int, payload: CheckIn):
    assessor = _assessor(request, assessor_id, "aa.assessors.check")
    return services.check_assessor(
        actor=request.user, assessor=assessor, checked_on=payload.checked_on, expected_version=payload.version
    )


@router.get("/centre-check", response=CentreCheckOut)
def centre_check(request, q: Query[SchoolQuery], series_id: int | None = None):
    school = _school(request, "aa.centre", q.school_id)
    series = centre.series_for(school, series_id)
    rows, counts = centre.centre_check(request.user, school, series)
    log_list(request, what="Access arrangements: centre evidence check (API)", count=len(rows), school=school)
    return {
        "series_id": series.pk if series else None,
        "total": counts["total"],
        "complete": counts["complete"],
        "with_gaps": counts["gaps"],
        "arrangements": [
            {
                "arrangement_id": r.arrangement.pk,
                "pupil_id": r.arrangement.pupil_id,
                "kind": r.arrangement.kind,
                "status": r.arrangement.status,
                "complete": not r.gaps,
                "gaps": [{"code": g.code, "message": g.message, "citation": g.citation} for g in r.gaps],
            }
            for r in rows
        ],
    }


@router.get("/series/{int:series_id}/exam-list", response=list[CandidateOut])
def exam_list(request, series_id: int, q: Query[ExamListQuery]):
    series = _series(request, series_id, "aa.exam_lists")
    candidates = centre.exam_list(request.user, series, day=q.day, session=q.session)
    log_list(
        request, what=f"Access arrangements: {series.name} (API)", count=len(candidates), school=series.school
    )
    return [
        {
            "pupil_id": c.pupil.pk,
            "name": c.pupil.full_name,
            "nc_year": c.pupil.nc_year,
            "extra_time_percent": c.extra_time,
            "separate_room": c.separate_room,
            "reader": c.reader,
            "scribe": c.scribe,
            "rest_breaks": c.rest_breaks,
            "other": c.other,
            "papers": [
                {
                    "paper_id": t.paper.pk,
                    "title": t.paper.title,
                    "minutes": t.paper.duration_minutes,
                    "with_extra_time": t.extended,
                }
                for t in c.papers
            ],
        }
        for c in candidates
    ]
