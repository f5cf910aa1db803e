"""Referrals, consent and waiting times under /api/v1/agencies/: the school's dashboard rows
(flags, filters), a pupil's referrals and consents, one referral (with its history and its
documents' details, never their bytes), refer a pupil (on a consent chosen or recorded with
it), change a referral and move its status (each with its version: 409 when someone saved in
between), record and withdraw consent, and waiting times per service. Same policy and services
as the pages: 404 when not visible, 422 naming the field."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from ninja import Router, Status
from ninja.pagination import paginate

from sendco.api.pagination import LoggedPagination
from sendco.assessments.models import ProfessionalReport
from sendco.audit.services import Read
from sendco.core.access import policy

from . import selectors_dashboard as dash
from . import selectors_referrals as selectors
from . import services_consent, services_referrals
from .api_schemas_referrals import (
    ConsentConflict,
    ConsentIn,
    ConsentOut,
    ConsentWithdrawIn,
    ReferralConflict,
    ReferralDetailOut,
    ReferralIn,
    ReferralRowOut,
    ReferralStatusIn,
    ReferralUpdateIn,
    WaitTimesOut,
)
from .models import Agency, Consent, Referral

router = Router(tags=["referrals and consent"])


def _row(row: selectors.ReferralRow) -> dict:
    r = row.referral
    return {
        "id": r.pk, "pupil_id": r.pupil_id, "pupil_name": r.pupil.full_name, "referral": r,
        "flags": row.flags, "days_waiting": row.days_waiting, "expected_on": dash.expected_on(r),
    }  # fmt: skip


def _detail(pk: int) -> Referral:
    referral = (
        selectors._with_parts(Referral.objects.filter(pk=pk)).prefetch_related("events", "documents").get()
    )
    row = selectors.row_for(referral, timezone.localdate())
    referral.flags, referral.days_waiting = row.flags, row.days_waiting  # type: ignore[attr-defined]
    return referral


def _report(referral: Referral, report_id: int | None) -> ProfessionalReport | None:
    if report_id is None:
        return None
    report = ProfessionalReport.objects.filter(pk=report_id, pupil_id=referral.pupil_id).first()
    if report is None:
        raise ValidationError({"report_id": "Choose one of this pupil's reports."})
    return report


@router.get("/referrals", response=list[ReferralRowOut])
@paginate(LoggedPagination, what="Referrals dashboard")
def referral_dashboard(
    request, school: int | None = None, status: str = "", service: int | None = None, overdue: bool = False
):
    """The school's open referrals (of pupils you see), most overdue first. `school`: one of
    your schools (the first by default); `overdue`: only those needing chasing."""
    schools = dash.dashboard_schools(request.user)
    chosen = dash.chosen_school(schools, school)
    if chosen is None or (school is not None and chosen.pk != school):
        raise Http404
    filters = selectors.Filters(
        status=status if status in selectors.OPEN else "", agency=service, overdue_only=overdue
    )
    return [_row(r) for r in selectors.school_referrals(request.user, chosen, filters)]


@router.get("/pupils/{int:pupil_id}/referrals", response=list[ReferralRowOut])
def pupil_referrals(request, pupil_id: int):
    pupil = policy.get_pupil(
        request.user, pupil_id, "agencies.view_referrals", audit=Read.api(request, "Referrals")
    )
    return [_row(r) for r in selectors.pupil_referrals(pupil)]


@router.get("/referrals/{int:referral_id}", response=ReferralDetailOut)
def get_referral(request, referral_id: int):
    """One referral with its status history and its documents' details (not the files)."""
    referral = selectors.get_referral(
        request.user, referral_id, audit=Read.api(request, lambda r: f"Referral to {r.agency.name}")
    )
    return _detail(referral.pk)


@router.post("/pupils/{int:pupil_id}/referrals", response={201: ReferralDetailOut})
def create_referral(request, pupil_id: int, payload: ReferralIn):
    pupil = policy.get_pupil(request.user, pupil_id, "agencies.refer", audit=Read.for_write(request))
    consent = Consent.objects.filter(pk=payload.consent_id).first() if payload.consent_id else None
    if payload.consent_id and consent is None:
        raise ValidationError({"consent_id": "Choose one of this pupil's consents to a referral."})
    referral = services_referrals.create_referral(
        actor=request.user, pupil=pupil, agency=Agency.objects.filter(pk=payload.agency_id).first(),
        reason=payload.reason, consent=consent,
        record_consent=payload.consent.dict() if payload.consent else None,
        expected_response_days=payload.expected_response_days, send=payload.send, sent_on=payload.sent_on,
    )  # fmt: skip
    return Status(201, _detail(referral.pk))


