"""Reads for concerns, always starting from `permissions.visible_concerns` (the access policy)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from sendco.core.access import Audit, policy
from sendco.core.categories import school_categories

from .categories import CATEGORIES
from .models import Concern, Evidence, InputRequest
from .permissions import TRIAGE_ROLES, visible_concerns


def categories(school, *, active_only: bool = True):
    return school_categories(CATEGORIES, school, active_only=active_only)


def queue(
    user,
    *,
    status: str = "",
    category: int | None = None,
    year: int | None = None,
    q: str = "",
    raised_by_me: bool = False,
    order: str = "oldest",
):
    qs = visible_concerns(user)
    if status == "open":
        qs = qs.exclude(status=Concern.Status.DECIDED)
    elif status in Concern.Status.values:
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(categories__id=category)
    if year is not None:
        qs = qs.filter(pupil__nc_year=year)
    if q:
        qs = qs.filter(
            Q(pupil__legal_surname__icontains=q)
            | Q(pupil__legal_forename__icontains=q)
            | Q(pupil__preferred_forename__icontains=q)
            | Q(pupil__upn__iexact=q)
        )
    if raised_by_me:
        qs = qs.filter(raised_by=user)
    qs = qs.select_related("pupil", "raised_by").prefetch_related("categories")
    qs = qs.annotate(
        pending=Count("input_requests", filter=Q(input_requests__responded_at__isnull=True), distinct=True),
        asked=Count("input_requests", distinct=True),
    )
    return qs.order_by("created_at", "id") if order == "oldest" else qs.order_by("-created_at", "-id")


def status_counts(user) -> dict[str, int]:
    rows = visible_concerns(user).values("status").annotate(n=Count("id"))
    counts = {s: 0 for s in Concern.Status.values}
    counts.update({r["status"]: r["n"] for r in rows})
    return counts


def get_concern(user, pk, perm: str = "concern.view", *, audit: Audit) -> Concern:
    """The concern, checked, with `audit` (what is read, e.g. `lambda c: f"Concern #{c.pk}"`)
    recorded once it is found; no default, so forgetting it is a TypeError."""
    concern = _checked_concern(user, pk, perm)
    audit.record(concern.pupil, of=concern)
    return concern


def _checked_concern(user, pk, perm: str) -> Concern:
    concern = (
        visible_concerns(user)
        .filter(pk=pk)
        .select_related("pupil", "pupil__school", "raised_by", "decided_by", "sen_status")
        .first()
    )
    if concern is None or (perm != "concern.view" and not policy.can(user, perm, concern)):
        raise Http404("No such concern")
    return concern


def get_evidence(user, concern_pk, pk, *, audit: Audit) -> Evidence:
    """One file of a concern the user may read; recorded (`of` the file) once both are found,
    so a missing file leaves no row."""
    concern = _checked_concern(user, concern_pk, "concern.view")
    item = concern.evidence.filter(pk=pk).first()
    if item is None:
        raise Http404("No such file")
    item.concern = concern
    audit.record(concern.pupil, of=item)
    return item


def get_input_request(user, concern_pk, pk, *, audit: Audit) -> InputRequest:
    request = (
        InputRequest.objects.filter(
            pk=pk, concern_id=concern_pk, requested_from=user, pupil__in=policy.pupils(user)
        )
        .select_related("concern", "concern__pupil", "requested_by")
        .first()
    )
    if request is None:
        raise Http404("No such request")
    audit.record(request.concern.pupil, of=request)
    return request


def pupil_concerns(user, pupil):
    return (
        visible_concerns(user)
        .filter(pupil=pupil)
        .select_related("raised_by")
        .prefetch_related("categories")
        .order_by("-created_at")
    )


def age_days(concern: Concern, today: dt.date | None = None) -> int:
    return ((today or timezone.localdate()) - timezone.localtime(concern.created_at).date()).days


def home_panel(user):
    """Input requests waiting for this user; the triage team's queue counts; decisions on
    concerns this user raised in the last 30 days. None when there is nothing to show."""
    if not user.is_authenticated:
        return None
    roles = policy.roles(user)
    waiting = list(
        InputRequest.objects.filter(
            requested_from=user, responded_at__isnull=True, pupil__in=policy.pupils(user)
        )
        .select_related("concern__pupil", "requested_by")
        .order_by("created_at")[:20]
    )
    counts = status_counts(user) if roles.schools_with(TRIAGE_ROLES) else None
    since = timezone.now() - dt.timedelta(days=30)
    decided = list(
        visible_concerns(user)
        .filter(raised_by=user, status=Concern.Status.DECIDED, updated_at__gte=since)
        .select_related("pupil")
        .order_by("-updated_at")[:10]
    )
    if not (waiting or decided or (counts and any(counts.values()))):
        return None
    return {"waiting": waiting, "counts": counts, "decided": decided}
