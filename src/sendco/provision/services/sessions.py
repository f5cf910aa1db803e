"""Sessions and their registers: recording, correcting, deleting."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from sendco.core.services_base import stamp_change

from ..models import (
    Attendance,
    GroupMember,
    ProvisionGroup,
    Session,
)
from ._base import _check, _locked, _save

# --- sessions and attendance -----------------------------------------------------------------


def _members_on(group: ProvisionGroup, day: date) -> set[int]:
    return set(
        GroupMember.objects.filter(group=group, joined__lte=day)
        .exclude(left__lt=day)
        .values_list("pupil_id", flat=True)
    )


def _register_errors(
    *, held: bool, cancel_reason: str, note: str, present: set[int], notes: dict, members: set[int]
) -> dict[str, list[str]]:
    """The rules a register must meet, whether first recorded or corrected."""
    errors: dict[str, list[str]] = {}
    if not held and not cancel_reason.strip():
        errors["cancel_reason"] = ["Say why the session was cancelled"]
    if (present | set(notes)) - members:
        errors["present"] = ["Attendance can only be recorded for pupils in the group on that date"]
    if any(len(text) > 300 for text in notes.values()):
        errors["notes"] = ["Keep each note under 300 characters"]
    if len(note) > 500:
        errors["note"] = ["Keep the note under 500 characters"]
    return errors


def _clean_marks(present: Iterable[int], notes: Mapping | None) -> tuple[set[int], dict[int, str]]:
    return {int(p) for p in present}, {int(k): v.strip() for k, v in (notes or {}).items() if v and v.strip()}


@transaction.atomic
def record_session(
    *,
    actor,
    group: ProvisionGroup,
    day: date,
    held: bool,
    cancel_reason: str = "",
    note: str = "",
    present: Iterable[int] = (),
    notes: Mapping[int, str] | None = None,
) -> Session:
    """Record one session and its register in one go. Every member on ``day`` gets a mark
    (present if listed in ``present``); a pupil who is not a member that day is refused."""
    _check(actor, "provision.register", group)
    present, notes = _clean_marks(present, notes)
    members = _members_on(group, day)
    errors = {}  # the date first: it is the first field on the page, so first in the summary
    if not group.start_date <= day <= group.end_date:
        errors["date"] = [f"The group runs from {group.start_date:%-d %B %Y} to {group.end_date:%-d %B %Y}"]
    elif day > timezone.localdate():
        errors["date"] = ["A register can only be taken on the day or afterwards, not in advance"]
    if Session.objects.filter(group=group, date=day).exists():
        errors["date"] = [f"A session on {day:%-d %B %Y} is already recorded for this group"]
    errors |= _register_errors(
        held=held, cancel_reason=cancel_reason, note=note, present=present, notes=notes, members=members
    )
    if errors:
        raise ValidationError(errors)
    session = Session(
        school_id=group.school_id,
        group=group,
        date=day,
        held=held,
        cancel_reason="" if held else cancel_reason.strip()[:200],
        note=note.strip(),
        recorded_by=actor,
    )
    try:
        with transaction.atomic():
            _save(session, actor, "Session recorded")
    except IntegrityError:  # two people saved the same register at once
        raise ValidationError({"date": [f"A session on {day:%-d %B %Y} is already recorded for this group"]})
    if held:
        marks = [
            Attendance(
                school_id=group.school_id,
                session=session,
                pupil_id=pupil_id,
                present=pupil_id in present,
                note=notes.get(pupil_id, ""),
            )
            for pupil_id in sorted(members)
        ]
        bulk_create_with_history(
            marks, Attendance, default_user=actor, default_change_reason="Register taken"
        )
    return session


@transaction.atomic
def correct_session(
    *,
    actor,
    session: Session,
    held: bool,
    cancel_reason: str = "",
    note: str = "",
    present: Iterable[int] = (),
    notes: Mapping[int, str] | None = None,
    expected_version: int | None = None,
) -> Session:
    """Correct a recorded session: the same rules as recording it, and the register is
    rewritten (each member on that date gets a mark again; a cancelled session has none).
    Marks are updated in place where they exist so history shows what changed on each."""
    _check(actor, "provision.register", session.group)
    current = _locked(Session, session.pk, expected_version)
    present, notes = _clean_marks(present, notes)
    members = _members_on(session.group, current.date)
    errors = _register_errors(
        held=held, cancel_reason=cancel_reason, note=note, present=present, notes=notes, members=members
    )
    if errors:
        raise ValidationError(errors)
    reason = "Session corrected"
    current.held = held
    current.cancel_reason = "" if held else cancel_reason.strip()[:200]
    current.note = note.strip()
    current.version += 1
    _save(current, actor, reason)
    keep = members if held else set()
    for mark in Attendance.objects.filter(session=current):
        if mark.pupil_id not in keep:
            stamp_change(mark, actor=actor, reason=reason).delete()
        elif (mark.present, mark.note) != (mark.pupil_id in present, notes.get(mark.pupil_id, "")):
            mark.present, mark.note = mark.pupil_id in present, notes.get(mark.pupil_id, "")
            _save(mark, actor, reason)
        keep = keep - {mark.pupil_id}
    for pupil_id in sorted(keep):  # members with no mark yet (the session was cancelled before)
        _save(
            Attendance(
                school_id=current.school_id,
                session=current,
                pupil_id=pupil_id,
                present=pupil_id in present,
                note=notes.get(pupil_id, ""),
            ),
            actor,
            reason,
        )
    return current


@transaction.atomic
def delete_session(*, actor, session: Session, expected_version: int | None = None) -> None:
    """Delete a session recorded by mistake, and its marks. History keeps every row, with
    who deleted it; the marks go first so each has the actor and reason (a cascade would not)."""
    _check(actor, "provision.register", session.group)
    current = _locked(Session, session.pk, expected_version)
    for row in [*Attendance.objects.filter(session=current), current]:
        stamp_change(row, actor=actor, reason="Session deleted").delete()
