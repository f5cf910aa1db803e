"""Recording reads of pupil data (writes are recorded by django-simple-history).

One pupil's record: the lookup that fetches it takes `audit=Read...` and writes the row (`Read`,
below); `log_access` directly only for rows about a school. A page or API answer that lists pupils or
their records: `log_list`, one row per request (never one per pupil, so a list of 2,000 stays
one insert) saying what was listed and how many; the filters are in the row's path."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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


def detach_pupils(pupil_ids) -> int:
    """The retention process is destroying these pupils' files: their access-log rows stay (they
    are the audit of who read what, and when) but lose the link to the pupil row, which would
    otherwise block the deletion (PROTECT) and keep the pupil findable. The one change ever made
    to a log row, so it bypasses the append-only guard here and nowhere else."""
    from django.db.models import QuerySet

    return QuerySet.update(AccessLog.objects.filter(pupil_id__in=list(pupil_ids)), pupil=None)


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


@dataclass(frozen=True)
class Read:
    """What a fetch reads, said where the record is fetched: the access policy's lookups
    (`policy.get_pupil(..., audit=Read.view(request, "Pupil file"))`, statutory.lookups,
    plans.selectors.get_cycle, and the fetches by id of a concern, a chronology entry or a
    provision place) take one, keyword-only and with no default, and write its row
    once their check passes, so a view cannot fetch a pupil without logging the read.

    `what` is the row's description, or a function of the record fetched (a cycle's number is
    known only once the cycle is found)."""

    request: Any
    what: str | Callable[[Any], str]
    action: str = AccessLog.Action.VIEW
    # A page that also takes a form: the GET is the read; the POST is a write, which history
    # records.
    get_only: bool = False
    # False for a fetch that shows nothing itself (for_write, embedded).
    logs: bool = True

    @classmethod
    def view(cls, request, what) -> Read:
        return cls(request, what)

    @classmethod
    def form(cls, request, what) -> Read:
        return cls(request, what, get_only=True)

    @classmethod
    def api(cls, request, what) -> Read:
        return cls(request, what, AccessLog.Action.API_VIEW)

    @classmethod
    def as_(cls, request, action: str, what) -> Read:
        """A download, an export, a print: the action names it."""
        return cls(request, what, action)

    @classmethod
    def download(cls, request) -> Read:
        """A download, logged where it is sent with what it holds: by the response helper
        (core.documents: pdf_response, docx_response, table_export) or, for a stored file, by
        `Read.as_(request, DOWNLOAD, <the file>)` once the file is found. That row is the read."""
        return cls(request, "", logs=False)

    @classmethod
    def embedded(cls, request) -> Read:
        """An image a logged page embeds (a pupil's photo): the page's own row is the read."""
        return cls(request, "", logs=False)

    @classmethod
    def for_write(cls, request) -> Read:
        """The record is fetched to change it, never to show it: refuses a GET, which is a read."""
        if request.method in ("GET", "HEAD"):
            raise TypeError("Read.for_write on a GET: a page that shows the record is a read")
        return cls(request, "", logs=False)

    def record(self, pupil=None, *, of=None, school=None) -> AccessLog | None:
        """Write the row: `pupil` whose record was read, `of` the record `what` describes."""
        if not self.logs or (self.get_only and self.request.method != "GET"):
            return None
        what = self.what(of if of is not None else pupil) if callable(self.what) else self.what
        return log_access(
            user=self.request.user,
            action=self.action,
            request=self.request,
            pupil=pupil,
            school=school,
            what=what,
        )