@router.put("/referrals/{int:referral_id}", response={200: ReferralDetailOut, 409: ReferralConflict})
def update_referral(request, referral_id: int, payload: ReferralUpdateIn):
    """Change the reason, expected response (days), outcome and the report it brought back."""
    referral = selectors.get_referral(
        request.user, referral_id, "agencies.refer", audit=Read.for_write(request)
    )
    services_referrals.update_referral(
        actor=request.user, referral=referral, reason=payload.reason,
        expected_response_days=payload.expected_response_days, outcome=payload.outcome,
        report=_report(referral, payload.report_id), expected_version=payload.version,
    )  # fmt: skip
    return Status(200, _detail(referral.pk))


@router.post("/referrals/{int:referral_id}/status", response={200: ReferralDetailOut, 409: ReferralConflict})
def change_status(request, referral_id: int, payload: ReferralStatusIn):
    """Move the referral on (`allowed_next` lists where it may go). An appointment takes
    `appointment_at`; every other status its date `on`."""
    referral = selectors.get_referral(
        request.user, referral_id, "agencies.refer", audit=Read.for_write(request)
    )
    services_referrals.change_status(
        actor=request.user, referral=referral, status=payload.status, on=payload.on, note=payload.note,
        appointment_at=payload.appointment_at, report=_report(referral, payload.report_id),
        expected_version=payload.version,
    )  # fmt: skip
    return Status(200, _detail(referral.pk))


@router.get("/pupils/{int:pupil_id}/consents", response=list[ConsentOut])
def pupil_consents(request, pupil_id: int):
    pupil = policy.get_pupil(
        request.user, pupil_id, "agencies.view_referrals", audit=Read.api(request, "Consents")
    )
    return selectors.pupil_consents(pupil)


@router.post("/pupils/{int:pupil_id}/consents", response={201: ConsentOut})
def record_consent(request, pupil_id: int, payload: ConsentIn):
    pupil = policy.get_pupil(request.user, pupil_id, "agencies.consent", audit=Read.for_write(request))
    agency = Agency.objects.filter(pk=payload.agency_id).first() if payload.agency_id else None
    if payload.agency_id and agency is None:
        raise ValidationError({"agency": "Choose a service from the school's directory."})
    consent = services_consent.record_consent(
        actor=request.user, pupil=pupil, purpose=payload.purpose, agency=agency, given_by=payload.given_by,
        given_on=payload.given_on, how=payload.how, relationship=payload.relationship, notes=payload.notes,
    )  # fmt: skip
    return Status(201, Consent.objects.select_related("agency").get(pk=consent.pk))


@router.post("/consents/{int:consent_id}/withdraw", response={200: ConsentOut, 409: ConsentConflict})
def withdraw_consent(request, consent_id: int, payload: ConsentWithdrawIn):
    """Open referrals resting on it are flagged; a professional's access it allowed ends now."""
    consent = selectors.get_consent(
        request.user, consent_id, "agencies.consent", audit=Read.for_write(request)
    )
    services_consent.withdraw_consent(
        actor=request.user, consent=consent, withdrawn_on=payload.withdrawn_on,
        withdrawn_by=payload.withdrawn_by, reason=payload.reason, expected_version=payload.version,
    )  # fmt: skip
    return Status(200, Consent.objects.select_related("agency").get(pk=consent.pk))


@router.get("/waiting-times", response=WaitTimesOut)
def waiting_times(request, school: int | None = None):
    """Per service: median days from sending to the first appointment, how many that covers,
    how many still waiting. `school`: one of the schools listed; without it, all of them."""
    schools = selectors.waiting_time_schools(request.user)
    scope = [s for s in schools if school is None or s.pk == school]
    if not scope:
        raise Http404
    return {
        "school_id": school,
        "schools": [{"id": s.pk, "name": s.name} for s in schools],
        "services": selectors.wait_by_service([s.pk for s in scope]),
    }
