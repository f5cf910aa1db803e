"""The provision maps (whole school, one pupil) and the groups a user may open."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from sendco.core.access import policy
from sendco.domain import provision_costs as pc

from ..models import GroupMember, ProvisionGroup, TopUp
from ._base import ZERO, GroupFigures, _cost_row, _totals, academic_year_bounds, cost_groups, running_groups

# --- the whole-school provision map -------------------------------------------------------------


@dataclass
class MapRow:
    figures: GroupFigures
    year_groups: list[int]


def whole_school_map(school, *, today: date | None = None) -> dict:
    """The classic costed provision map for the current academic year: a row per group under
    its need area, with hours, pupils, cost to date and forecast; totals by need area, year
    group and provision (domain.provision_costs.summarise)."""
    today = today or timezone.localdate()
    start, end = academic_year_bounds(today)
    groups = list(running_groups(school, start, end))
    figures = cost_groups(school, groups, start=start, end=end, today=today)
    cost_rows, forecast_rows = [], []
    by_area: dict[str, list] = defaultdict(list)
    for f in figures:
        years = sorted({m.pupil.nc_year for m in f.members})
        by_area[f.group.provision.get_need_area_display()].append(MapRow(f, years))
        year_of = {m.pupil_id: m.pupil.nc_year for m in f.members}
        for pupil_id, cost in f.pupil_cost.items():
            cost_rows.append(_cost_row(f.group, pupil_id, cost, year_of))
        for pupil_id, cost in f.pupil_forecast.items():
            forecast_rows.append(_cost_row(f.group, pupil_id, cost, year_of))
    pupils = {m.pupil_id for f in figures for m in f.members}
    return {
        "start": start,
        "end": end,
        "today": today,
        "areas": dict(by_area),
        "figures": figures,
        "total_cost": sum((f.cost_to_date for f in figures), ZERO),
        "total_forecast": sum((f.forecast for f in figures), ZERO),
        "pupil_count": len(pupils),
        **_totals(cost_rows, forecast_rows),
        "unrecorded": sum(len(f.unrecorded) for f in figures),
        "missing_rates": any(f.missing_rate for f in figures),
    }


# --- one pupil's provision map ------------------------------------------------------------------


def pupil_map(pupil, *, today: date | None = None) -> dict:
    """Everything ``pupil`` receives this academic year: each group with hours, attendance,
    measures, their share of the cost to date and forecast, and the total against the element 2
    threshold."""
    today = today or timezone.localdate()
    start, end = academic_year_bounds(today)
    group_ids = GroupMember.objects.filter(pupil=pupil).values("group_id")
    groups = list(running_groups(pupil.school, start, end).filter(pk__in=group_ids))
    figures = cost_groups(
        pupil.school, groups, start=start, end=end, today=today, with_attendance=True, with_scores=True
    )
    rows = []
    for f in figures:
        mine = [m for m in f.members if m.pupil_id == pupil.pk]
        attendance = [f.attendance.get(m.pk) for m in mine]
        attendance = [a for a in attendance if a is not None]
        rows.append(
            {
                "figures": f,
                "group": f.group,
                "places": mine,
                "scores": f.scores_of(mine[-1]),  # the latest place's, as the exports show
                "hours_per_week": f.hours_per_week,
                "attendance": sum(attendance) / len(attendance) if attendance else None,
                "cost": f.pupil_cost.get(pupil.pk, ZERO),
                "forecast": f.pupil_forecast.get(pupil.pk, ZERO),
            }
        )
    total = pc.pupil_total({r["group"].pk: r["cost"] for r in rows})
    forecast = pc.pupil_total({r["group"].pk: r["forecast"] for r in rows})
    return {
        "start": start,
        "end": end,
        "rows": rows,
        "hours_per_week": sum((r["hours_per_week"] for r in rows if r["places"][-1].left is None), ZERO),
        "total": total,
        "forecast": forecast,
        "element2": pc.element2_position(total),
        "element2_forecast": pc.element2_position(forecast),
        "top_ups": list(TopUp.objects.filter(pupil=pupil).order_by("-financial_year")),
    }


def groups_for(user, school):
    """Groups of ``school`` the user may open: all for managers, their own for group staff."""
    qs = ProvisionGroup.objects.filter(school=school).select_related("provision")
    if not policy.can(user, "provision.manage", school):
        qs = qs.filter(staff_links__user=user)
    return qs.annotate(
        n_members=Count(
            "members", filter=Q(members__left__isnull=True) | Q(members__left__gte=timezone.localdate())
        )
    ).order_by("-end_date", "name")
