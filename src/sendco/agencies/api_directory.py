"""The directory, traded time and visits under /api/v1/agencies/: list and add entries, read
and change one (with its version: 409 when someone saved in between, 422 naming `version`
when it is missing), its purchases, and the school's visits (book, change, cancel). Same
selectors and services as the pages: 404 when unseen or not allowed, 422 with where. Like
provision's, costs and day rates stay on the pages: the API carries no money field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import Http404
from django.utils import timezone
from ninja import Query, Router, Schema, Status

from sendco.api.conflicts import Conflict
from sendco.audit.services import log_list
from sendco.core.access import policy

from . import selectors_directory as selectors
from . import services_directory as services
from . import services_directory_visits as visit_services
from .models import Agency, AgencyPurchase, Visit

router = Router(tags=["agencies directory"])


class AgencyOut(Schema):
    id: int
    school_id: int | None
    organisation_id: int | None
    name: str
    kind: str
    local_authority: str
    contact_name: str
    email: str
    phone: str
    address: str
    website: str
    local_offer_url: str
    referral_route: str
    referral_criteria: str
    typical_wait_days: int | None
    traded: bool
    active: bool
    version: int


class AgencyIn(Schema):
    """A new entry: the school's own (``school_id``, the SEN team) or shared across the trust
    (``trust_id``, a trust officer). Neither: the user's first school, else their trust."""

    school_id: int | None = None
    trust_id: int | None = None
    name: str
    kind: str
    local_authority: str = ""
    contact_name: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    website: str = ""
    local_offer_url: str = ""
    referral_route: str = ""
    referral_criteria: str = ""
    typical_wait_days: int | None = None
    traded: bool = False


class AgencyUpdate(Schema):
    """The fields to change (others stay), the version read, and ``active`` to take the entry
    out of use or put it back."""

    version: int
    name: str | None = None
    kind: str | None = None
    local_authority: str | None = None
    contact_name: str | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    website: str | None = None
    local_offer_url: str | None = None
    referral_route: str | None = None
    referral_criteria: str | None = None
    typical_wait_days: int | None = None
    traded: bool | None = None
    active: bool | None = None


class AgencyConflict(Conflict):
    current: AgencyOut
    version: int
    message = "This directory entry was changed by someone else since you read it: nothing was saved."


class AgencyListQuery(Schema):
    school: int | None = None
    trust: int | None = None
    kind: str = ""
    q: str = ""
    include_inactive: bool = False


class AgencyPurchaseOut(Schema):
    id: int
    school_id: int
    agency_id: int
    year_start: int
    days_bought: Decimal
    days_used: Decimal
    notes: str
    version: int


class AgencyPurchaseIn(Schema):
    school_id: int | None = None
    year_start: int
    days_bought: Decimal
    notes: str = ""


class AgencyVisitOut(Schema):
    id: int
    school_id: int
    agency_id: int
    agency_name: str
    starts_at: dt.datetime
    duration_minutes: int
    professional_name: str
    purpose: str
    location: str
    days_used: Decimal | None
    cancelled: bool
    pupils_seen: int
    pupil_ids: list[int]
    version: int

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_pupils_seen(obj) -> int:
        return len(obj.visit_pupils.all())

    @staticmethod
    def resolve_pupil_ids(obj) -> list[int]:
        # Ids of the pupils seen only for the SEN team (the head reads the count).
        if not getattr(obj, "show_pupils", True):
            return []
        return [vp.pupil_id for vp in obj.visit_pupils.all()]


class AgencyVisitIn(Schema):
    school_id: int | None = None
    agency_id: int
    starts_at: dt.datetime
    duration_minutes: int = 60
    professional_name: str = ""
    purpose: str
    location: str = ""
    days_used: Decimal | None = None
    pupil_ids: list[int] = []


class AgencyVisitUpdate(Schema):
    """The fields to change; ``pupil_ids`` replaces the pupils seen (left out: kept);
    ``cancelled`` true cancels the visit (it stays on record)."""

    version: int
    agency_id: int | None = None
    starts_at: dt.datetime | None = None
    duration_minutes: int | None = None
    professional_name: str | None = None
    purpose: str | None = None
    location: str | None = None
    days_used: Decimal | None = None
    pupil_ids: list[int] | None = None
    cancelled: bool | None = None


class AgencyVisitConflict(Conflict):
    current: AgencyVisitOut
    version: int
    message = "This visit was changed by someone else since you read it: nothing was saved."


class AgencyVisitsQuery(Schema):
    school: int | None = None
    past: bool = False


def _scope(user, school_id, trust_id) -> selectors.Scope:
    scope = selectors.directory_scope(user, school_id, trust_id)
    if scope is None:
        raise Http404
    return scope


@router.get("/", response=list[AgencyOut])
def list_agencies(request, filters: Query[AgencyListQuery]):
    """The directory of one school (its own entries and its trust's shared ones), or a trust
    officer's shared entries."""
    scope = _scope(request.user, filters.school, filters.trust)
    kind = filters.kind if filters.kind in Agency.Kind.values else ""
    return list(
        selectors.directory(scope, kind=kind, q=filters.q[:100], include_inactive=filters.include_inactive)
    )


