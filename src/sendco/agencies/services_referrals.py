"""Writes for referrals: refer a pupil (only on a current referral consent for that service,
chosen or recorded on the same form), change the details (version checked), move the status
(the domain's transitions and dates; a ReferralEvent per change), attach documents (checked
like every upload). Each: permission check, every error at once with nothing saved, change,
history stamp, in one transaction."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from sendco.assessments.models import ProfessionalReport
from sendco.core import uploads
from sendco.core.access import policy
from sendco.core.concurrency import ConflictError
from sendco.core.models import Pupil
from sendco.core.services_base import stamp_change
from sendco.domain import referrals as rules_

from . import services_consent
from .models import Agency, Consent, Referral, ReferralDocument, ReferralEvent
from .selectors_referrals import agencies_for, dates_of

if TYPE_CHECKING:
    from sendco.accounts.models import User

NO_CONSENT = (
    "A pupil cannot be referred without their parents' consent: choose a current consent to "
    "this referral, or record the consent (who gave it, when and how)."
)


def _consent_problem(consent: Consent | None, pupil: Pupil, agency: Agency) -> str | None:
    if consent is None:
        return NO_CONSENT
    if consent.pupil_id != pupil.pk or consent.purpose != Consent.Purpose.REFERRAL:
        return "Choose one of this pupil's consents to a referral."
    if consent.agency_id not in (None, agency.pk):
        return "That consent is for another service."
    if consent.withdrawn_on is not None:
        return "That consent has been withdrawn: record the parents' consent again to refer."
    return None


def _days_problem(days) -> str | None:
    if days is not None and (not isinstance(days, int) or not 0 < days <= 730):
        return "Enter the expected response in days, from 1 to 730."
    return None


@transaction.atomic
def create_referral(
    *, actor: User, pupil: Pupil, agency: Agency | None, reason: str, consent: Consent | None = None,
    record_consent: dict | None = None, expected_response_days: int | None = None, send: bool = False,
    sent_on: dt.date | None = None, uploads_: tuple = (),
) -> Referral:  # fmt: skip
    """Refer ``pupil`` to ``agency``. Consent: an existing current ``consent``, or
    ``record_consent`` (given_by, given_on, how, relationship) recorded now; without either,
    nothing is saved. ``send`` sends it on ``sent_on`` (today by default); otherwise a draft."""
    if not policy.can(actor, "agencies.refer", pupil):
        raise PermissionDenied
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if agency is None or not agencies_for(pupil.school).filter(pk=agency.pk).exists():
        errors["agency"] = "Choose a service from the school's directory."
    if not (reason or "").strip():
        errors["reason"] = "Enter the reason for the referral."
    if problem := _days_problem(expected_response_days):
        errors["expected_response_days"] = problem
    if send and sent_on is not None and sent_on > today:
        errors["sent_on"] = "The date sent cannot be in the future."
    if agency is not None and "agency" not in errors:
        if record_consent:
            if not policy.can(actor, "agencies.consent", pupil):
                raise PermissionDenied
            errors |= services_consent.consent_problems(
                pupil=pupil, purpose=Consent.Purpose.REFERRAL, agency=agency, prefix="consent_",
                given_by=record_consent.get("given_by", ""), given_on=record_consent.get("given_on"),
                how=record_consent.get("how") or "",
            )  # fmt: skip
        elif problem := _consent_problem(consent, pupil, agency):
            errors["consent"] = problem
    checked = []
    for upload in uploads_:
        try:
            checked.append((upload, *uploads.read_checked(upload, field="documents")))
        except ValidationError as exc:
            errors["documents"] = " ".join(exc.message_dict["documents"])
    if errors:
        raise ValidationError(errors)
    assert agency is not None
    if record_consent:
        consent = services_consent.new_consent(
            actor=actor, pupil=pupil, purpose=Consent.Purpose.REFERRAL, agency=agency,
            given_by=record_consent["given_by"], given_on=record_consent["given_on"],
            how=record_consent["how"], relationship=record_consent.get("relationship", ""),
        )  # fmt: skip
    status = rules_.SENT if send else rules_.DRAFT
    on = (sent_on or today) if send else today
    referral = Referral(
        pupil=pupil, school_id=pupil.school_id, agency=agency, consent=consent, reason=reason.strip(),
        status=status, status_on=on, sent_on=on if send else None, created_by=actor,
        expected_response_days=(
            expected_response_days if expected_response_days is not None else agency.typical_wait_days
        ),
    )  # fmt: skip
    stamp_change(referral, actor=actor, reason="Referral sent" if send else "Referral drafted").save()
    _event(actor, referral, status, on, "")
    for upload, data, kind in checked:
        _store_document(actor, referral, upload, data, kind, "")
    return referral


def _locked(referral: Referral, expected_version: int | None) -> Referral:
    current = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("pupil", "agency", "consent")
        .get(pk=referral.pk)
    )
    if expected_version is not None and expected_version != current.version:
        raise ConflictError(current)
    return current


@transaction.atomic
def update_referral(
    *, actor: User, referral: Referral, reason: str, expected_response_days: int | None, outcome: str = "",
    report: ProfessionalReport | None = None, expected_version: int | None,
) -> Referral:  # fmt: skip
    """Change the reason, expected response, outcome, and the report it brought back (one of the
    pupil's professional reports)."""
    if not policy.can(actor, "agencies.refer", referral.pupil):
        raise PermissionDenied
    current = _locked(referral, expected_version)
    errors: dict[str, str] = {}
    if not (reason or "").strip():
        errors["reason"] = "Enter the reason for the referral."
    if problem := _days_problem(expected_response_days):
        errors["expected_response_days"] = problem
    if report is not None and report.pupil_id != current.pupil_id:
        errors["report"] = "Choose one of this pupil's reports."
    if errors:
        raise ValidationError(errors)
    current.reason, current.outcome = reason.strip(), (outcome or "").strip()
    current.expected_response_days = expected_response_days
    current.report = report
    current.version += 1
    stamp_change(current, actor=actor, reason="Referral changed").save()
    return current


@transaction.atomic
def change_status(
    *, actor: User, referral: Referral, status: str, on: dt.date | None, note: str = "",
    appointment_at: dt.datetime | None = None, report: ProfessionalReport | None = None,
    expected_version: int | None,
) -> Referral:  # fmt: skip
    """Move the referral to ``status`` on ``on`` (for an appointment, its date and time
    ``appointment_at``), with a note; the domain decides what may follow what and which dates
    it sets. Sending a draft needs its consent still current."""
    if not policy.can(actor, "agencies.refer", referral.pupil):
        raise PermissionDenied
    current = _locked(referral, expected_version)
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if status == rules_.APPOINTMENT:
        if not isinstance(appointment_at, dt.datetime):
            errors["appointment_at"] = "Enter the date and time of the appointment."
        else:
            on = (
                timezone.localtime(appointment_at).date()
                if timezone.is_aware(appointment_at)
                else appointment_at.date()
            )
    if problem := rules_.transition_problem(current.status, status):
        errors["status"] = problem
    elif not isinstance(on, dt.date):
        errors.setdefault("on", "Enter the date of the change.")
    elif problem := rules_.date_problem(status, on, dates_of(current), today=today):
        errors["appointment_at" if status == rules_.APPOINTMENT else "on"] = problem
    if status == rules_.SENT and current.consent.withdrawn_on is not None:
        errors["status"] = "The consent this referral rests on has been withdrawn: it cannot be sent."
    if report is not None and report.pupil_id != current.pupil_id:
        errors["report"] = "Choose one of this pupil's reports."
    if errors:
        raise ValidationError(errors)
    assert isinstance(on, dt.date)
    after = rules_.dates_after(status, on, dates_of(current))
    current.sent_on, current.first_seen_on = after.sent_on, after.first_seen_on
    current.report_received_on, current.closed_on = after.report_received_on, after.closed_on
    if status == rules_.APPOINTMENT:
        current.appointment_at = appointment_at
    elif after.appointment_on is None:
        current.appointment_at = None
    if report is not None:
        current.report = report
    # Booking is recorded on the day it is made; the appointment's own date is appointment_at.
    changed_on = today if status == rules_.APPOINTMENT else on
    current.status, current.status_on = status, changed_on
    current.version += 1
    stamp_change(current, actor=actor, reason=f"Referral: {rules_.LABELS[status].lower()}").save()
    _event(actor, current, status, changed_on, note)
    return current


def _event(actor: User, referral: Referral, status: str, on: dt.date, note: str) -> None:
    event = ReferralEvent(
        referral=referral, pupil_id=referral.pupil_id, school_id=referral.school_id, status=status, on=on,
        note=(note or "").strip()[:300], by=actor,
    )  # fmt: skip
    stamp_change(event, actor=actor, reason="Referral status recorded").save()


@transaction.atomic
def add_document(*, actor: User, referral: Referral, upload, description: str = "") -> ReferralDocument:
    if not policy.can(actor, "agencies.refer", referral.pupil):
        raise PermissionDenied
    if upload is None:
        raise ValidationError({"file": "Choose a file to upload."})
    data, kind = uploads.read_checked(upload, field="file")
    return _store_document(actor, referral, upload, data, kind, description)


def _store_document(
    actor: User, referral: Referral, upload, data: bytes, kind, description: str
) -> ReferralDocument:
    doc = ReferralDocument(
        referral=referral, pupil_id=referral.pupil_id, school_id=referral.school_id,
        original_name=uploads.display_name(upload.name)[:150], content_type=kind.content_type,
        size=len(data), description=(description or "").strip()[:150], uploaded_by=actor,
    )  # fmt: skip
    doc.file.save(uploads.random_name(f"referrals/{referral.school_id}", kind), ContentFile(data), save=False)
    stamp_change(doc, actor=actor, reason="Referral document added").save()
    return doc
