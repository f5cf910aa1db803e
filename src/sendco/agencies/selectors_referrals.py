"""Reads for consent and referrals: the services a school may refer to, each referral's dates
and flags (overdue by the domain's rules, or resting on a withdrawn consent), the pupil's
referrals, the school's dashboard, waiting-time figures per service, and the SEN team's
overdue list (home panel, reminders). Each costs a fixed number of queries: flags and figures
are worked out in Python over rows fetched once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from sendco.core.access import Audit, policy
from sendco.domain import referrals as rules_

from .models import Agency, Consent, Referral
from .permissions import SEN_TEAM

OPEN = list(rules_.OPEN)
CONSENT_WITHDRAWN = "consent_withdrawn"


@dataclass(frozen=True)
class RowFlag:
    code: str
    reason: str
    days_overdue: int | None = None


@dataclass
class ReferralRow:
    referral: Referral
    flags: list[RowFlag] = field(default_factory=list)
    days_waiting: int | None = None

    @property
    def overdue(self) -> bool:
        return any(f.code != CONSENT_WITHDRAWN for f in self.flags)


def agencies_for(school) -> QuerySet[Agency]:
    """The services `school` refers to: its own entries and its trust's shared ones."""
    scope = Q(school_id=school.pk)
    if school.organisation_id:
        scope |= Q(organisation_id=school.organisation_id)
    return Agency.objects.filter(scope, active=True).order_by("name", "pk")


def appointment_on(referral) -> dt.date | None:
    at = referral.appointment_at
    return timezone.localtime(at).date() if at else None


def dates_of(referral) -> rules_.Dates:
    return rules_.Dates(
        sent_on=referral.sent_on,
        appointment_on=appointment_on(referral),
        first_seen_on=referral.first_seen_on,
        report_received_on=referral.report_received_on,
        closed_on=referral.closed_on,
    )


def row_for(referral: Referral, today: dt.date) -> ReferralRow:
    """The referral with its flags (needs `consent` loaded) and days waiting so far."""
    dates = dates_of(referral)
    row = ReferralRow(referral, days_waiting=rules_.waiting_days(dates, until=today))
    if referral.status in rules_.TERMINAL:
        return row
    flag = rules_.overdue(
        referral.status, dates, today, expected_response_days=referral.expected_response_days
    )
    if flag is not None:
        row.flags.append(RowFlag(flag.code, flag.reason, flag.days_overdue))
    consent = referral.consent
    if consent.withdrawn_on is not None:
        row.flags.append(
            RowFlag(
                CONSENT_WITHDRAWN,
                f"Consent withdrawn on {consent.withdrawn_on.day} {consent.withdrawn_on:%B %Y}"
                + (f" by {consent.withdrawn_by}" if consent.withdrawn_by else "")
                + ": tell the service, and close the referral unless consent is given again.",
            )
        )
    return row


def _with_parts(qs: QuerySet[Referral]) -> QuerySet[Referral]:
    return qs.select_related("agency", "consent", "report", "pupil")


def pupil_consents(pupil) -> list[Consent]:
    return list(Consent.objects.filter(pupil=pupil).select_related("agency", "recorded_by"))


def pupil_referrals(pupil, today: dt.date | None = None) -> list[ReferralRow]:
    today = today or timezone.localdate()
    qs = _with_parts(Referral.objects.filter(pupil=pupil)).prefetch_related("events", "documents")
    return [row_for(r, today) for r in qs.order_by("-status_on", "-pk")]


def get_referral(user, pk, perm: str = "agencies.view_referrals", *, audit: Audit) -> Referral:
    """One referral of a pupil the user may see with `perm`; 404 otherwise (the read logged once
    found)."""
    referral = _with_parts(Referral.objects.filter(pk=pk, pupil__in=policy.pupils(user))).first()
    if referral is None or not policy.can(user, perm, referral.pupil):
        raise Http404("No such referral")
    audit.record(referral.pupil, of=referral)
    return referral


def get_consent(user, pk, perm: str = "agencies.view_referrals", *, audit: Audit) -> Consent:
    consent = (
        Consent.objects.filter(pk=pk, pupil__in=policy.pupils(user)).select_related("agency", "pupil").first()
    )
    if consent is None or not policy.can(user, perm, consent.pupil):
        raise Http404("No such consent")
    audit.record(consent.pupil, of=consent)
    return consent


@dataclass(frozen=True)
class Filters:
    status: str = ""
    agency: int | None = None
    overdue_only: bool = False


def school_referrals(
    user, school, filters: Filters = Filters(), today: dt.date | None = None
) -> list[ReferralRow]:
    """The school's open referrals (of pupils the user sees), filtered, most overdue first."""
    today = today or timezone.localdate()
    qs = Referral.objects.filter(school=school, status__in=OPEN, pupil__in=policy.pupils(user))
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.agency:
        qs = qs.filter(agency_id=filters.agency)
    rows = [row_for(r, today) for r in _with_parts(qs).order_by("sent_on", "pk")]
    if filters.overdue_only:
        rows = [r for r in rows if r.flags]
    return sorted(
        rows, key=lambda r: (not r.flags, -max((f.days_overdue or 0) for f in r.flags or [RowFlag("", "")]))
    )


@dataclass(frozen=True)
class ServiceWait:
    agency_id: int
    name: str
    kind: str
    median_days: float | None
    count: int
    still_waiting: int


def wait_by_service(school_ids) -> list[ServiceWait]:
    """Per service: median days sent → first appointment, how many it covers, how many still
    waiting, over the sent referrals of `school_ids` (one query; counts only, no pupils)."""
    rows = (
        Referral.objects.filter(school_id__in=list(school_ids), sent_on__isnull=False)
        .values(
            "agency_id",
            "agency__name",
            "agency__kind",
            "status",
            "sent_on",
            "appointment_at",
            "first_seen_on",
        )
        .order_by()
    )
    by_agency: dict[int, list] = {}
    names: dict[int, tuple[str, str]] = {}
    for v in rows:
        at = v["appointment_at"]
        dates = rules_.Dates(
            sent_on=v["sent_on"],
            appointment_on=timezone.localtime(at).date() if at else None,
            first_seen_on=v["first_seen_on"],
        )
        by_agency.setdefault(v["agency_id"], []).append((v["status"], dates))
        names[v["agency_id"]] = (v["agency__name"], v["agency__kind"])
    out = []
    for agency_id, items in by_agency.items():
        figures = rules_.wait_figures(items)
        name, kind = names[agency_id]
        out.append(
            ServiceWait(agency_id, name, kind, figures.median_days, figures.count, figures.still_waiting)
        )
    return sorted(out, key=lambda s: (s.name.lower(), s.agency_id))


def waiting_time_schools(user) -> list:
    """Schools whose waiting-time figures `user` may read (their own, or their trust's): the
    same reach as the school's other aggregates, so the policy answers it."""
    return list(policy.schools(user, "school.aggregates"))


def overdue_for(user, today: dt.date) -> list[ReferralRow]:
    """Open referrals needing chasing at the schools where `user` is in the SEN team, most
    overdue first (home panel and reminders)."""
    schools = policy.roles(user).schools_with(SEN_TEAM)
    if not schools:
        return []
    qs = Referral.objects.filter(school_id__in=schools, status__in=OPEN, pupil__in=policy.pupils(user))
    rows = [row_for(r, today) for r in _with_parts(qs).select_related("school")]
    flagged = [r for r in rows if r.flags]
    return sorted(flagged, key=lambda r: -max((f.days_overdue or 0) for f in r.flags))
