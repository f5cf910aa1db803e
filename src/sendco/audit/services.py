"""Recording reads of pupil data (writes are recorded by django-simple-history)."""

from __future__ import annotations

from .models import AccessLog


def _client(request) -> tuple[str | None, str]:
    if request is None:
        return None, ""
    # Behind a proxy, the deployment sets REMOTE_ADDR correctly (e.g. gunicorn --forwarded-allow-ips).
    return request.META.get("REMOTE_ADDR") or None, request.META.get("HTTP_USER_AGENT", "")[:300]


def log_access(*, user, action: str, request=None, pupil=None, school=None, what: str = "") -> AccessLog:
    ip, agent = _client(request)
    return AccessLog.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        pupil=pupil,
        school=school or (pupil.school if pupil is not None else None),
        action=action,
        what=what[:200],
        path=(request.get_full_path()[:500] if request is not None else ""),
        ip_address=ip,
        user_agent=agent,
    )
