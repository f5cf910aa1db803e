"""What every statutory write shares: the permission check, the versioned save and lock,
the form, and keeping the timeline and `EhcPlan.next_due` right."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import timezone

from sendco.core.access import policy
from sendco.core.concurrency import ConflictError
from sendco.core.services_base import stamp_change, validated
from sendco.domain.deadlines import TimelineError

from .. import selectors


def _require(actor, perm: str, pupil) -> None:
    if not policy.can(actor, perm, pupil):
        raise PermissionDenied


def _versioned_save(obj, actor, reason: str) -> None:
    if obj.pk is not None:
        obj.version += 1
    stamp_change(obj, actor=actor, reason=reason).save()


def _form(form_class, data, instance=None, **kwargs):
    return validated(form_class(data, instance=instance, **kwargs))


def _lock(model, obj, expected_version: int | None):
    current = model.objects.select_for_update().get(pk=obj.pk)
    if expected_version is not None and current.version != expected_version:
        raise ConflictError(current)
    return current


# Engine field names -> the form field to show the message against.
FIELD_NAMES = {
    "la_decision": "la_decision_date",
    "last_review_meeting": "meeting_date",
    "plan_issued": "issued_on",
    "advice_requests": "returned_on",
}


def check_timeline(pupil, *, today: dt.date | None = None) -> None:
    """Raise ValidationError if the pupil's stored events (as changed in this transaction)
    cannot all be true; the caller's transaction then rolls back."""
    today = today or timezone.localdate()
    for loaded in selectors.load(Q(pk=pupil.pk), today=today):
        try:
            loaded.deadlines(today)
        except TimelineError as exc:
            raise ValidationError({FIELD_NAMES.get(exc.field, exc.field): [str(exc)]}) from exc
    refresh_next_due(pupil, today=today)


def refresh_next_due(pupil, *, today: dt.date | None = None) -> None:
    """Rebuild the cached open deadlines of one pupil's requests and plans."""
    selectors.refresh_cache(Q(pk=pupil.pk), today=today)
