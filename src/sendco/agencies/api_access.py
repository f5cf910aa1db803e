"""Professionals' access under /api/v1/agencies/: a pupil's grants, grant access, extend and
revoke a grant (each with the `version` read: 409 when someone saved in between), the school's
professionals and adding one. Same policy and services as the pages: 404 when not visible,
422 naming the field. A new professional's answer holds no password and no set-password link
(the link is shown once, on the page)."""

from __future__ import annotations

from datetime import date, datetime

from django.http import Http404
from django.utils import timezone
from ninja import Router, Schema, Status

from sendco.api.conflicts import Conflict
from sendco.audit.services import Read, log_list
from sendco.core.access import live_grants, policy
from sendco.core.models import AccessGrant

from . import selectors_access as selectors
from . import services_access as services
from .models import Agency, Consent

router = Router(tags=["professionals' access"])


class GrantOut(Schema):
    id: int
    pupil_id: int
    professional_id: int
    professional_name: str
    agency_id: int | None
    agency_name: str
    reason: str
    starts_on: date
    expires_on: date
    state: str
    can_read_plans: bool
    can_read_assessments: bool
    can_upload_reports: bool
    consent_given_by: str
    consent_given_on: date | None
    revoked_at: datetime | None
    revoke_reason: str
    version: int

    # Resolved from the grant itself, so a 409's `current` (the locked row) reads the same.
    @staticmethod
    def resolve_professional_id(obj) -> int:
        return obj.user_id

    @staticmethod
    def resolve_professional_name(obj) -> str:
        return obj.user.get_full_name() or obj.user.username

    @staticmethod
    def resolve_agency_id(obj) -> int | None:
        agency = selectors._agency(obj)
        return agency.pk if agency else None

    @staticmethod
    def resolve_agency_name(obj) -> str:
        agency = selectors._agency(obj)
        return agency.name if agency else ""

    @staticmethod
    def resolve_state(obj) -> str:
        return selectors.grant_state(obj, timezone.localdate())


class GrantIn(Schema):
    professional_id: int
    consent_id: int
    reason: str
    starts_on: date | None = None
    expires_on: date | None = None
    can_read_plans: bool = False
    can_read_assessments: bool = False
    can_upload_reports: bool = True


class GrantExtendIn(Schema):
    version: int
    expires_on: date | None = None


class GrantRevokeIn(Schema):
    version: int
    reason: str


class GrantConflict(Conflict):
    current: GrantOut
    version: int
    message = "This access was changed by someone else since you read it: nothing was saved."


class ProfessionalOut(Schema):
    id: int
    first_name: str
    last_name: str
    email: str
    agency_id: int | None
    agency_name: str
    live_grants: int
    last_login: datetime | None


class ProfessionalIn(Schema):
    school_id: int | None = None
    first_name: str
    last_name: str
    email: str
    agency_id: int
    job_title: str = ""


def _fresh(pk: int) -> AccessGrant:
    return selectors._with_people(AccessGrant.objects.filter(pk=pk)).get()


def _professional_out(user, school_id: int) -> dict:
    link = getattr(user, "agency_link", None)
    live = getattr(user, "live_here", None)
    if live is None:
        live = list(live_grants(timezone.localdate()).filter(user=user, school_id=school_id))
    return {
        "id": user.pk,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "agency_id": link.agency_id if link else None,
        "agency_name": link.agency.name if link else "",
        "live_grants": len(live),
        "last_login": user.last_login,
    }


def _school(user, school_id: int | None):
    """The school asked for (404 unless it is one where the user manages professionals)."""
    chosen, _ = selectors.school_for(user, "agencies.school_professionals", school_id)
    if school_id is not None and chosen.pk != school_id:
        raise Http404
    return chosen


@router.get("/pupils/{int:pupil_id}/grants", response=list[GrantOut])
def pupil_grants(request, pupil_id: int):
    """Every grant for the pupil: live first, then starting later, expired and revoked."""
    pupil = policy.get_pupil(
        request.user, pupil_id, "agencies.view_grants", audit=Read.api(request, "Professionals' access")
    )
    return [row.grant for row in selectors.pupil_grants(pupil)]


@router.post("/pupils/{int:pupil_id}/grants", response={201: GrantOut})
def grant_access(request, pupil_id: int, payload: GrantIn):
    """Needs the parents' current consent for professional access (`consent_id`) and an end
    date at most the configured maximum after the start (422 naming the field otherwise)."""
    pupil = policy.get_pupil(request.user, pupil_id, "agencies.grant", audit=Read.for_write(request))
    professional = selectors.professionals_for(pupil).filter(pk=payload.professional_id).first()
    consent = Consent.objects.filter(pk=payload.consent_id, pupil=pupil).first()
    grant = services.grant_access(
        actor=request.user, pupil=pupil, professional=professional, starts_on=payload.starts_on,
        expires_on=payload.expires_on, reason=payload.reason, can_read_plans=payload.can_read_plans,
        can_read_assessments=payload.can_read_assessments, can_upload_reports=payload.can_upload_reports,
        consent=consent,
    )  # fmt: skip
    return Status(201, _fresh(grant.pk))


@router.post("/grants/{int:grant_id}/extend", response={200: GrantOut, 409: GrantConflict})
def extend_access(request, grant_id: int, payload: GrantExtendIn):
    grant = selectors.get_grant_by_id(request.user, grant_id, "agencies.grant", audit=Read.for_write(request))
    services.extend_access(
        actor=request.user, grant=grant, expires_on=payload.expires_on, version=payload.version
    )
    return Status(200, _fresh(grant.pk))


@router.post("/grants/{int:grant_id}/revoke", response={200: GrantOut, 409: GrantConflict})
def revoke_access(request, grant_id: int, payload: GrantRevokeIn):
    """Ends the grant now: the professional loses the pupil on their next request."""
    grant = selectors.get_grant_by_id(request.user, grant_id, "agencies.grant", audit=Read.for_write(request))
    services.revoke_access(actor=request.user, grant=grant, reason=payload.reason, version=payload.version)
    return Status(200, _fresh(grant.pk))


@router.get("/professionals", response=list[ProfessionalOut])
def professionals(request, school: int | None = None):
    """The school's professionals (`school`: one of yours; your first school otherwise)."""
    chosen = _school(request.user, school)
    users = selectors.school_professionals(chosen)
    log_list(request, what="Professionals", count=len(users), school=chosen)
    return [_professional_out(u, chosen.pk) for u in users]


@router.post("/professionals", response={201: ProfessionalOut})
def add_professional(request, payload: ProfessionalIn):
    """A login with no usable password; the SENCO gives the professional the set-password link
    from the page."""
    school = _school(request.user, payload.school_id)
    agency = Agency.objects.filter(pk=payload.agency_id).first()
    user = services.add_professional(
        actor=request.user, school=school, first_name=payload.first_name, last_name=payload.last_name,
        email=payload.email, agency=agency, job_title=payload.job_title,
    )  # fmt: skip
    return Status(201, _professional_out(user, school.pk))
