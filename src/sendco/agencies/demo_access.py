"""Demo data: professionals' access. Each school's visiting educational psychologist and speech
and language therapist belong to the trust's services in the directory; the `professional`
demo login (an educational psychologist) belongs to the EP service and, on the parents'
recorded consent for professional access, is granted three pupils it was referred (two on SEN
support, one with an EHC plan) through ``services_access``, live for the next 120 days.

Synthetic data only; dates relative to the build's day.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from sendco.accounts.models import Membership
from sendco.accounts.roles import Role
from sendco.core.models import Pupil, PupilContact
from sendco.core.services_base import stamp_change

from . import services_access, services_consent
from .demo_directory import senco_of, shared_agency
from .models import Agency, AgencyProfessional, Consent, Referral

K = Agency.Kind
JOBS = {
    "Educational Psychologist": K.EDUCATIONAL_PSYCHOLOGY,
    "Speech and Language Therapist": K.SPEECH_LANGUAGE,
}
GRANT_DAYS = 120
REASON = "Educational psychology advice for an EHC needs assessment"


def _link(user, agency: Agency, job_title: str) -> None:
    link = AgencyProfessional(user=user, agency=agency, job_title=job_title)
    stamp_change(link, actor=None, reason="Professional linked to their service").save()


def _link_professionals(ctx) -> None:
    """Every professional's login belongs to the service of their job."""
    demo = ctx.logins.get("professional")
    rows = (
        Membership.objects.filter(school__in=ctx.schools, role=Role.PROFESSIONAL, active=True)
        .exclude(user__agency_link__isnull=False)
        .select_related("user", "school")
        .order_by("pk")
    )
    for membership in rows:
        kind = JOBS.get(membership.job_title)
        if kind is None or (demo is not None and membership.user_id == demo.pk):
            continue
        agency = shared_agency(membership.school, kind)
        if agency is not None and not AgencyProfessional.objects.filter(user=membership.user).exists():
            _link(membership.user, agency, membership.job_title)


def _granted_pupils(school, ep: Agency) -> list[Pupil]:
    """Two pupils on SEN support and one with an EHC plan, those referred to the EP service
    first (the psychologist is working with them)."""
    referred = list(
        Referral.objects.filter(school=school, agency=ep).order_by("pk").values_list("pupil_id", flat=True)
    )
    on_roll = Pupil.objects.on_roll().filter(school=school)
    picks: list[Pupil] = []
    for status, n in (("K", 2), ("E", 1)):
        found = list(on_roll.filter(sen_status=status, pk__in=referred).order_by("pk")[:n])
        if len(found) < n:
            found += list(
                on_roll.filter(sen_status=status)
                .exclude(pk__in=[p.pk for p in found])
                .order_by("pk")[: n - len(found)]
            )
        picks += found
    return picks


def _demo_professional(ctx) -> int:
    professional = ctx.logins.get("professional")
    if professional is None or not ctx.schools:
        return 0
    school = ctx.schools[0]
    senco, ep = senco_of(school), shared_agency(school, K.EDUCATIONAL_PSYCHOLOGY)
    if senco is None or ep is None:
        return 0
    if not AgencyProfessional.objects.filter(user=professional).exists():
        _link(professional, ep, "Educational Psychologist")
    today = timezone.localdate()
    pupils = _granted_pupils(school, ep)
    parents = _parent_names([p.pk for p in pupils])
    granted = 0
    for pupil in pupils:
        consent = services_consent.record_consent(
            actor=senco, pupil=pupil, purpose=Consent.Purpose.PROFESSIONAL_ACCESS, agency=ep,
            given_by=parents.get(pupil.pk, "Alex Morgan"), relationship="Parent",
            given_on=min(ctx.today, today) - dt.timedelta(days=14), how=Consent.How.WRITTEN,
            notes="Consent form signed at the planning meeting.",
        )  # fmt: skip
        services_access.grant_access(
            actor=senco, pupil=pupil, professional=professional, starts_on=today,
            expires_on=today + dt.timedelta(days=GRANT_DAYS), reason=REASON, consent=consent,
            can_read_plans=True, can_read_assessments=True, can_upload_reports=True,
        )  # fmt: skip
        granted += 1
    return granted


def _parent_names(pupil_ids) -> dict[int, str]:
    names: dict[int, str] = {}
    links = (
        PupilContact.objects.filter(pupil_id__in=pupil_ids, parental_responsibility=True)
        .select_related("contact")
        .order_by("pupil_id", "pk")
    )
    for link in links:
        names.setdefault(link.pupil_id, f"{link.contact.forename} {link.contact.surname}")
    return names


def build(ctx) -> None:
    _link_professionals(ctx)
    granted = _demo_professional(ctx)
    ctx.say(f"Granting the demo professional access to {granted} pupils on parents' consent")
