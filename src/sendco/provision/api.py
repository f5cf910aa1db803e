"""Provision API: library, groups (with their measures), places (with their scores on each
measure), sessions and attendance.

Same access policy, services and forms as the pages: a refusal is 404, a form error 422 with
the field, a save based on an old `version` 409 with the record as it is now. No schema
(api_schemas.py) has a rate or a cost field, in or out (a test checks the OpenAPI schema):
resource costs are set on the pages; a group started through the API copies its library entry's."""

from __future__ import annotations

from django.http import Http404
from ninja import Router, Status

from sendco.audit.services import Read, log_list
from sendco.core.access import policy
from sendco.core.api_forms import form_data, values_of

from . import forms, services
from .api_schemas import (
    GroupConflict,
    GroupIn,
    GroupOut,
    GroupPatch,
    MeasureIn,
    MeasureOut,
    MemberConflict,
    MemberIn,
    MemberOut,
    PlacePatch,
    ProvisionConflict,
    ProvisionIn,
    ProvisionOut,
    ProvisionPatch,
    ScoreConflict,
    ScoreIn,
    ScoreOut,
    SessionConflict,
    SessionIn,
    SessionOut,
    SessionPatch,
)
from .lookups import group_for, place_for, session_for
from .models import GroupMember, Measure, Provision, ProvisionGroup, Session

API_PREFIX = "/provision"
router = Router(tags=["provision"])


def _visible_groups(request):
    """Groups the caller may open: every group at schools they manage, plus those they run."""
    managed = policy.schools(request.user, "provision.manage")
    return ProvisionGroup.objects.filter(school__in=managed) | ProvisionGroup.objects.filter(
        staff_links__user=request.user, school__in=policy.schools(request.user, "provision.library")
    )


@router.get("/library", response=list[ProvisionOut])
def list_provisions(request):
    schools = policy.schools(request.user, "provision.library")
    return Provision.objects.filter(school__in=schools).order_by("name")


@router.get("/groups", response=list[GroupOut])
def list_groups(request):
    return (
        _visible_groups(request)
        .distinct()
        .prefetch_related("staff_links", "measures")
        .order_by("-end_date", "name")[:500]
    )


@router.get("/groups/{group_id}", response=GroupOut)
def get_group(request, group_id: int):
    return group_for(request.user, group_id)


@router.get("/groups/{group_id}/members", response=list[MemberOut])
def list_members(request, group_id: int):
    group = group_for(request.user, group_id)
    members = list(GroupMember.objects.filter(group=group).prefetch_related("scores").order_by("joined"))
    log_list(
        request,
        what=f"Members of provision group {group.name} (API)",
        count=len(members),
        school=group.school,
    )
    return members


@router.get("/groups/{group_id}/sessions", response=list[SessionOut])
def list_sessions(request, group_id: int):
    group = group_for(request.user, group_id)
    sessions = list(
        Session.objects.filter(group=group).prefetch_related("attendance").order_by("-date")[:200]
    )
    log_list(
        request,
        what=f"Sessions of provision group {group.name} (API)",
        count=len(sessions),
        school=group.school,
    )
    return sessions


@router.post("/groups/{group_id}/sessions", response={201: SessionOut})
def record_session(request, group_id: int, payload: SessionIn):
    group = group_for(request.user, group_id, "provision.register")
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


@router.patch("/places/{member_id}", response={200: MemberOut, 409: MemberConflict})
def update_place(request, member_id: int, payload: PlacePatch):
    """The leaving date. Scores: PUT /places/{id}/scores/{measure_id}."""
    member = place_for(request.user, member_id, audit=Read.for_write(request))
    left = payload.left if "left" in payload.model_fields_set else member.left  # a PATCH keeps it
    services.update_place(
        actor=request.user,
        member=member,
        data=form_data({"left": left}),
        expected_version=payload.version,
    )
    return GroupMember.objects.prefetch_related("scores").get(pk=member.pk)


@router.put("/places/{member_id}/scores/{measure_id}", response={200: ScoreOut, 409: ScoreConflict})
def put_score(request, member_id: int, measure_id: int, payload: ScoreIn):
    member = place_for(request.user, member_id, audit=Read.for_write(request))
    measure = Measure.objects.filter(pk=measure_id, group_id=member.group_id).first()
    if measure is None:
        raise Http404
    data = form_data(payload.dict(exclude={"version"}))
    return services.record_score(
        actor=request.user, member=member, measure=measure, data=data, expected_version=payload.version
    )


# --- writes: library ---------------------------------------------------------------------------


def _managed_provision(request, provision_id: int) -> Provision:
    managed = policy.schools(request.user, "provision.manage")
    provision = Provision.objects.select_related("school").filter(pk=provision_id, school__in=managed).first()
    if provision is None:
        raise Http404
    return provision


