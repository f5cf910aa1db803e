"""Recording reads of pupil data (writes are recorded by django-simple-history).

One pupil's record: `log_access(..., pupil=pupil)`. A page or API answer that lists pupils or
their records: `log_list`, one row per request (never one per pupil, so a list of 2,000 stays
one insert) saying what was listed and how many; the filters are in the row's path."""

from __future__ import annotations

from .client_ip import client_ip
from .models import AccessLog, actor_label


def _client(request) -> tuple[str | None, str]:
    if request is None:
        return None, ""
    return client_ip(request), request.META.get("HTTP_USER_AGENT", "")[:300]


def log_access(*, user, action: str, request=None, pupil=None, school=None, what: str = "") -> AccessLog:
    ip, agent = _client(request)
    actor = user if getattr(user, "is_authenticated", False) else None
    return AccessLog.objects.create(
        user=actor,
        # Who it was, copied in words: the row keeps it whatever later happens to the account.
        actor_label=actor_label(actor) if actor is not None else "",
        pupil=pupil,
        school=school or (pupil.school if pupil is not None else None),
        action=action,
        what=what[:200],
        path=(request.get_full_path()[:500] if request is not None else ""),
        ip_address=ip,
        user_agent=agent,
    )


def log_list(
    request, *, what: str, count: int, school=None, action: str = AccessLog.Action.LIST
) -> AccessLog:
    """One row for a list of pupils or their records: `what` names the list, `count` is how many
    were returned in this answer. `school` when the list is of one school; null when it may span
    several (a trust-wide user's list), where the row's user and path still say what was seen."""
    return log_access(
        user=request.user, action=action, request=request, school=school, what=f"{what}: {count} shown"
    )


def only_school(schools):
    """The school of a list that can only be of one (so the row shows in that school's log),
    else None. `schools` is the view's own queryset, so evaluating it here costs no query more."""
    return schools[0] if len(schools) == 1 else None


def log_view(request, *, pupil, what: str) -> AccessLog | None:
    """A page about one pupil that may also take a form (an edit page, a review form): logged
    when it is read (GET). The form posted back is a write, which history records."""
    if request.method != "GET":
        return None
    return log_access(
        user=request.user, action=AccessLog.Action.VIEW, request=request, pupil=pupil, what=what
    )
