"""Writes to the chronology. Entries are never silently edited: a correction bumps the version,
stamps `edited_at` and leaves the previous text in the history with who changed it and why."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from sendco.core import uploads
from sendco.core.access import policy
from sendco.core.concurrency import ConflictError
from sendco.core.models import Pupil
from sendco.core.services_base import stamp_change

from .models import ChronologyAttachment, ChronologyEntry
from .permissions import levels_for

if TYPE_CHECKING:
    from sendco.accounts.models import User

FIELDS = (
    "occurred_on",
    "occurred_time",
    "kind",
    "category",
    "title",
    "body",
    "confidentiality",
    "other_participants",
    "follow_up",
    "follow_up_owner",
    "follow_up_due",
)


def _validate(*, actor: User, pupil: Pupil, data: dict, staff: list) -> None:
    errors: dict[str, str] = {}
    today = timezone.localdate()
    occurred = data.get("occurred_on")
    if occurred and occurred > today:
        errors["occurred_on"] = "The date must be today or in the past."
    elif occurred and occurred < pupil.date_of_birth:
        errors["occurred_on"] = "The date cannot be before the pupil's date of birth."
    category = data.get("category")
    if category is not None and (category.school_id != pupil.school_id or not category.active):
        errors["category"] = "Choose one of the school's categories."
    level = data.get("confidentiality")
    if level and level not in levels_for(actor, pupil) and level != ChronologyEntry.Confidentiality.SENCO:
        # Anyone may pass something up to the SENCO; wider levels only if you could read them.
        errors["confidentiality"] = "Choose a level you are allowed to share at."
    owner = data.get("follow_up_owner")
    if owner is not None:
        if not data.get("follow_up", "").strip():
            errors["follow_up"] = "Say what the follow-up action is."
        if not data.get("follow_up_due"):
            errors["follow_up_due"] = "Enter a due date for the follow-up."
        if level and not (policy.can_see(owner, pupil) and level in levels_for(owner, pupil)):
            errors["follow_up_owner"] = "The owner must be someone who can read this entry."
    elif data.get("follow_up", "").strip():
        errors["follow_up_owner"] = "Choose who will do the follow-up."
    for user in staff:
        if not policy.can_see(user, pupil) or not (policy.roles(user).at(pupil.school_id)):
            # By id, not name: the caller may have sent the id of someone they may not know of.
            errors["staff_participants"] = (
                f"User id {user.pk} is not a member of staff who works with this pupil."
            )
    if errors:
        raise ValidationError(errors)


def _attach(*, actor: User, entry: ChronologyEntry, files) -> None:
    checked = [(upload, *uploads.read_checked(upload, field="attachments")) for upload in files]
    for upload, data, kind in checked:
        attachment = ChronologyAttachment(
            entry=entry,
            pupil=entry.pupil,
            school_id=entry.school_id,
            original_name=uploads.display_name(upload.name),
            content_type=kind.content_type,
            size=len(data),
            uploaded_by=actor,
        )
        attachment.file.save(
            uploads.random_name(f"chronology/{entry.school_id}", kind), ContentFile(data), save=False
        )
        stamp_change(attachment, actor=actor, reason="Attachment added").save()


@transaction.atomic
def create_entry(
    *, actor: User, pupil: Pupil, data: dict, staff_participants: Sequence = (), files: Sequence = ()
) -> ChronologyEntry:
    """`data` holds the cleaned FIELDS (category and owner as objects)."""
    if not policy.can(actor, "chronology.add", pupil):
        raise PermissionDenied
    staff = list(staff_participants)
    _validate(actor=actor, pupil=pupil, data=data, staff=staff)
    entry = ChronologyEntry(pupil=pupil, school_id=pupil.school_id, recorded_by=actor)
    for name in FIELDS:
        if name in data:
            setattr(entry, name, data[name])
    entry.full_clean(exclude=["pupil", "school", "category"])
    stamp_change(entry, actor=actor, reason="Entry recorded").save()
    entry.staff_participants.set(staff, through_defaults={"school_id": entry.school_id})
    _attach(actor=actor, entry=entry, files=files)
    return entry


@transaction.atomic
def update_entry(
    *,
    actor: User,
    entry: ChronologyEntry,
    data: dict,
    expected_version: int | None,
    reason: str,
    staff_participants: list | None = None,
    files: Sequence = (),
) -> ChronologyEntry:
    if not policy.can(actor, "chronology.change", entry):
        raise PermissionDenied
    current = ChronologyEntry.objects.select_for_update().get(pk=entry.pk)
    if expected_version != current.version:
        raise ConflictError(current)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the entry is being corrected."})
    merged = {name: getattr(current, name) for name in FIELDS} | data
    staff = list(current.staff_participants.all()) if staff_participants is None else list(staff_participants)
    _validate(actor=actor, pupil=current.pupil, data=merged, staff=staff)
    for name in FIELDS:
        setattr(current, name, merged[name])
    current.full_clean(exclude=["pupil", "school", "category"])
    current.version += 1
    current.edited_at = timezone.now()
    stamp_change(current, actor=actor, reason=f"Corrected: {reason.strip()}"[:100]).save()
    if staff_participants is not None:
        current.staff_participants.set(staff, through_defaults={"school_id": current.school_id})
    _attach(actor=actor, entry=current, files=files)
    return current


@transaction.atomic
def complete_follow_up(*, actor: User, entry: ChronologyEntry) -> ChronologyEntry:
    if not policy.can(actor, "chronology.follow_up_done", entry):
        raise PermissionDenied
    entry = ChronologyEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.follow_up_done_at is None:
        entry.follow_up_done_at = timezone.now()
        stamp_change(entry, actor=actor, reason="Follow-up done").save(
            update_fields=["follow_up_done_at", "updated_at"]
        )
    return entry


def parse_date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
