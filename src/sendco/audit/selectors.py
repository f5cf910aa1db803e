"""The audit trail of one pupil: every recorded change (with field-level before and after)
and every recorded view, newest first."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model

from .models import AccessLog
from .registry import audited_models

HIDDEN_FIELDS = {"version", "updated_at", "created_at", "school", "pupil"}


@dataclass
class FieldChange:
    field: str
    old: str
    new: str


@dataclass
class AuditEntry:
    at: datetime
    who: str
    kind: str  # "created" | "changed" | "deleted" | a read action label
    what: str
    reason: str = ""
    changes: list[FieldChange] = field(default_factory=list)
    where: str = ""


def _display(record, name: str) -> str:
    field = record.instance_type._meta.get_field(name)
    value = getattr(record, field.attname, None)
    if field.is_relation and value is not None:
        # The related row may be gone (history keeps only its id): Django's "related object
        # does not exist" error is also an AttributeError, so getattr falls back to the id.
        value = getattr(record, name, value)
    if value is None or value == "":
        return "—"
    if value is True or value is False:
        return "Yes" if value else "No"
    getter = getattr(record, f"get_{name}_display", None)
    return str(getter()) if callable(getter) and field.choices else str(value)


def _changes(new, old) -> list[FieldChange]:
    if old is None:
        shown = [
            f
            for f in new.instance_type._meta.concrete_fields
            if f.name not in HIDDEN_FIELDS and f.name != "id"
        ]
        return [
            FieldChange(f.verbose_name, "", _display(new, f.name))
            for f in shown
            if _display(new, f.name) != "—"
        ]
    delta = new.diff_against(old, excluded_fields=HIDDEN_FIELDS)
    labels = {f.name: f.verbose_name for f in new.instance_type._meta.concrete_fields}
    return [
        FieldChange(labels.get(c.field, c.field), _display(old, c.field), _display(new, c.field))
        for c in delta.changes
    ]


def change_entries(pupil_id: int) -> list[AuditEntry]:
    users = {}
    entries: list[AuditEntry] = []
    User = get_user_model()
    for audited in audited_models():
        rows = list(
            audited.model.history.filter(**{audited.pupil_field: pupil_id}).order_by(
                "id", "history_date", "history_id"
            )
        )
        previous: dict[int, object] = {}
        for row in rows:
            old = previous.get(row.id)
            previous[row.id] = row
            kind = {"+": "created", "~": "changed", "-": "deleted"}[row.history_type]
            changes = _changes(row, old) if kind != "deleted" else []
            if kind == "changed" and not changes and not row.history_change_reason:
                continue
            users.setdefault(row.history_user_id, None)
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
    names = {u.pk: str(u) for u in User.objects.filter(pk__in=[k for k in users if k])}
    for e in entries:
        e.who = names.get(e.who, "System (import or demo data)")
    return entries


def view_entries(pupil_id: int, limit: int = 500) -> list[AuditEntry]:
    logs = AccessLog.objects.filter(pupil_id=pupil_id).select_related("user")[:limit]
    return [
        AuditEntry(
            at=log.at,
            who=str(log.user) if log.user else "Unknown",
            kind=log.get_action_display(),
            what=log.what or log.path,
            where=log.ip_address or "",
        )
        for log in logs
    ]


def pupil_audit_trail(pupil_id: int) -> list[AuditEntry]:
    return sorted(change_entries(pupil_id) + view_entries(pupil_id), key=lambda e: e.at, reverse=True)
