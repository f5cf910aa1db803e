"""Reads over registers: section F delivery against the plan, and the staff member's week."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from sendco.core.access import policy
from sendco.domain import provision_costs as pc
from sendco.domain import term_dates as td

from ..models import ProvisionGroup, Session
from ._base import ZERO, _schedule, academic_year_bounds, calendar_for, cost_groups, running_groups

# --- EHC plan section F: promised vs scheduled vs delivered ---------------------------------------


def section_f_report(school, *, today: date | None = None) -> list[dict]:
    """Every section F place this academic year with its shortfall, up to the end of yesterday
    (today's registers may not be taken yet, and would show as a shortfall); shortfalls first."""
    today = today or timezone.localdate()
    last_day = today - timedelta(days=1)
    start, end = academic_year_bounds(today)
    groups = list(running_groups(school, start, end).filter(is_section_f=True))
    figures = cost_groups(school, groups, start=start, end=end, today=today, with_attendance=True)
    cal = calendar_for(school, start, end).calendar
    out = []
    for f in figures:
        g = f.group
        for m in f.members:
            lo = max(start, g.start_date, m.joined)
            hi = min(last_day, g.end_date, m.left or last_day)
            if lo > hi:
                continue
            sessions = [s for s in f.sessions if lo <= s.date <= hi]
            result = pc.section_f_shortfall(
                g.promised_hours_per_week or ZERO,
                td.school_weeks(cal, lo, hi),
                pc.hours_scheduled(_schedule(g), cal, start=lo, end=hi),
                pc.hours_delivered(sessions, m.pupil_id, g.minutes_per_session),
            )
            out.append({"group": g, "member": m, "pupil": m.pupil, "from": lo, "to": hi, **result})
    out.sort(key=lambda r: (-r["shortfall_vs_promised"], r["pupil"].legal_surname))
    return out


# --- staff view -------------------------------------------------------------------------------


def week_of(today: date) -> tuple[date, date]:
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=6)


def my_groups_this_week(user, *, today: date | None = None) -> list[dict]:
    """The groups ``user`` runs that meet this week, with each day's register status. Three
    queries (groups, sessions, calendar per school is cached per call)."""
    today = today or timezone.localdate()
    monday, sunday = week_of(today)
    groups = list(
        ProvisionGroup.objects.filter(staff_links__user=user, start_date__lte=sunday, end_date__gte=monday)
        .select_related("provision", "school")
        .annotate(
            n_members=Count("members", filter=Q(members__left__isnull=True) | Q(members__left__gte=today))
        )
        .order_by("start_time", "name")
    )
    recorded = set(
        Session.objects.filter(group__in=groups, date__range=(monday, sunday)).values_list("group_id", "date")
    )
    calendars = {}
    out = []
    for g in groups:
        if g.school_id not in calendars:
            calendars[g.school_id] = calendar_for(g.school, monday, sunday).calendar
        days = td.expected_session_dates(
            calendars[g.school_id],
            weekdays=g.weekday_list,
            start=max(monday, g.start_date),
            end=min(sunday, g.end_date),
        )
        if days:
            out.append({"group": g, "days": [{"date": d, "recorded": (g.pk, d) in recorded} for d in days]})
    return out


def home_panel(user) -> dict | None:
    if not policy.roles(user).by_school:
        return None
    groups = my_groups_this_week(user)
    if not groups:
        return None
    return {"groups": groups, "today": timezone.localdate()}
