"""Checking and storing uploaded files (chronology attachments, concern evidence).

Files are checked by content (sendco.domain.file_types), stored under MEDIA_ROOT (outside the
web root; there is no URL that serves it) with a random name, and only ever served by views
that ask the access policy first and log the download."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.http import FileResponse

from sendco.domain import file_types


def random_name(folder: str, kind: file_types.FileKind) -> str:
    return f"{folder}/{secrets.token_hex(16)}{kind.extension}"


def read_checked(upload, *, field: str = "file") -> tuple[bytes, file_types.FileKind]:
    """The upload's bytes and kind, or ValidationError on `field` (nothing is stored)."""
    if upload.size > file_types.MAX_BYTES:
        raise ValidationError({field: f"{upload.name} must be smaller than 10 MB."})
    data = upload.read()
    try:
        return data, file_types.check(data)
    except file_types.RejectedFile as exc:
        raise ValidationError({field: f"{upload.name}: {exc}"}) from exc


def clean_filename(name: str) -> str:
    """The sender's file name, kept for display only (never used as a path)."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(c for c in name if c.isprintable() and c not in '"<>')[:150] or "attachment"


def download(stored, *, content_type: str, filename: str) -> FileResponse:
    response = FileResponse(
        stored.open("rb"), content_type=content_type, as_attachment=True, filename=filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
