"""Provision API: library, groups, places (with measures), sessions and attendance.

Same access policy and services as the pages. No schema here has a rate or a cost field:
salary figures are never exposed through the API (a test checks the OpenAPI schema)."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Router, Schema, Status

from sendco.core.access import policy

from . import services
from .models import GroupMember, Provision, ProvisionGroup, Session

API_PREFIX = "/provision"
router = Router(tags=["provision"])


class ProvisionOut(Schema):
    id: int
    name: str
    description: str
    need_area: str
    wave: int
    typical_group_size: int
    minutes_per_session: int
    sessions_per_week: int
    staff_type: str
    evidence_notes: str
    evidence_url: str
    measure_kind: str
    active: bool


class GroupOut(Schema):
    id: int
    provision_id: int
    name: str
    weekdays: list[int]
    start_time: time | None
    minutes_per_session: int
    room: str
    start_date: date
    end_date: date
    is_section_f: bool
    promised_hours_per_week: Decimal | None
    measure_kind: str
    measure_name: str
    staff_ids: list[int]

    @staticmethod
    def resolve_weekdays(obj):
        return obj.weekday_list

    @staticmethod
    def resolve_staff_ids(obj):
        return [s.user_id for s in obj.staff_links.all()]


class MemberOut(Schema):
    id: int
    group_id: int
    pupil_id: int
    joined: date
    left: date | None
    reason: str
    entry_value: Decimal | None
    entry_on: date | None
    exit_value: Decimal | None
    exit_on: date | None
    version: int


class MeasureIn(Schema):
    entry_value: Decimal | None = None
    entry_on: date | None = None
    exit_value: Decimal | None = None
    exit_on: date | None = None
    left: date | None = None
    version: int | None = None


class AttendanceOut(Schema):
    pupil_id: int
    present: bool
    note: str


class SessionOut(Schema):
    id: int
    group_id: int
    date: date
    held: bool
    cancel_reason: str
    note: str
    attendance: list[AttendanceOut]

    @staticmethod
    def resolve_attendance(obj):
        return list(obj.attendance.all())


class SessionIn(Schema):
    date: date
    held: bool = True
    cancel_reason: str = ""
    note: str = ""
    present: list[int] = []
    notes: dict[int, str] = {}


def _visible_groups(request):
    """Groups the caller may open: every group at schools they manage, plus those they run."""
    managed = policy.schools(request.user, "provision.manage")
    return ProvisionGroup.objects.filter(school__in=managed) | ProvisionGroup.objects.filter(
        staff_links__user=request.user, school__in=policy.schools(request.user, "provision.library")
    )


def _group(request, group_id: int, perm: str = "provision.view_group") -> ProvisionGroup:
    group = ProvisionGroup.objects.select_related("school", "provision").filter(pk=group_id).first()
    if group is None or not policy.can(request.user, perm, group):
        raise Http404
    return group


@router.get("/library", response=list[ProvisionOut])
def list_provisions(request):
    schools = policy.schools(request.user, "provision.library")
    return Provision.objects.filter(school__in=schools).order_by("name")


@router.get("/groups", response=list[GroupOut])
def list_groups(request):
    return (
        _visible_groups(request)
        .distinct()
        .prefetch_related("staff_links")
        .order_by("-end_date", "name")[:500]
    )


@router.get("/groups/{group_id}", response=GroupOut)
def get_group(request, group_id: int):
    return _group(request, group_id)


@router.get("/groups/{group_id}/members", response=list[MemberOut])
def list_members(request, group_id: int):
    return GroupMember.objects.filter(group=_group(request, group_id)).order_by("joined")


@router.get("/groups/{group_id}/sessions", response=list[SessionOut])
def list_sessions(request, group_id: int):
    group = _group(request, group_id)
    return Session.objects.filter(group=group).prefetch_related("attendance").order_by("-date")[:200]


@router.post("/groups/{group_id}/sessions", response={201: SessionOut})
def record_session(request, group_id: int, payload: SessionIn):
    group = _group(request, group_id, "provision.register")
    session = services.record_session(
        actor=request.user,
        group=group,
        day=payload.date,
        held=payload.held,
        cancel_reason=payload.cancel_reason,
        note=payload.note,
        present=payload.present,
        notes=payload.notes,
    )
    return Status(201, session)


@router.patch("/places/{member_id}", response=MemberOut)
def record_measures(request, member_id: int, payload: MeasureIn):
    member = GroupMember.objects.select_related("group__school").filter(pk=member_id).first()
    if member is None or not policy.can(request.user, "provision.register", member.group):
        raise Http404
    data = {k: ("" if v is None else str(v)) for k, v in payload.dict(exclude={"version"}).items()}
    current = {
        f: getattr(member, f) for f in ("entry_value", "entry_on", "exit_value", "exit_on", "left")
    }  # a PATCH keeps fields it does not name
    merged = {k: ("" if v is None else str(v)) for k, v in current.items()}
    merged.update({k: v for k, v in data.items() if k in payload.model_fields_set})
    try:
        return services.record_measures(
            actor=request.user, member=member, data=merged, expected_version=payload.version
        )
    except services.ConflictError:
        raise ValidationError({"version": ["Someone else changed these scores: fetch them again"]})
