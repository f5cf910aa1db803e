"""Concerns under /api/v1/concerns/: raise, read, correct, record a decision; evidence metadata.
Same access policy and services as the web pages; anything not visible answers 404."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from sendco.api.conflicts import Conflict
from sendco.api.pagination import LoggedPagination
from sendco.api.types import BoundedDate
from sendco.audit.services import Read
from sendco.core.access import policy

from . import selectors, services
from .models import Concern
from .permissions import visible_concerns


class ConcernOut(Schema):
    id: int
    pupil_id: int
    raised_by_id: int | None
    created_at: datetime
    status: str
    categories: list[str]
    subjects: str
    observations: str
    strategies_tried: str
    rating_attention: int | None
    rating_communication: int | None
    rating_literacy: int | None
    rating_numeracy: int | None
    rating_social: int | None
    rating_self_management: int | None
    parents_views: str
    parents_views_on: date | None
    decision: str
    decision_notes: str
    review_date: date | None
    need_types: list[str]
    agency: str
    agency_reason: str
    decided_on: date | None
    parents_told_on: date | None
    sen_status_id: int | None
    version: int

    @staticmethod
    def resolve_categories(obj) -> list[str]:
        return [c.name for c in obj.categories.all()]


class ConcernIn(Schema):
    pupil_id: int
    categories: list[str]
    subjects: str = ""
    observations: str
    strategies_tried: str
    rating_attention: int | None = None
    rating_communication: int | None = None
    rating_literacy: int | None = None
    rating_numeracy: int | None = None
    rating_social: int | None = None
    rating_self_management: int | None = None


class ConcernPatch(Schema):
    version: int
    categories: list[str] | None = None
    subjects: str | None = None
    observations: str | None = None
    strategies_tried: str | None = None
    rating_attention: int | None = None
    rating_communication: int | None = None
    rating_literacy: int | None = None
    rating_numeracy: int | None = None
    rating_social: int | None = None
    rating_self_management: int | None = None


class DecisionIn(Schema):
    version: int
    decision: str
    notes: str = ""
    review_date: BoundedDate | None = None
    need_types: list[str] = []
    start_date: BoundedDate | None = None
    agency: str = ""
    agency_reason: str = ""
    parents_told_on: BoundedDate | None = None


class EvidenceOut(Schema):
    id: int
    original_name: str
    content_type: str
    size: int
    created_at: datetime


class ConcernFilters(Schema):
    status: str | None = None
    pupil_id: int | None = None


class ConcernConflict(Conflict):
    current: ConcernOut


API_PREFIX = "/concerns"
router = Router(tags=["concerns"])


def _fresh(pk: int) -> Concern:
    return Concern.objects.prefetch_related("categories").get(pk=pk)


def _categories(school, names: list[str]) -> list:
    found = list(selectors.categories(school).filter(name__in=names))
    if len(found) != len(set(names)):
        raise ValidationError({"categories": "Use the names of the school's areas of concern."})
    return found


@router.get("/", response=list[ConcernOut])
@paginate(LoggedPagination, what="Concerns (API)")
def list_concerns(request, filters: Query[ConcernFilters]):
    qs = visible_concerns(request.user).prefetch_related("categories").order_by("-created_at", "-id")
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.pupil_id:
        qs = qs.filter(pupil_id=filters.pupil_id)
    return qs


@router.post("/", response={201: ConcernOut})
def raise_concern(request, payload: ConcernIn):
    data = payload.dict()
    pupil = policy.get_pupil(
        request.user, data.pop("pupil_id"), "concern.raise", audit=Read.for_write(request)
    )
    categories = _categories(pupil.school, data.pop("categories"))
    concern = services.raise_concern(actor=request.user, pupil=pupil, data=data, categories=categories)
    return Status(201, _fresh(concern.pk))


@router.get("/{int:concern_id}", response=ConcernOut)
def get_concern(request, concern_id: int):
    concern = selectors.get_concern(
        request.user, concern_id, audit=Read.api(request, lambda c: f"Concern #{c.pk}")
    )
    return _fresh(concern.pk)


@router.patch("/{int:concern_id}", response={200: ConcernOut, 409: ConcernConflict})
def update_concern(request, concern_id: int, payload: ConcernPatch):
    concern = selectors.get_concern(request.user, concern_id, "concern.change", audit=Read.for_write(request))
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    names = changes.pop("categories", None)
    categories = None if names is None else _categories(concern.school, names)
    services.update_concern(
        actor=request.user, concern=concern, data=changes, categories=categories, expected_version=version
    )
    return Status(200, _fresh(concern.pk))


@router.post("/{int:concern_id}/decision", response={200: ConcernOut, 409: ConcernConflict})
def record_decision(request, concern_id: int, payload: DecisionIn):
    concern = selectors.get_concern(request.user, concern_id, "concern.triage", audit=Read.for_write(request))
    data = payload.dict()
    services.decide(
        actor=request.user,
        concern=concern,
        decision=data["decision"],
        notes=data["notes"],
        review_date=data["review_date"],
        need_types=data["need_types"],
        start_date=data["start_date"],
        agency=data["agency"],
        agency_reason=data["agency_reason"],
        parents_told_on=data["parents_told_on"],
        expected_version=data["version"],
    )
    return Status(200, _fresh(concern.pk))


@router.get("/{int:concern_id}/evidence", response=list[EvidenceOut])
def list_evidence(request, concern_id: int):
    """Metadata only (names, types, sizes): logged as a read of the concern's files; download the
    files from the web page (which logs each download)."""
    audit = Read.api(request, lambda c: f"Concern #{c.pk} evidence")
    return list(selectors.get_concern(request.user, concern_id, audit=audit).evidence.all())