@router.post("/library", response={201: ProvisionOut})
def create_provision(request, payload: ProvisionIn):
    school = policy.schools(request.user, "provision.manage").filter(pk=payload.school_id).first()
    if school is None:
        raise Http404  # a school the caller does not manage looks like one that does not exist
    blank = values_of(Provision(school=school), forms.ProvisionForm.Meta.fields)
    data = form_data(payload.dict(exclude={"school_id"}), base=blank)
    return Status(201, services.save_provision(actor=request.user, school=school, data=data))


@router.patch("/library/{provision_id}", response={200: ProvisionOut, 409: ProvisionConflict})
def update_provision(request, provision_id: int, payload: ProvisionPatch):
    provision = _managed_provision(request, provision_id)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    data = form_data(changes, base=values_of(provision, forms.ProvisionForm.Meta.fields))
    return services.save_provision(
        actor=request.user,
        school=provision.school,
        provision=provision,
        data=data,
        expected_version=version,
    )


# --- writes: groups and places -----------------------------------------------------------------


def _group_fields(group: ProvisionGroup, staff_ids, first: Measure | None) -> dict:
    first = first or Measure()
    return {
        **values_of(group, forms.GroupForm.Meta.fields),
        "weekday_set": group.weekday_list,
        "staff_ids": list(staff_ids),
        "measure_kind": first.kind,
        "measure_name": first.name,
        "expected_gain": first.expected_gain,
    }


def _group_changes(changes: dict) -> dict:
    if "weekdays" in changes:
        changes["weekday_set"] = changes.pop("weekdays")
    return changes


def _fresh_group(pk: int) -> ProvisionGroup:
    return ProvisionGroup.objects.prefetch_related("staff_links", "measures").get(pk=pk)


@router.post("/groups", response={201: GroupOut})
def create_group(request, payload: GroupIn):
    provision = _managed_provision(request, payload.provision_id)
    blank = ProvisionGroup(
        school=provision.school,
        provision=provision,
        minutes_per_session=provision.minutes_per_session,
        resource_cost_per_session=provision.resource_cost_per_session,
        one_off_resource_cost=provision.one_off_resource_cost,
    )
    first = Measure(kind=provision.measure_kind, name=provision.measure_name)  # the library's default
    changes = {k: v for k, v in payload.dict(exclude={"provision_id"}).items() if v is not None}
    data = form_data(_group_changes(changes), base=_group_fields(blank, [], first))
    group = services.save_group(actor=request.user, school=provision.school, provision=provision, data=data)
    return Status(201, _fresh_group(group.pk))


@router.patch("/groups/{group_id}", response={200: GroupOut, 409: GroupConflict})
def update_group(request, group_id: int, payload: GroupPatch):
    group = group_for(request.user, group_id, "provision.manage")
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    staff = group.staff_links.values_list("user_id", flat=True)
    data = form_data(_group_changes(changes), base=_group_fields(group, staff, group.measures.first()))
    services.save_group(
        actor=request.user,
        school=group.school,
        provision=group.provision,
        data=data,
        group=group,
        expected_version=version,
    )
    return _fresh_group(group.pk)


@router.post("/groups/{group_id}/members", response={201: MemberOut})
def add_member(request, group_id: int, payload: MemberIn):
    """Give a pupil a place: the pupil must be one you see at the group's school, join within
    the group's dates and have no place in it already on that date. Leaving: PATCH the place."""
    group = group_for(request.user, group_id, "provision.manage")
    data = form_data(payload.dict())
    member = services.add_member(actor=request.user, group=group, data=data)
    return Status(201, GroupMember.objects.prefetch_related("scores").get(pk=member.pk))


@router.post("/groups/{group_id}/measures", response={201: MeasureOut})
def add_measure(request, group_id: int, payload: MeasureIn):
    """Track another measure in the group (after its others). The SENCO team only."""
    group = group_for(request.user, group_id, "provision.manage")
    measure = services.add_measure(actor=request.user, group=group, data=form_data(payload.dict()))
    return Status(201, measure)


# --- writes: sessions ---------------------------------------------------------------------------


def _fresh_session(pk: int) -> Session:
    return Session.objects.prefetch_related("attendance").get(pk=pk)


@router.patch("/sessions/{session_id}", response={200: SessionOut, 409: SessionConflict})
def correct_session(request, session_id: int, payload: SessionPatch):
    session = session_for(request.user, session_id)
    marks = list(session.attendance.all())
    current = {
        "held": session.held,
        "cancel_reason": session.cancel_reason,
        "note": session.note,
        "present": [m.pupil_id for m in marks if m.present],
        "notes": {m.pupil_id: m.note for m in marks if m.note},
    }
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    wanted = {**current, **{k: v for k, v in changes.items() if v is not None}}
    services.correct_session(actor=request.user, session=session, expected_version=version, **wanted)
    return _fresh_session(session.pk)


@router.delete("/sessions/{session_id}", response={204: None, 409: SessionConflict})
def delete_session(request, session_id: int, version: int | None = None):
    """Delete a session recorded by mistake (its marks too; history keeps them). Pass
    `?version=` to refuse if it was corrected since you read it."""
    session = session_for(request.user, session_id)
    services.delete_session(actor=request.user, session=session, expected_version=version)
    return Status(204, None)
