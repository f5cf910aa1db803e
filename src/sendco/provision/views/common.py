"""Helpers shared by the provision pages: the school a page is about, dates, money rights.
Records (groups, places, sessions, measures) are fetched and checked by ..lookups."""

from __future__ import annotations

from datetime import date

from django.http import Http404
from django.utils.http import url_has_allowed_host_and_scheme

from sendco.core.access import policy


def school_for(request, perm: str):
    """The school the page is about: ?school= among those where the user may ``perm``, else the first."""
    schools = policy.schools(request.user, perm)
    wanted = request.GET.get("school") or request.POST.get("school")
    school = schools.filter(pk=wanted).first() if wanted and str(wanted).isdigit() else schools.first()
    if school is None:
        raise Http404
    return school


def parse_date(value, default: date | None = None) -> date | None:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return default


def safe_next(request, url) -> str:
    """A local URL to go back to after saving, or ""."""
    ok = url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()})
    return url if ok else ""


def can_see_money(request, school) -> bool:
    return policy.can(request.user, "provision.money", school)
