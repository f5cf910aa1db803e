"""Writes to pupil records. Each function checks, changes and leaves an audit entry in one
transaction; views and the API call these and never save pupil models themselves.

django-simple-history records each change with its user (taken from the request by its
middleware, or from `actor` here via `stamp_change`) and the reason given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from .access import policy
from .api_forms import merged
from .concurrency import ConflictError
from .forms import PupilForm
from .models import Pupil, School
from .services_base import stamp_change, validated

if TYPE_CHECKING:
    from sendco.accounts.models import User


@transaction.atomic
def create_pupil(*, actor: User, school: School, data: dict, reason: str = "Created") -> Pupil:
    if not policy.can(actor, "school.create_pupil", school):
        raise PermissionDenied
    form = validated(PupilForm(data, school=school))
    pupil = stamp_change(form.save(commit=False), actor=actor, reason=reason)
    pupil.save()
    return pupil


@transaction.atomic
def update_pupil(
    *,
    actor: User,
    pupil: Pupil,
    data,
    expected_version: int | None,
    partial: bool = False,
    reason: str = "Edited",
) -> Pupil:
    """Save changed fields. With `partial`, fields missing from `data` keep their values."""
    if not policy.can(actor, "pupil.change", pupil):
        raise PermissionDenied
    current = Pupil.objects.select_for_update().get(pk=pupil.pk)
    if expected_version is not None and current.version != expected_version:
        raise ConflictError(current)
    if partial:
        data = merged(current, PupilForm.Meta.fields, data)
    form = validated(PupilForm(data, instance=current))
    if not form.has_changed():
        return current
    updated = form.save(commit=False)
    updated.version = current.version + 1
    stamp_change(updated, actor=actor, reason=reason).save()
    return updated


@transaction.atomic
def soft_delete_pupil(*, actor: User, pupil: Pupil, reason: str) -> Pupil:
    if not policy.can(actor, "pupil.delete", pupil):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": ["Say why this record is being removed."]})
    pupil.deleted_at = timezone.now()
    pupil.deleted_by = actor
    pupil.version += 1
    stamp_change(pupil, actor=actor, reason=f"Removed: {reason.strip()}")
    pupil.save(update_fields=["deleted_at", "deleted_by", "version", "updated_at"])
    return pupil


@transaction.atomic
def restore_pupil(*, actor: User, pupil: Pupil) -> Pupil:
    if not policy.can(actor, "pupil.restore", pupil):
        raise PermissionDenied
    pupil.deleted_at = None
    pupil.deleted_by = None
    pupil.version += 1
    stamp_change(pupil, actor=actor, reason="Restored")
    pupil.save(update_fields=["deleted_at", "deleted_by", "version", "updated_at"])
    return pupil
