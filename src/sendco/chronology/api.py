"""Chronology entries under /api/v1/chronology/: the same access policy and services as the web.
An entry the caller may not read answers 404, whatever its confidentiality level."""

from datetime import date, datetime, time

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from sendco.api.conflicts import Conflict
from sendco.api.pagination import LoggedPagination
from sendco.api.types import BoundedDate
from sendco.audit.services import Read
from sendco.core.access import policy

from . import selectors, services
from .models import ChronologyEntry
from .permissions import readable_entries

API_PREFIX = "/chronology"
router = Router(tags=["chronology"])


class AttachmentOut(Schema):
    id: int
    original_name: str
    content_type: str
    size: int
    created_at: datetime


class EntryOut(Schema):
    id: int
    pupil_id: int
    occurred_on: date
    occurred_time: time | None
    kind: str
    category: str = Field(..., alias="category.name")
    title: str
    body: str
    confidentiality: str
    staff_participant_ids: list[int]
    other_participants: str
    follow_up: str
    follow_up_owner_id: int | None
    follow_up_due: date | None
    follow_up_done_at: datetime | None
    recorded_by_id: int | None
    created_at: datetime
    edited_at: datetime | None
    version: int

    @staticmethod
    def resolve_staff_participant_ids(obj) -> list[int]:
        return [u.pk for u in obj.staff_participants.all()]


class EntryIn(Schema):
    pupil_id: int
    occurred_on: BoundedDate
    occurred_time: time | None = None
    kind: str
    category: str = Field(..., description="A category name of the pupil's school")
    title: str
    body: str
    confidentiality: str
    staff_participant_ids: list[int] = []
    other_participants: str = ""
    follow_up: str = ""
    follow_up_owner_id: int | None = None
    follow_up_due: BoundedDate | None = None


class EntryPatch(Schema):
    """Corrections; `version` must be the one you read (409 if it changed) and `reason` says why."""

    version: int
    reason: str
    occurred_on: BoundedDate | None = None
    occurred_time: time | None = None
    kind: str | None = None
    category: str | None = None
    title: str | None = None
    body: str | None = None
    confidentiality: str | None = None
    other_participants: str | None = None
    follow_up: str | None = None
    follow_up_owner_id: int | None = None
    follow_up_due: BoundedDate | None = None


class EntryFilters(Schema):
    pupil_id: int | None = None
    category: str | None = None
    date_from: BoundedDate | None = None
    date_to: BoundedDate | None = None


class EntryConflict(Conflict):
    current: EntryOut


def _with_related(qs):
    return qs.select_related("category").prefetch_related("staff_participants")


def _resolve(pupil, data: dict) -> dict:
    """Names and ids from the body to objects, with 422 field errors for unknown ones."""
    out = dict(data)
    if "kind" in out and out["kind"] not in ChronologyEntry.Kind.values:
        raise ValidationError({"kind": f"Use one of {', '.join(ChronologyEntry.Kind.values)}."})
    if "confidentiality" in out and out["confidentiality"] not in ChronologyEntry.Confidentiality.values:
        raise ValidationError(
            {"confidentiality": f"Use one of {', '.join(ChronologyEntry.Confidentiality.values)}."}
        )
    if "category" in out:
        category = selectors.categories(pupil.school, active_only=False).filter(name=out["category"]).first()
        if category is None:
            raise ValidationError({"category": "No category with this name at the pupil's school."})
        out["category"] = category
    if "follow_up_owner_id" in out:
        owner_id = out.pop("follow_up_owner_id")
        out["follow_up_owner"] = get_user_model().objects.filter(pk=owner_id).first() if owner_id else None
        if owner_id and out["follow_up_owner"] is None:
            raise ValidationError({"follow_up_owner_id": "No such user."})
    for text in ("follow_up", "other_participants"):
        if text in out and out[text] is None:
            out[text] = ""
    return out


def _staff(ids) -> list:
    users = list(get_user_model().objects.filter(pk__in=ids))
    if len(users) != len(set(ids)):
        raise ValidationError({"staff_participant_ids": "Unknown user id."})
    return users


@router.get("/", response=list[EntryOut])
@paginate(LoggedPagination, what="Chronology entries (API)")
def list_entries(request, filters: Query[EntryFilters]):
    qs = readable_entries(request.user)
    if filters.pupil_id:
        qs = qs.filter(pupil_id=filters.pupil_id)
    if filters.category:
        qs = qs.filter(category__name=filters.category)
    if filters.date_from:
        qs = qs.filter(occurred_on__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(occurred_on__lte=filters.date_to)
    return _with_related(qs.order_by("-occurred_on", "-occurred_time", "-id"))


@router.post("/", response={201: EntryOut})
def create_entry(request, payload: EntryIn):
    data = payload.dict()
    pupil = policy.get_pupil(
        request.user, data.pop("pupil_id"), "chronology.add", audit=Read.for_write(request)
    )
    staff = _staff(data.pop("staff_participant_ids"))
    entry = services.create_entry(
        actor=request.user, pupil=pupil, data=_resolve(pupil, data), staff_participants=staff
    )
    return Status(201, _with_related(ChronologyEntry.objects).get(pk=entry.pk))


@router.get("/{int:entry_id}", response=EntryOut)
def get_entry(request, entry_id: int):
    entry = selectors.get_entry(
        request.user, entry_id, audit=Read.api(request, lambda e: f"Chronology entry {e.pk}")
    )
    return _with_related(ChronologyEntry.objects).get(pk=entry.pk)


@router.patch("/{int:entry_id}", response={200: EntryOut, 409: EntryConflict})
def update_entry(request, entry_id: int, payload: EntryPatch):
    entry = selectors.get_entry(request.user, entry_id, "chronology.change", audit=Read.for_write(request))
    changes = payload.dict(exclude_unset=True)
    version, reason = changes.pop("version"), changes.pop("reason")
    services.update_entry(
        actor=request.user,
        entry=entry,
        data=_resolve(entry.pupil, changes),
        expected_version=version,
        reason=reason,
    )
    return Status(200, _with_related(ChronologyEntry.objects).get(pk=entry.pk))


@router.get("/{int:entry_id}/attachments", response=list[AttachmentOut])
def list_attachments(request, entry_id: int):
    """Metadata only (names, types, sizes): logged as a read of the entry's files; download the
    files from the web page (which logs each download)."""
    audit = Read.api(request, lambda e: f"Chronology entry {e.pk} attachments")
    return list(selectors.get_entry(request.user, entry_id, audit=audit).attachments.all())


class CategoryOut(Schema):
    school_urn: str
    name: str
    active: bool


@router.get("/categories", response=list[CategoryOut])
def list_categories(request, school_urn: str | None = None):
    """The chronology categories of the schools where you work (the names `category` takes)."""
    schools = policy.schools(request.user, "school.view")
    if school_urn:
        schools = schools.filter(urn=school_urn)
    if not schools:
        raise Http404
    rows = []
    for school in schools:
        rows += [
            {"school_urn": school.urn, "name": c.name, "active": c.active}
            for c in selectors.categories(school, active_only=False)
        ]
    return rows
