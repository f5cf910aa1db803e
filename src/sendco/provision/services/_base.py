"""Helpers every provision service uses: the permission check, form validation, version locks."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from sendco.accounts.models import Membership as StaffMembership
from sendco.accounts.roles import STAFF_ROLES
from sendco.core.access import policy
from sendco.core.concurrency import ConflictError
from sendco.core.services_base import stamp_change


def _check(actor, perm: str, obj) -> None:
    if not policy.can(actor, perm, obj):
        raise PermissionDenied


def _locked(model, pk: int, expected_version: int | None):
    """The row, locked until the transaction ends, after checking it is still the version the
    caller read (None: no check, for callers that did not read it first)."""
    current = model.objects.select_for_update().get(pk=pk)
    if expected_version is not None and current.version != expected_version:
        raise ConflictError(current)
    return current


def _check_new_or_version(existing, expected_version: int | None) -> None:
    """For upserts (rates, budgets): version 0 means "I saw none", so a row someone else
    created meanwhile is a conflict too."""
    if expected_version is None:
        return
    if (existing.version if existing else 0) != expected_version:
        raise ConflictError(existing)


def _save(obj, actor, reason: str):
    stamp_change(obj, actor=actor, reason=reason).save()
    return obj


def school_staff(school) -> list[tuple[int, str]]:
    """(user id, name) of the staff at ``school`` who could run a group."""
    rows = (
        StaffMembership.objects.filter(school=school, active=True, role__in=[r.value for r in STAFF_ROLES])
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )
    seen, out = set(), []
    for m in rows:
        if m.user_id not in seen:
            seen.add(m.user_id)
            out.append((m.user_id, m.user.get_full_name() or m.user.username))
    return out


def _save_new_once(obj, actor, reason: str, same):
    """Save; if a unique constraint says someone created the same row a moment ago, that is a
    conflict with their row, not a server error."""
    try:
        with transaction.atomic():
            return _save(obj, actor, reason)
    except IntegrityError:
        raise ConflictError(same.first())
