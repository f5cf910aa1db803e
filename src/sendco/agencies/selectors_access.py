"""Reads for professionals' access: a pupil's grants (live, future, expired, revoked), a school's
live and soon-expiring grants, the school's professionals, and the professional's own pupils
for their home page. Each takes a user and queries through the access policy."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from sendco.accounts.models import Membership
from sendco.accounts.roles import Role
from sendco.core.access import live_grants, policy, roles_of
from sendco.core.models import AccessGrant, School

from .models import Agency, AgencyProfessional

EXPIRING_WITHIN_DAYS = 14


def grant_state(grant: AccessGrant, today: dt.date) -> str:
    if grant.revoked_at is not None:
        return "revoked"
    if grant.starts_on > today:
        return "future"
    if grant.expires_on < today:
        return "expired"
    return "live"


@dataclass(frozen=True)
class GrantRow:
    grant: AccessGrant
    state: str
    agency: Agency | None


def _with_people(qs: QuerySet[AccessGrant]) -> QuerySet[AccessGrant]:
    return qs.select_related("user", "granted_by", "revoked_by", "pupil", "user__agency_link__agency")


def _agency(grant: AccessGrant) -> Agency | None:
    link = getattr(grant.user, "agency_link", None)
    return link.agency if link else None


def pupil_grants(pupil) -> list[GrantRow]:
    """Every grant for `pupil`, live first, then future, expired and revoked, newest first."""
    today = timezone.localdate()
    order = {"live": 0, "future": 1, "expired": 2, "revoked": 3}
    grants = _with_people(AccessGrant.objects.filter(pupil=pupil)).order_by("-expires_on", "-pk")
    rows = [GrantRow(g, grant_state(g, today), _agency(g)) for g in grants]
    return sorted(rows, key=lambda r: order[r.state])


def get_grant(user, pupil, grant_id: int) -> AccessGrant:
    """One grant of `pupil` (already fetched and checked by the caller), 404 otherwise."""
    grant = _with_people(AccessGrant.objects.filter(pupil=pupil, pk=grant_id)).first()
    if grant is None or not policy.can(user, "agencies.grant", pupil):
        raise Http404("No such grant")
    return grant


def get_grant_by_id(user, grant_id: int, perm: str, *, audit) -> AccessGrant:
    """A grant by its own id (the API), checked against its pupil; 404 when missing or unseen."""
    grant = _with_people(AccessGrant.objects.filter(pk=grant_id)).first()
    if grant is None:
        raise Http404("No such grant")
    pupil = policy.get_pupil_unlogged(user, grant.pupil_id, perm)
    audit.record(pupil, of=grant)
    grant.pupil = pupil
    return grant


def school_for(user, perm: str, school_id=None) -> tuple[School, list[School]]:
    """The school a school-level page is about (`?school=` among the user's), and the choice."""
    schools = list(policy.schools(user, perm))
    if not schools:
        raise Http404
    chosen = next((s for s in schools if str(s.pk) == str(school_id)), schools[0])
    return chosen, schools


def school_grants(school: School) -> dict:
    """Live grants at `school`, and those among them ending within 14 days."""
    today = timezone.localdate()
    live = list(
        _with_people(live_grants(today).filter(school=school, pupil__deleted_at__isnull=True)).order_by(
            "expires_on", "pupil__legal_surname", "pk"
        )
    )
    soon = today + dt.timedelta(days=EXPIRING_WITHIN_DAYS)
    return {
        "live": [GrantRow(g, "live", _agency(g)) for g in live],
        "expiring": [GrantRow(g, "live", _agency(g)) for g in live if g.expires_on <= soon],
        "future": [
            GrantRow(g, "future", _agency(g))
            for g in _with_people(
                AccessGrant.objects.filter(school=school, starts_on__gt=today, revoked_at__isnull=True)
            ).order_by("starts_on", "pk")
        ],
    }


def school_professionals(school: School) -> list:
    """Users with the professional role at `school`, each with their agency and live grants."""
    today = timezone.localdate()
    users = (
        get_user_model()
        .objects.filter(
            memberships__school=school, memberships__role=Role.PROFESSIONAL, memberships__active=True
        )
        .select_related("agency_link__agency")
        .prefetch_related(
            Prefetch(
                "access_grants",
                queryset=live_grants(today).filter(school=school).only("pk", "user_id"),
                to_attr="live_here",
            ),
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(school=school, role=Role.PROFESSIONAL),
                to_attr="roles_here",
            ),
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )
    return list(users)


def professionals_for(pupil) -> QuerySet:
    """Whom the SENCO may grant access to this pupil: professionals at the pupil's school."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__school_id=pupil.school_id,
            memberships__role=Role.PROFESSIONAL,
            memberships__active=True,
        )
        .select_related("agency_link__agency")
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def directory_for(user, school: School) -> QuerySet[Agency]:
    """Agencies the user may pick for a professional at `school`: the school's own entries and
    those its trust shares."""
    qs = Agency.objects.filter(active=True)
    return qs.filter(school=school) | qs.filter(organisation_id=school.organisation_id, school__isnull=True)


def my_grants(user) -> list[AccessGrant]:
    """A professional's live grants for pupils they can see now (their home page)."""
    if Role.PROFESSIONAL not in roles_of(user).all:
        return []
    visible = policy.pupils(user).values("pk")
    return list(
        live_grants(timezone.localdate())
        .filter(user=user, pupil__in=visible)
        .select_related("pupil", "school")
        .order_by("expires_on", "pupil__legal_surname", "pk")
    )


def home_panel(user) -> dict | None:
    """The professional's pupils with the day each grant ends (only for professionals)."""
    if Role.PROFESSIONAL not in roles_of(user).all:
        return None
    from django.urls import NoReverseMatch, reverse

    grants = my_grants(user)

    def upload(grant):
        # The report upload page is another part's; link it only where it exists and is allowed.
        if not grant.can_upload_reports:
            return None
        try:
            return reverse("report-upload", kwargs={"pk": grant.pupil_id})
        except NoReverseMatch:
            return None

    link = AgencyProfessional.objects.filter(user=user).select_related("agency").first()
    return {"grants": [(g, upload(g)) for g in grants], "agency": link.agency if link else None}
