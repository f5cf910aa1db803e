"""Reads for the directory, traded time, visits and the SENCO's calendar. Each page is about
one "scope": a school (its own entries and its trust's shared ones) or, for a trust officer,
a trust (its shared entries). Fetches by id check the rules and answer 404 when missing or not
the user's."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from sendco.core import ical
from sendco.core.access import policy
from sendco.core.models import Organisation, School
from sendco.domain.term_dates import academic_year_of

from .models import Agency, AgencyPurchase, Referral, Visit, VisitPupil


@dataclass(frozen=True)
class Scope:
    """Whose directory a page shows: exactly one of ``school`` and ``organisation``."""

    school: School | None = None
    organisation: Organisation | None = None

    @property
    def name(self) -> str:
        return self.school.name if self.school else self.organisation.name  # type: ignore[union-attr]

    @property
    def query(self) -> str:
        """The query string that keeps a multi-school user on this scope."""
        return f"school={self.school.pk}" if self.school else f"trust={self.organisation.pk}"  # type: ignore[union-attr]

    def agencies(self) -> QuerySet[Agency]:
        if self.school is not None:
            mine = Q(school=self.school)
            if self.school.organisation_id:
                mine |= Q(organisation_id=self.school.organisation_id)
            return Agency.objects.filter(mine)
        return Agency.objects.filter(organisation=self.organisation)


def school_for(user, perm: str, school_id: int | None) -> School | None:
    """The school asked for, or the user's first where they may ``perm``."""
    schools = policy.schools(user, perm)
    return schools.filter(pk=school_id).first() if school_id is not None else schools.first()


def trusts_of(user) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=policy.roles(user).organisations).order_by("name")


def directory_scope(user, school_id: int | None, trust_id: int | None) -> Scope | None:
    """A school where the user is staff, else a trust where they are an officer; None: 404."""
    if trust_id is None:
        school = school_for(user, "agencies.school_directory", school_id)
        if school is not None:
            return Scope(school=school)
        if school_id is not None:
            return None
    trust = trusts_of(user)
    trust = trust.filter(pk=trust_id).first() if trust_id is not None else trust.first()
    return Scope(organisation=trust) if trust is not None else None


def directory(
    scope: Scope, *, kind: str = "", q: str = "", include_inactive: bool = False
) -> QuerySet[Agency]:
    qs = scope.agencies().select_related("school", "organisation")
    if not include_inactive:
        qs = qs.filter(active=True)
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(name__icontains=q.strip())
    return qs.order_by("name", "pk")


def get_agency(user, agency_id: int, perm: str = "agencies.view_directory") -> Agency:
    agency = Agency.objects.select_related("school", "organisation").filter(pk=agency_id).first()
    if agency is None or not policy.can(user, perm, agency):
        raise Http404
    return agency


def schools_reaching(user, agency: Agency, perm: str) -> QuerySet[School]:
    """The schools where ``user`` may ``perm`` and whose directory holds the entry."""
    schools = policy.schools(user, perm)
    if agency.school_id is not None:
        return schools.filter(pk=agency.school_id)
    return schools.filter(organisation_id=agency.organisation_id or 0)


def get_purchase(user, purchase_id: int) -> AgencyPurchase:
    purchase = AgencyPurchase.objects.select_related("agency", "school").filter(pk=purchase_id).first()
    if purchase is None or not policy.can(user, "agencies.school_manage", purchase.school):
        raise Http404
    return purchase


def year_bounds(year_start: int) -> tuple[dt.date, dt.date]:
    """1 September to 31 August: the English academic year."""
    return dt.date(year_start, 9, 1), dt.date(year_start + 1, 8, 31)


def current_year() -> int:
    return academic_year_of(timezone.localdate())


@dataclass
class PurchaseRow:
    purchase: AgencyPurchase
    days_used: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.purchase.days_bought - self.days_used


