"""The subject access export: everything sendco holds about one pupil, as the reader may see it.

Every model registered in audit.registry (so this app imports no other capability app) gives
the pupil's rows and their history, each filtered by the registration's own reader check and
with its reader-hidden fields left out: the access policy decides, as on the audit tab. The
export is made by a SENCO (privacy.manage), who reads the whole file, so in practice it is
everything; the check stays so that a wider permission could never leak more."""

from __future__ import annotations

import datetime as dt
import decimal
import io
import json
import posixpath
import uuid
import zipfile
from dataclasses import dataclass, field

from django.db import models

from sendco.audit.models import AccessLog
from sendco.audit.registry import audited_models
from sendco.core.access import policy

HISTORY_FIELDS = ("history_id", "history_date", "history_type", "history_change_reason", "history_user_id")


def _value(value):
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if hasattr(value, "name") and hasattr(value, "storage"):  # a FieldFile
        return value.name or ""
    return value


def _row(obj, fields: list[models.Field], hidden: set[str], extra=()) -> dict:
    data = {f.attname: _value(getattr(obj, f.attname)) for f in fields if f.name not in hidden}
    data.update({name: _value(getattr(obj, name, None)) for name in extra})
    return data


@dataclass
class Export:
    records: dict[str, list[dict]] = field(default_factory=dict)
    history: dict[str, list[dict]] = field(default_factory=dict)
    access_log: list[dict] = field(default_factory=list)
    files: list[tuple[str, object, str]] = field(default_factory=list)  # (zip name, storage, name)


def subject_access_export(user, pupil) -> Export:
    """The pupil's whole record as `user` may read it; `pupil` must come from the policy."""
    export = Export()
    can_cache: dict[str, bool] = {}

    def can(perm: str) -> bool:
        if perm not in can_cache:
            can_cache[perm] = policy.can(user, perm, pupil)
        return can_cache[perm]

    for audited in audited_models():
        model, lookup = audited.model, {audited.pupil_field: pupil.pk}
        check = audited.row_check(user, pupil, can)
        hidden = audited.hidden_fields(can)
        fields = [f for f in model._meta.concrete_fields]
        rows = [obj for obj in model._base_manager.filter(**lookup).order_by("pk") if check(obj)]
        if rows:
            export.records[audited.label] = [_row(obj, fields, hidden) for obj in rows]
        history = getattr(model, "history", None)
        if history is not None:
            past = [
                row for row in history.filter(**lookup).order_by("history_date", "history_id") if check(row)
            ]
            history_fields = [f for f in history.model._meta.concrete_fields if f.name not in HISTORY_FIELDS]
            if past:
                export.history[audited.label] = [
                    _row(r, history_fields, hidden, HISTORY_FIELDS) for r in past
                ]
        for file_field in (f for f in fields if isinstance(f, models.FileField) and f.name not in hidden):
            for obj in rows:
                name = getattr(obj, file_field.name).name
                if name:
                    zip_name = f"files/{audited.label}/{obj.pk}-{posixpath.basename(name)}"
                    export.files.append((zip_name, file_field.storage, name))
    export.access_log = [
        {"at": _value(at), "by": by, "action": action, "what": what}
        for at, by, action, what in AccessLog.objects.filter(pupil=pupil)
        .order_by("at", "pk")
        .values_list("at", "actor_label", "action", "what")
    ]
    return export


def export_zip(export: Export, *, summary_pdf: bytes, about: dict) -> tuple[bytes, list[str]]:
    """The zip: records.json (records, history, access log), the stored files, summary.pdf.
    Returns the bytes and the stored files that could not be read (listed in the JSON too)."""
    missing: list[str] = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for zip_name, storage, name in export.files:
            try:
                with storage.open(name) as handle:  # type: ignore[attr-defined]
                    archive.writestr(zip_name, handle.read())
            except OSError:
                missing.append(zip_name)
        body = {
            "about": about,
            "records": export.records,
            "history": export.history,
            "access_log": export.access_log,
            "files": [name for name, _, _ in export.files if name not in missing],
            "files_missing": missing,
        }
        archive.writestr("records.json", json.dumps(body, indent=2, default=str))
        archive.writestr("summary.pdf", summary_pdf)
    return buffer.getvalue(), missing
