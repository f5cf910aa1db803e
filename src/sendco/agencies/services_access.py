"""Writes for professionals' access: grant, extend and revoke a `core.AccessGrant` (the one
mechanism the access policy reads), and add a professional to the school.

Every grant rests on parents' current consent for professional access (for the professional's
agency or for none in particular), copied onto the grant; it names a start and an end, at most
`SENDCO_GRANT_MAX_DAYS` apart. An extension is measured from today (or the start, if later):
a professional working with a pupil for a year is re-granted term by term, never more than the
maximum ahead, and the SENCO looks again at each renewal. Each write: permission check,
validate (errors keyed by field, nothing saved), lock, change, history stamp, in one
transaction."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sendco.accounts.models import Membership
from sendco.accounts.roles import Role
from sendco.core.access import policy
from sendco.core.concurrency import ConflictError
from sendco.core.models import AccessGrant, Pupil, School
from sendco.core.services_base import stamp_change

from .consents import current_consents
from .models import Agency, AgencyProfessional, Consent

if TYPE_CHECKING:
    from sendco.accounts.models import User

__all__ = ["ConflictError", "grant_access", "extend_access", "revoke_access", "add_professional"]


def max_days() -> int:
    return settings.SENDCO_GRANT_MAX_DAYS


def is_professional_at(user, school_id: int) -> bool:
    return Membership.objects.filter(
        user=user, role=Role.PROFESSIONAL, school_id=school_id, active=True, user__is_active=True
    ).exists()


def agency_of(user) -> Agency | None:
    link = AgencyProfessional.objects.filter(user=user).select_related("agency").first()
    return link.agency if link else None


def consents_for(pupil: Pupil, professional) -> list[Consent]:
    """The parents' current consents for professional access that cover `professional`: those
    for their agency, or for no agency in particular."""
    agency = agency_of(professional) if professional is not None else None
    qs = current_consents(pupil, Consent.Purpose.PROFESSIONAL_ACCESS, agency=agency)
    return list(qs if agency else qs.filter(agency__isnull=True))


def _end_problem(starts_on: dt.date, expires_on) -> str:
    if not isinstance(expires_on, dt.date):
        return "Enter the date the access ends: every grant has an end date."
    if expires_on < starts_on:
        return "The end date must be on or after the start date."
    if (expires_on - starts_on).days > max_days():
        return f"Access can be granted for at most {max_days()} days at a time."
    return ""


@transaction.atomic
def grant_access(
    *,
    actor: User,
    pupil: Pupil,
    professional,
    starts_on: dt.date | None,
    expires_on: dt.date | None,
    reason: str,
    can_read_plans: bool = False,
    can_read_assessments: bool = False,
    can_upload_reports: bool = True,
    consent: Consent | None,
) -> AccessGrant:
    """Give `professional` access to `pupil` from `starts_on` (today if None) to `expires_on`."""
    if not policy.can(actor, "agencies.grant", pupil):
        raise PermissionDenied
    today = timezone.localdate()
    start = starts_on or today
    errors: dict[str, str] = {}
    if professional is None or not is_professional_at(professional, pupil.school_id):
        errors["professional"] = "Choose a professional who works with this school."
    if start < today:
        errors["starts_on"] = "Access cannot start in the past."
    if problem := _end_problem(start, expires_on):
        errors["expires_on"] = problem
    if not (reason or "").strip():
        errors["reason"] = "Enter why the professional needs access."
    if "professional" not in errors:
        allowed = {c.pk for c in consents_for(pupil, professional)}
        if consent is None or consent.pk not in allowed:
            errors["consent"] = (
                "Record the parents' consent for professional access first (for this professional's "
                "service, or for any service)."
            )
    if errors:
        raise ValidationError(errors)
    assert consent is not None and isinstance(expires_on, dt.date)
    # The consent row is locked so a withdrawal cannot land between the check and the grant.
    # A withdrawal that landed after the check above (another request) refuses the grant
    # the same way, rather than failing on a missing row.
    locked = Consent.objects.select_for_update().filter(pk=consent.pk, withdrawn_on__isnull=True).first()
    if locked is None:
        raise ValidationError(
            {"consent": "The parents' consent for professional access has just been withdrawn."}
        )
    grant = AccessGrant(
        pupil=pupil,
        school_id=pupil.school_id,
        user=professional,
        reason=reason.strip()[:200],
        granted_by=actor,
        starts_on=start,
        expires_on=expires_on,
        can_read_plans=bool(can_read_plans),
        can_read_assessments=bool(can_read_assessments),
        can_upload_reports=bool(can_upload_reports),
        consent_given_by=locked.given_by,
        consent_given_on=locked.given_on,
    )
    stamp_change(grant, actor=actor, reason="Access granted").save()
    return grant


def _locked(grant: AccessGrant, version: int | None) -> AccessGrant:
    current = AccessGrant.objects.select_for_update(of=("self",)).select_related("pupil").get(pk=grant.pk)
    if version is None or version != current.version:
        raise ConflictError(current)
    return current


@transaction.atomic
def extend_access(
    *, actor: User, grant: AccessGrant, expires_on: dt.date | None, version: int | None
) -> AccessGrant:
    """Move a grant's end date later, at most the maximum from today (or from its start, if that
    is later). A revoked grant stays revoked: grant again instead."""
    if not policy.can(actor, "agencies.grant", grant.pupil):
        raise PermissionDenied
    current = _locked(grant, version)
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if current.revoked_at is not None:
        errors["expires_on"] = "This access was revoked; grant access again instead."
    elif not isinstance(expires_on, dt.date):
        errors["expires_on"] = "Enter the new end date."
    elif expires_on <= current.expires_on:
        errors["expires_on"] = "The new end date must be after the current one; to end access now, revoke it."
    elif problem := _end_problem(max(today, current.starts_on), expires_on):
        errors["expires_on"] = problem
    elif not consents_for(current.pupil, current.user):
        errors["expires_on"] = "The parents' consent for professional access has been withdrawn."
    if errors:
        raise ValidationError(errors)
    assert isinstance(expires_on, dt.date)
    current.expires_on = expires_on
    current.version += 1
    stamp_change(current, actor=actor, reason="Access extended").save()
    return current


@transaction.atomic
def revoke_access(*, actor: User, grant: AccessGrant, reason: str, version: int | None) -> AccessGrant:
    """End a grant now: the professional loses the pupil on their next request."""
    if not policy.can(actor, "agencies.grant", grant.pupil):
        raise PermissionDenied
    current = _locked(grant, version)
    if current.revoked_at is not None:
        raise ValidationError({"reason": "This access has already been revoked."})
    if not (reason or "").strip():
        raise ValidationError({"reason": "Enter why the access is being revoked."})
    current.revoked_at = timezone.now()
    current.revoked_by = actor
    current.revoke_reason = reason.strip()[:200]
    current.version += 1
    stamp_change(current, actor=actor, reason="Access revoked").save()
    return current


@transaction.atomic
def add_professional(
    *,
    actor: User,
    school: School,
    first_name: str,
    last_name: str,
    email: str,
    agency: Agency | None,
    job_title: str,
):
    """A login for a visiting professional: no usable password (they set one from the link the
    SENCO sends), the professional role at `school`, linked to `agency` from the directory."""
    if not policy.can(actor, "agencies.school_professionals", school):
        raise PermissionDenied
    User = get_user_model()
    email = (email or "").strip().lower()
    errors: dict[str, str] = {}
    if not (first_name or "").strip():
        errors["first_name"] = "Enter the professional's first name."
    if not (last_name or "").strip():
        errors["last_name"] = "Enter the professional's last name."
    if not email:
        errors["email"] = "Enter the professional's email address."
    elif User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).exists():
        errors["email"] = "Someone already has a login with this email address."
    if agency is None or not policy.can(actor, "agencies.view_directory", agency):
        errors["agency"] = "Choose the professional's service from the directory."
    if errors:
        raise ValidationError(errors)
    user = User(username=email, email=email, first_name=first_name.strip(), last_name=last_name.strip())
    user.set_unusable_password()
    user.save()
    membership = Membership(
        user=user, role=Role.PROFESSIONAL, school=school, job_title=(job_title or "")[:120]
    )
    stamp_change(membership, actor=actor, reason="Professional added").save()
    link = AgencyProfessional(user=user, agency=agency, job_title=(job_title or "").strip()[:120])
    stamp_change(link, actor=actor, reason="Professional added").save()
    return user
