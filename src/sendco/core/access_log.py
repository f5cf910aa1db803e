"""The access log of one pupil or of one user at a school, over a period, as table rows for
the auditors' export (core.audit_views.access_log_export)."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from sendco.audit.models import AccessLog

HEADERS = ["When", "Who", "Action", "What", "Pupil", "School", "Page", "Address", "Browser"]


def log_rows(
    *, pupil=None, school=None, username: str = "", since: dt.date | None, until: dt.date | None
) -> QuerySet[AccessLog]:
    """A pupil's rows (wherever read), or a user's rows at `school` only: the caller has
    checked that its user audits that pupil or that school."""
    if pupil is not None:
        rows = AccessLog.objects.filter(pupil=pupil)
    else:
        rows = AccessLog.objects.filter(school=school, user__username=username)
    if since:
        rows = rows.filter(at__date__gte=since)
    if until:
        rows = rows.filter(at__date__lte=until)
    return rows.select_related("user", "pupil", "school").order_by("at", "pk")


def as_table(rows) -> list[list]:
    return [
        [
            timezone.localtime(row.at).strftime("%Y-%m-%d %H:%M:%S"),
            row.actor_label or (row.user.username if row.user else ""),
            row.get_action_display(),
            row.what,
            row.pupil.full_name if row.pupil else "",
            str(row.school) if row.school else "",
            row.path,
            row.ip_address or "",
            row.user_agent,
        ]
        for row in rows
    ]
