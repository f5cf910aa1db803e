"""The uploaded file between preview and commit: kept server-side, outside the web root, under
a random token that is remembered only in the uploader's session, and deleted on commit, on a
new upload or after a day."""

from __future__ import annotations

import secrets
import time
from pathlib import Path

from django.conf import settings

SESSION_KEY = "register_import"
MAX_AGE_SECONDS = 24 * 3600


def _dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "register-imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _purge_old() -> None:
    cutoff = time.time() - MAX_AGE_SECONDS
    for old in _dir().glob("*.upload"):
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)


def keep(request, *, data: bytes, filename: str, school_id: int, full: bool) -> None:
    discard(request)
    _purge_old()
    token = secrets.token_urlsafe(24)
    (_dir() / f"{token}.upload").write_bytes(data)
    request.session[SESSION_KEY] = {
        "token": token,
        "filename": filename,
        "school": school_id,
        "full": full,
        "user": request.user.pk,
    }


def load(request) -> tuple[dict, bytes] | None:
    meta = request.session.get(SESSION_KEY)
    if not meta or meta.get("user") != request.user.pk:
        return None
    path = _dir() / f"{meta['token']}.upload"
    if not path.exists():
        return None
    return meta, path.read_bytes()


def discard(request) -> None:
    meta = request.session.pop(SESSION_KEY, None)
    if meta:
        (_dir() / f"{meta['token']}.upload").unlink(missing_ok=True)