@router.post("/", response={201: AgencyOut})
def add_agency(request, payload: AgencyIn):
    data = payload.dict()
    scope = _scope(request.user, data.pop("school_id"), data.pop("trust_id"))
    agency = services.save_agency(
        actor=request.user, data=data, school=scope.school, organisation=scope.organisation
    )
    return Status(201, agency)


@router.get("/{int:agency_id}", response=AgencyOut)
def get_agency(request, agency_id: int):
    return selectors.get_agency(request.user, agency_id)


@router.put("/{int:agency_id}", response={200: AgencyOut, 409: AgencyConflict})
def change_agency(request, agency_id: int, payload: AgencyUpdate):
    agency = selectors.get_agency(request.user, agency_id, "agencies.edit_directory")
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    active = data.pop("active", None)
    agency = services.save_agency(actor=request.user, agency=agency, data=data, expected_version=version)
    if active is not None:
        agency = services.set_active(actor=request.user, agency=agency, active=active)
    return Status(200, Agency.objects.get(pk=agency.pk))


def _purchase_out(row: selectors.PurchaseRow) -> dict:
    p = row.purchase
    return {
        "id": p.pk, "school_id": p.school_id, "agency_id": p.agency_id, "year_start": p.year_start,
        "days_bought": p.days_bought, "days_used": row.days_used, "notes": p.notes,
        "version": p.version,
    }  # fmt: skip


@router.get("/{int:agency_id}/purchases", response=list[AgencyPurchaseOut])
def list_purchases(request, agency_id: int):
    """Traded time bought from the service by the schools whose calendar the user reads, with
    the days the visits of each year used."""
    agency = selectors.get_agency(request.user, agency_id)
    readers = selectors.schools_reaching(request.user, agency, "agencies.school_referrals")
    return [_purchase_out(row) for row in selectors.purchases(readers, agency)]


@router.post("/{int:agency_id}/purchases", response={201: AgencyPurchaseOut})
def add_purchase(request, agency_id: int, payload: AgencyPurchaseIn):
    agency = selectors.get_agency(request.user, agency_id)
    data = payload.dict()
    schools = selectors.schools_reaching(request.user, agency, "agencies.school_manage")
    school_id = data.pop("school_id")
    school = (schools.filter(pk=school_id) if school_id is not None else schools).first()
    if school is None:
        raise Http404
    purchase = services.save_purchase(actor=request.user, data=data, school=school, agency=agency)
    purchase = AgencyPurchase.objects.get(pk=purchase.pk)
    used = selectors.days_used(purchase.school, agency, purchase.year_start)
    return Status(201, _purchase_out(selectors.PurchaseRow(purchase, used)))


def _fresh_visit(pk: int) -> Visit:
    return Visit.objects.select_related("agency").prefetch_related("visit_pupils").get(pk=pk)


def _aware(value):
    if isinstance(value, dt.datetime) and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def _agency_for(school, agency_id):
    """The service named in a visit's body, if in the school's directory (else the service's
    own check refuses it with the same message as any other service)."""
    return selectors.Scope(school=school).agencies().filter(pk=agency_id).first()


@router.get("/visits", response=list[AgencyVisitOut])
def list_visits(request, filters: Query[AgencyVisitsQuery]):
    """The school's upcoming visits (soonest first) or, with ``past``, past ones (latest first).
    Pupils seen are listed by id only for the SEN team; the head gets the count."""
    school = selectors.school_for(request.user, "agencies.school_referrals", filters.school)
    if school is None:
        raise Http404
    names = policy.can(request.user, "agencies.school_manage", school)
    rows = list(selectors.visits(school, past=filters.past)[:200])
    for visit in rows:
        visit.show_pupils = names  # type: ignore[attr-defined]
    seen = sum(len(v.visit_pupils.all()) for v in rows)
    if names and seen:
        log_list(request, what="Agency visits with pupils seen (API)", count=seen, school=school)
    return rows


@router.post("/visits", response={201: AgencyVisitOut})
def add_visit(request, payload: AgencyVisitIn):
    school = selectors.school_for(request.user, "agencies.school_manage", payload.school_id)
    if school is None:
        raise Http404
    data = payload.dict(exclude={"school_id", "agency_id", "pupil_ids"})
    data["agency"] = _agency_for(school, payload.agency_id)
    data["starts_at"] = _aware(data["starts_at"])
    visit = visit_services.save_visit(
        actor=request.user, school=school, data=data, pupil_ids=payload.pupil_ids
    )
    return Status(201, _fresh_visit(visit.pk))


@router.put("/visits/{int:visit_id}", response={200: AgencyVisitOut, 409: AgencyVisitConflict})
def change_visit(request, visit_id: int, payload: AgencyVisitUpdate):
    visit = selectors.get_visit(request.user, visit_id, "agencies.school_manage")
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    cancelled = data.pop("cancelled", None)
    pupil_ids = data.pop("pupil_ids", None)
    if "agency_id" in data:
        data["agency"] = _agency_for(visit.school, data.pop("agency_id"))
    if "starts_at" in data:
        data["starts_at"] = _aware(data["starts_at"])
    if cancelled:
        visit = visit_services.cancel_visit(actor=request.user, visit=visit, expected_version=version)
    else:
        visit = visit_services.save_visit(
            actor=request.user, visit=visit, data=data, pupil_ids=pupil_ids, expected_version=version
        )
    return Status(200, _fresh_visit(visit.pk))
