"""The budget report and the term-dates fingerprint the terms page saves against."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from hashlib import sha256

from django.utils import timezone

from sendco.domain import provision_costs as pc
from sendco.domain import term_dates as td

from ..models import Budget, Closure, Term, TopUp
from ._base import ZERO, _cost_row, _totals, cost_groups, running_groups

# --- budget -----------------------------------------------------------------------------------


def budget_report(school, financial_year: int, *, today: date | None = None) -> dict:
    """Spending on provision in the school's financial year (April–March, or September–August
    for an academy) against the notional SEN budget and top-ups."""
    today = today or timezone.localdate()
    start, end = td.financial_year_bounds(financial_year, school.financial_year_start)
    groups = list(running_groups(school, start, end))
    figures = cost_groups(school, groups, start=start, end=end, today=today)
    budget = Budget.objects.filter(school=school, financial_year=financial_year).first()
    top_ups = list(TopUp.objects.filter(school=school, financial_year=financial_year).select_related("pupil"))
    spent = sum((f.cost_to_date for f in figures), ZERO)
    forecast = max(sum((f.forecast for f in figures), ZERO), spent)
    position = pc.budget_position(
        notional_budget=budget.notional_sen_budget if budget else ZERO,
        top_ups=[t.amount for t in top_ups],
        spent=spent,
        forecast=forecast,
    )
    rows, rows_to_date = [], []
    groups_by = {"need_area": defaultdict(set), "year_group": defaultdict(set)}
    for f in figures:
        year_of = {m.pupil_id: m.pupil.nc_year for m in f.members}
        for pupil_id, cost in f.pupil_forecast.items():
            row = _cost_row(f.group, pupil_id, cost, year_of)
            rows.append(row)
            groups_by["need_area"][row.need_area].add(f.group.pk)
            groups_by["year_group"][row.year_group].add(f.group.pk)
        rows_to_date += [_cost_row(f.group, p, cost, year_of) for p, cost in f.pupil_cost.items()]
    costed = sum(1 for f in figures if f.forecast)
    return {
        "groups_costed": costed,
        "groups_by_need_area": dict(groups_by["need_area"]),  # row -> ids of the groups it covers
        "groups_by_year_group": dict(groups_by["year_group"]),
        "financial_year": financial_year,
        "start": start,
        "end": end,
        "budget": budget,
        "top_ups": top_ups,
        "position": position,
        **_totals(rows_to_date, rows),
    }


def calendar_fingerprint(school, academic_year: int) -> str:
    """A short token over a year's saved term dates and closures. The terms page carries it in
    a hidden input and services.set_calendar refuses a save made from an older one, so two
    people replacing the same year cannot silently overwrite each other."""
    terms = Term.objects.filter(school=school, academic_year=academic_year).order_by("start")
    closures = Closure.objects.filter(school=school, academic_year=academic_year).order_by("date")
    rows = [*terms.values_list("name", "start", "end"), *closures.values_list("date", "reason")]
    return sha256(repr(rows).encode()).hexdigest()[:16]
