"""One group's scores and the impact report built from them."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.utils import timezone

from sendco.domain import impact
from sendco.domain import term_dates as td

from ..models import MEASURE_KIND_CHOICES, GroupMember, Measure, ProvisionGroup, Score
from ._base import ZERO, academic_year_bounds, cost_groups, running_groups

# --- one group's scores ------------------------------------------------------------------------


def group_scores(group: ProvisionGroup) -> dict:
    """The scores page: a row per place with a cell per measure, and a chart per measure (each
    measure has its own units). Three queries."""
    in_school = {"school_id": group.school_id}
    measures = list(Measure.objects.filter(**in_school, group=group).order_by("position"))
    members = list(
        GroupMember.objects.filter(**in_school, group=group)
        .select_related("pupil")
        .order_by("pupil__legal_surname", "pupil__legal_forename", "joined")
    )
    scores = {
        (s.place_id, s.measure_id): s
        for s in Score.objects.filter(**in_school, measure__in=[m.pk for m in measures]).order_by()
    }
    return {
        "measures": measures,
        "colspan": 2 * len(measures) + 2,  # pupil, entry and exit per measure, action
        "rows": [{"member": m, "cells": [scores.get((m.pk, ms.pk)) for ms in measures]} for m in members],
        "charts": [
            {
                "measure": ms,
                "points": [
                    (m.pupil.full_name, s.entry_value, s.exit_value)
                    for m in members
                    if (s := scores.get((m.pk, ms.pk)))
                ],
            }
            for ms in measures
        ],
    }


# --- impact -----------------------------------------------------------------------------------


def _months(a: date | None, b: date | None) -> float | None:
    if a is None or b is None or b < a:
        return None
    return (b - a).days / (365.25 / 12)


def impact_report(school, *, years: int = 3, today: date | None = None) -> dict:
    """Impact summaries (domain.impact.summary) per provision and measure (kind and name: groups
    of one provision that track the same measure are pooled), per academic year,
    for the last ``years`` years: progress with a CI, proportion making expected progress,
    effect size, attendance, cost per unit of progress, flags."""
    today = today or timezone.localdate()
    first_year = td.academic_year_of(today) - years + 1
    start, end = date(first_year, 9, 1), academic_year_bounds(today)[1]
    groups = list(running_groups(school, start, end))
    figures = cost_groups(
        school, groups, start=start, end=end, today=today,
        with_attendance=True, with_forecast=False, with_scores=True,
    )  # fmt: skip
    buckets: dict[tuple, list[impact.ImpactRow]] = defaultdict(list)
    for f in figures:
        g = f.group
        year = td.academic_year_of(g.start_date)
        for m in f.members:
            for measure, score in f.scores_of(m):
                buckets[(g.provision.name, measure.kind, measure.name, year)].append(
                    impact.ImpactRow(
                        pupil_id=m.pupil_id,
                        kind=measure.kind,
                        entry=score.entry_value if score else None,
                        exit=score.exit_value if score else None,
                        months_elapsed=_months(score.entry_on, score.exit_on) if score else None,
                        attendance_rate=f.attendance.get(m.pk),
                        cost=f.pupil_cost.get(m.pupil_id, ZERO),
                        expected_gain=measure.expected_gain,
                    )
                )
    rows = []
    for (name, kind, measure, year), impact_rows in sorted(
        buckets.items(), key=lambda kv: (kv[0][0], -kv[0][3])
    ):
        s = impact.summary(impact_rows)
        rows.append({"provision": name, "kind": kind, "measure": measure, "year": year, "summary": s})
    return {
        "rows": rows,
        "first_year": first_year,
        "last_year": td.academic_year_of(today),
        "charts": _progress_charts(rows),
    }


def _progress_charts(rows: list[dict]) -> list[dict]:
    """Mean progress bars, one chart per kind of measure: a reading age gain in months and a
    standardised score gain are different units, so they never share a scale."""
    labels = dict(MEASURE_KIND_CHOICES)
    charts = []
    for kind, label in labels.items():
        scored = [r for r in rows if r["kind"] == kind and r["summary"].mean_progress is not None]
        if scored:
            top = max(abs(r["summary"].mean_progress) for r in scored)
            charts.append({"label": label, "rows": scored, "max": top})
    return charts
