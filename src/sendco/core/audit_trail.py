"""The audit trail of one pupil: every recorded change (with field-level before and after)
that the reader may read, by each record's own rule (see audit.registry), and every recorded
view, newest first."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist

from sendco.audit.models import AccessLog
from sendco.audit.registry import audited_models

from .access import policy

HIDDEN_FIELDS = {"version", "updated_at", "created_at", "school", "pupil"}
WITHHELD = "(an earlier version you may not read)"


@dataclass
class FieldChange:
    field: str
    old: str
    new: str


@dataclass
class AuditEntry:
    at: datetime
    who: Any  # the user's id until change_entries puts their name here
    kind: str  # "created" | "changed" | "deleted" | a read action label
    what: str
    reason: str = ""
    changes: list[FieldChange] = field(default_factory=list)
    where: str = ""


def _display(record, name: str) -> str:
    field = record.instance_type._meta.get_field(name)
    value = getattr(record, field.attname, None)
    if field.is_relation and value is not None:
        try:
            value = getattr(record, name)
        except ObjectDoesNotExist:  # the related row is gone (a deleted plan): show its id
            pass
    if value is None or value == "":
        return "—"
    if value is True or value is False:
        return "Yes" if value else "No"
    getter = getattr(record, f"get_{name}_display", None)
    return str(getter()) if callable(getter) and field.choices else str(value)


def _changes(new, old, hidden: set[str], *, old_shown: bool = True) -> list[FieldChange]:
    """The fields `new` sets (old is None) or changes; `old_shown=False` withholds the earlier
    values (a version the reader may not read)."""
    if old is None:
        shown = [
            f for f in new.instance_type._meta.concrete_fields if f.name not in hidden and f.name != "id"
        ]
        return [
            FieldChange(f.verbose_name, "", _display(new, f.name))
            for f in shown
            if _display(new, f.name) != "—"
        ]
    delta = new.diff_against(old, excluded_fields=hidden)
    labels = {f.name: f.verbose_name for f in new.instance_type._meta.concrete_fields}
    return [
        FieldChange(
            labels.get(c.field, c.field),
            _display(old, c.field) if old_shown else WITHHELD,
            _display(new, c.field),
        )
        for c in delta.changes
    ]


def _readable_entries(audited, rows, readable, hidden) -> list[AuditEntry]:
    """The entries for one model's history rows (ordered by object, then time) that the reader
    may read. A record the reader may not read as it is now (its last version) shows nothing,
    so restricting a record later hides its earlier versions too; a version they may not read
    is left out, and the next one they may read shows no earlier values."""
    latest = {row.id: row for row in rows}
    visible = {oid for oid, row in latest.items() if readable(row)}
    entries: list[AuditEntry] = []
    previous: dict[int, object] = {}
    for row in rows:
        old = previous.get(row.id)
        previous[row.id] = row
        if row.id not in visible or not readable(row):
            continue
        kind = {"+": "created", "~": "changed", "-": "deleted"}[row.history_type]
        changes = []
        if kind != "deleted":
            changes = _changes(row, old, hidden, old_shown=old is None or readable(old))
        if kind == "changed" and not changes and not row.history_change_reason:
            continue
        entries.append(
            AuditEntry(
                at=row.history_date,
                who=row.history_user_id,
                kind=kind,
                what=f"{audited.label}: {row.instance}" if audited.pupil_field != "id" else audited.label,
                reason=row.history_change_reason or "",
                changes=changes,
            )
        )
    return entries


def change_entries(pupil, user) -> list[AuditEntry]:
    """Every change to `pupil`'s records that `user` may read, each by its model's own rule."""
    can = cache(lambda perm: policy.can(user, perm, pupil))
    entries: list[AuditEntry] = []
    for audited in audited_models():
        rows = list(
            audited.model.history.filter(  # type: ignore[attr-defined]  # added by simple-history
                **{audited.pupil_field: pupil.pk}
            ).order_by("id", "history_date", "history_id")
        )
        if rows:
            readable = audited.row_check(user, pupil, can)
            hidden = HIDDEN_FIELDS | audited.hidden_fields(can)
            entries += _readable_entries(audited, rows, readable, hidden)
    User = get_user_model()
    names = {u.pk: str(u) for u in User.objects.filter(pk__in={e.who for e in entries if e.who})}
    for e in entries:
        e.who = names.get(e.who, "System (import or demo data)")
    return entries


def view_entries(pupil_id: int, limit: int = 500) -> list[AuditEntry]:
    logs = AccessLog.objects.filter(pupil_id=pupil_id).select_related("user")[:limit]
    return [
        AuditEntry(
            at=log.at,
            who=str(log.user) if log.user else (log.actor_label or "Unknown"),
            kind=log.get_action_display(),
            what=log.what or log.path,
            where=log.ip_address or "",
        )
        for log in logs
    ]


def pupil_audit_trail(pupil, user) -> list[AuditEntry]:
    """`pupil` comes from the access policy with "pupil.audit"; `user` is the reader."""
    return sorted(change_entries(pupil, user) + view_entries(pupil.pk), key=lambda e: e.at, reverse=True)