def days_used(school, agency, year_start: int) -> Decimal:
    """Traded days the non-cancelled visits of ``year_start``'s academic year used."""
    first, last = year_bounds(year_start)
    total = (
        Visit.objects.filter(school=school, agency=agency, cancelled=False)
        .filter(starts_at__date__gte=first, starts_at__date__lte=last)
        .aggregate(total=Sum("days_used"))["total"]
    )
    return total or Decimal(0)


def purchases(schools, agency) -> list[PurchaseRow]:
    """The purchases of ``agency`` by ``schools`` (those the user manages), newest year first."""
    rows = AgencyPurchase.objects.filter(school__in=schools, agency=agency).select_related("school")
    return [PurchaseRow(p, days_used(p.school, agency, p.year_start)) for p in rows]


def visits(school, *, past: bool = False, agency=None) -> QuerySet[Visit]:
    """Upcoming visits (soonest first) or past ones (latest first), with the pupils seen."""
    now = timezone.now()
    qs = (
        Visit.objects.filter(school=school)
        .select_related("agency")
        .prefetch_related(
            Prefetch(
                "visit_pupils",
                queryset=VisitPupil.objects.select_related("pupil").order_by("pupil__legal_surname"),
            )
        )
    )
    if agency is not None:
        qs = qs.filter(agency=agency)
    if past:
        return qs.filter(starts_at__lt=now).order_by("-starts_at", "-pk")
    return qs.filter(starts_at__gte=now).order_by("starts_at", "pk")


def get_visit(user, visit_id: int, perm: str = "agencies.school_referrals") -> Visit:
    visit = Visit.objects.select_related("school", "agency").filter(pk=visit_id).first()
    if visit is None or not policy.can(user, perm, visit.school):
        raise Http404
    return visit


def calendar_entries(school, *, names: bool) -> list[dict]:
    """The SENCO's calendar: visits not cancelled and referrals with an appointment booked,
    from a term back onwards. Pupil names only when ``names``."""
    since = timezone.now() - dt.timedelta(days=120)
    entries = []
    booked = Visit.objects.filter(school=school, cancelled=False, starts_at__gte=since)
    for visit in booked.select_related("agency").prefetch_related("visit_pupils__pupil"):
        seen = [vp.pupil.full_name for vp in visit.visit_pupils.all()] if names else []
        count = len(visit.visit_pupils.all())
        description = visit.purpose
        if visit.professional_name:
            description += f"\nWith: {visit.professional_name}"
        if seen:
            description += "\nPupils: " + ", ".join(seen)
        elif count:
            description += f"\nPupils seen: {count}"
        entries.append(
            {
                "uid": f"agency-visit-{visit.pk}@sendco",
                "summary": f"{visit.agency.name}: {visit.purpose}",
                "start": visit.starts_at,
                "end": visit.starts_at + dt.timedelta(minutes=visit.duration_minutes),
                "description": description,
                "location": visit.location,
            }
        )
    referrals = Referral.objects.filter(
        school=school, status=Referral.Status.APPOINTMENT, appointment_at__gte=since
    ).select_related("agency", "pupil")
    for referral in referrals:
        who = referral.pupil.full_name if names else "a pupil"
        entries.append(
            {
                "uid": f"agency-referral-{referral.pk}@sendco",
                "summary": f"{referral.agency.name}: appointment for {who}",
                "start": referral.appointment_at,
                "end": referral.appointment_at + dt.timedelta(hours=1),
                "description": f"Referral appointment with {referral.agency.name}.",
                "location": "",
            }
        )
    return sorted(entries, key=lambda e: e["start"])


def calendar_ics(user, school) -> bytes:
    """The calendar as iCalendar bytes; pupils named only for the SEN team."""
    names = policy.can(user, "agencies.school_manage", school)
    cal = ical.calendar(f"{school.name}: agency visits and appointments")
    for entry in calendar_entries(school, names=names):
        ical.add_event(cal, **entry)
    return ical.to_bytes(cal)
