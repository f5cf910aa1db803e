"""Reads of the chronology, always through `permissions.visible_entries` (the access policy)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q
from django.http import Http404

from sendco.core.access import Audit, policy
from sendco.core.categories import school_categories

from .categories import CATEGORIES
from .models import ChronologyAttachment, ChronologyEntry
from .permissions import readable_entries, visible_entries


def categories(school, *, active_only: bool = True):
    return school_categories(CATEGORIES, school, active_only=active_only)


def entries(
    user,
    pupil,
    *,
    category: int | None = None,
    kind: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    q: str = "",
):
    """The pupil's entries `user` may read, newest happening first, filtered; fixed query count."""
    qs = visible_entries(user, pupil)
    if category:
        qs = qs.filter(category_id=category)
    if kind:
        qs = qs.filter(kind=kind)
    if date_from:
        qs = qs.filter(occurred_on__gte=date_from)
    if date_to:
        qs = qs.filter(occurred_on__lte=date_to)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(body__icontains=q) | Q(other_participants__icontains=q))
    return qs.select_related("category", "recorded_by", "follow_up_owner").prefetch_related(
        "staff_participants",
        Prefetch("attachments", queryset=ChronologyAttachment.objects.order_by("id")),
    )


def get_entry(user, pk, perm: str = "chronology.view", *, audit: Audit) -> ChronologyEntry:
    """An entry `user` may `perm`, or Http404: existence never leaks. `audit` (what is read) is
    recorded once the check passes; no default, so forgetting it is a TypeError."""
    entry = _checked_entry(user, pk, perm)
    audit.record(entry.pupil, of=entry)
    return entry


def get_attachment(user, entry_pk, pk, *, audit: Audit) -> ChronologyAttachment:
    """One file of an entry the user may read; recorded (`of` the file) once both are found, so a
    missing file leaves no row."""
    entry = _checked_entry(user, entry_pk, "chronology.view")
    attachment = entry.attachments.filter(pk=pk).first()
    if attachment is None:
        raise Http404("No such attachment")
    attachment.entry = entry
    audit.record(entry.pupil, of=attachment)
    return attachment


def _checked_entry(user, pk, perm: str) -> ChronologyEntry:
    entry = (
        ChronologyEntry.objects.filter(pupil__in=policy.pupils(user), pk=pk if str(pk).isdigit() else -1)
        .select_related("pupil", "pupil__school", "category", "recorded_by", "follow_up_owner")
        .first()
    )
    if entry is None or not policy.can(user, perm, entry):
        raise Http404("No such entry")
    return entry


def follow_ups_for(user):
    """Open follow-ups owned by `user`, on entries they may still read, soonest due first."""
    owned = readable_entries(user).filter(follow_up_owner=user, follow_up_done_at__isnull=True)
    return list(owned.select_related("pupil").order_by("follow_up_due", "id")[:50])


def follow_ups_panel(user):
    if not user.is_authenticated:
        return None
    items = follow_ups_for(user)
    return {"items": items} if items else None
