"""Writes for parents' consent: record it, withdraw it (one action, kept in the history).

Withdrawing a referral consent changes no referral (the referral and the dashboard flag the open
ones resting on it, "consent withdrawn"); withdrawing a professional-access consent revokes the
pupil's live access grants for that service (or all of them when it named no one service) in
the same transaction, so access ends the moment consent does."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from sendco.core.access import live_grants, policy
from sendco.core.concurrency import ConflictError
from sendco.core.models import Pupil
from sendco.core.services_base import stamp_change

from .models import Agency, Consent
from .selectors_referrals import agencies_for

if TYPE_CHECKING:
    from sendco.accounts.models import User

# Purposes that name the service they are for.
NEEDS_SERVICE = frozenset({Consent.Purpose.REFERRAL, Consent.Purpose.SHARE_WITH_SERVICE})


def consent_problems(
    *, pupil: Pupil, purpose: str, agency: Agency | None, given_by: str, given_on, how: str, prefix: str = ""
) -> dict[str, str]:
    """Field errors for a consent about to be recorded (``prefix`` names the fields of a
    referral form that records it inline: ``consent_given_by``)."""
    errors: dict[str, str] = {}
    if purpose not in Consent.Purpose.values:
        errors["purpose"] = "Choose what the consent is for."
    if agency is not None and not agencies_for(pupil.school).filter(pk=agency.pk).exists():
        errors["agency"] = "Choose a service from the school's directory."
    elif agency is None and purpose in NEEDS_SERVICE:
        errors["agency"] = "Choose the service the consent is for."
    if not (given_by or "").strip():
        errors[prefix + "given_by"] = "Enter who gave consent (the parent or carer's name)."
    if not isinstance(given_on, dt.date):
        errors[prefix + "given_on"] = "Enter the date consent was given."
    elif given_on > timezone.localdate():
        errors[prefix + "given_on"] = "The date consent was given cannot be in the future."
    if how not in Consent.How.values:
        errors[prefix + "how"] = "Choose how consent was given."
    return errors


def new_consent(
    *, actor: User, pupil: Pupil, purpose: str, agency: Agency | None, given_by: str, given_on: dt.date,
    how: str, relationship: str = "", notes: str = "",
) -> Consent:  # fmt: skip
    """Save a consent already checked by ``consent_problems`` (inside the caller's transaction)."""
    consent = Consent(
        pupil=pupil, school_id=pupil.school_id, purpose=purpose, agency=agency,
        given_by=given_by.strip()[:150], relationship=(relationship or "").strip()[:60],
        given_on=given_on, how=how, notes=(notes or "").strip()[:300], recorded_by=actor,
    )  # fmt: skip
    stamp_change(consent, actor=actor, reason="Consent recorded").save()
    return consent


@transaction.atomic
def record_consent(
    *, actor: User, pupil: Pupil, purpose: str, agency: Agency | None = None, given_by: str,
    given_on: dt.date | None, how: str = Consent.How.WRITTEN, relationship: str = "", notes: str = "",
) -> Consent:  # fmt: skip
    if not policy.can(actor, "agencies.consent", pupil):
        raise PermissionDenied
    errors = consent_problems(
        pupil=pupil, purpose=purpose, agency=agency, given_by=given_by, given_on=given_on, how=how
    )
    if errors:
        raise ValidationError(errors)
    assert isinstance(given_on, dt.date)
    return new_consent(
        actor=actor, pupil=pupil, purpose=purpose, agency=agency, given_by=given_by, given_on=given_on,
        how=how, relationship=relationship, notes=notes,
    )  # fmt: skip


@transaction.atomic
def withdraw_consent(
    *, actor: User, consent: Consent, withdrawn_on: dt.date | None, withdrawn_by: str, reason: str = "",
    expected_version: int | None = None,
) -> Consent:  # fmt: skip
    """Withdraw ``consent`` on ``withdrawn_on`` (said by ``withdrawn_by``); a professional-access
    consent's live grants are revoked with it."""
    if not policy.can(actor, "agencies.consent", consent.pupil):
        raise PermissionDenied
    current = Consent.objects.select_for_update(of=("self",)).select_related("pupil").get(pk=consent.pk)
    if expected_version is not None and expected_version != current.version:
        raise ConflictError(current)
    errors: dict[str, str] = {}
    if current.withdrawn_on is not None:
        errors["withdrawn_on"] = "This consent has already been withdrawn."
    elif not isinstance(withdrawn_on, dt.date):
        errors["withdrawn_on"] = "Enter the date consent was withdrawn."
    elif withdrawn_on > timezone.localdate():
        errors["withdrawn_on"] = "The date of withdrawal cannot be in the future."
    elif withdrawn_on < current.given_on:
        errors["withdrawn_on"] = "Consent cannot be withdrawn before the date it was given."
    if not (withdrawn_by or "").strip():
        errors["withdrawn_by"] = "Enter who withdrew consent."
    if errors:
        raise ValidationError(errors)
    current.withdrawn_on = withdrawn_on
    current.withdrawn_by = withdrawn_by.strip()[:150]
    current.withdrawal_reason = (reason or "").strip()[:300]
    current.version += 1
    stamp_change(current, actor=actor, reason="Consent withdrawn").save()
    if current.purpose == Consent.Purpose.PROFESSIONAL_ACCESS:
        _revoke_grants(actor, current)
    return current


def _revoke_grants(actor: User, consent: Consent) -> int:
    grants = live_grants(timezone.localdate()).filter(pupil_id=consent.pupil_id)
    if consent.agency_id:
        grants = grants.filter(user__agency_link__agency_id=consent.agency_id)
    now = timezone.now()
    revoked = 0
    for grant in grants.select_for_update(of=("self",)):
        grant.revoked_at, grant.revoked_by = now, actor
        grant.revoke_reason = f"Parents' consent withdrawn on {consent.withdrawn_on:%-d %b %Y}"[:200]
        grant.version += 1
        stamp_change(grant, actor=actor, reason="Access revoked: consent withdrawn").save()
        revoked += 1
    return revoked
