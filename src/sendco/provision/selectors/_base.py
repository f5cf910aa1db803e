"""What every provision read builds on: the school's calendar and staff rates, academic and
financial periods, and cost_groups (a set of groups costed over a period in a fixed number of
queries), with the row and total helpers the maps and the budget share."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone

from sendco.accounts.models import Membership as StaffMembership
from sendco.domain import provision_costs as pc
from sendco.domain import term_dates as td

from ..models import (
    Attendance,
    Closure,
    GroupMember,
    GroupStaff,
    Measure,
    ProvisionGroup,
    Score,
    Session,
    StaffRate,
    Term,
)

ZERO = Decimal(0)


# --- calendar and rates ---------------------------------------------------------------------


@dataclass
class CalendarInfo:
    calendar: td.SchoolCalendar
    defaulted_years: list[int]  # academic years with no term dates entered: the default was used


def calendar_for(school, start: date, end: date) -> CalendarInfo:
    """The school's calendar for every academic year touching [start, end]; a year with no
    terms entered falls back to domain.term_dates.default_calendar (and is reported)."""
    years = range(td.academic_year_of(start), td.academic_year_of(end) + 1)
    terms = list(Term.objects.filter(school=school, academic_year__in=years))
    closures = set(
        Closure.objects.filter(school=school, academic_year__in=years).values_list("date", flat=True)
    )
    entered = {t.academic_year for t in terms}
    domain_terms = [td.Term(t.name, t.start, t.end) for t in terms]
    defaulted = [y for y in years if y not in entered]
    for year in defaulted:
        fallback = td.default_calendar(year)
        domain_terms += list(fallback.terms)
        closures |= fallback.closures
    return CalendarInfo(td.SchoolCalendar(terms=tuple(domain_terms), closures=frozenset(closures)), defaulted)


def staff_rates(school) -> tuple[dict[int, pc.StaffRate], set[int]]:
    """Each staff member's loaded rate at ``school`` (their own rate, else their grade's) and
    the ids of staff with neither (costed at £0 and flagged to the SENCO)."""
    rows = list(StaffRate.objects.filter(school=school))
    by_user = {r.user_id: pc.StaffRate(r.hourly, r.on_cost_pct) for r in rows if r.user_id}
    by_grade = {r.staff_grade: pc.StaffRate(r.hourly, r.on_cost_pct) for r in rows if not r.user_id}
    grades = dict(
        StaffMembership.objects.filter(school=school, active=True)
        .exclude(staff_grade="")
        .values_list("user_id", "staff_grade")
    )
    rates: dict[int, pc.StaffRate] = {}
    for user_id, grade in grades.items():
        if grade in by_grade:
            rates[user_id] = by_grade[grade]
    rates.update(by_user)
    staff_ids = set(GroupStaff.objects.filter(school=school).values_list("user_id", flat=True))
    return rates, staff_ids - set(rates)


# --- academic and financial periods ------------------------------------------------------------


def academic_year_bounds(d: date) -> tuple[date, date]:
    y = td.academic_year_of(d)
    return date(y, 9, 1), date(y + 1, 8, 31)


def financial_year_of(school, d: date) -> int:
    """The school's financial year containing ``d`` (April–March, or September–August for an academy)."""
    return td.financial_year_of(d, school.financial_year_start)


# --- costing a set of groups --------------------------------------------------------------------


@dataclass
class GroupFigures:
    group: ProvisionGroup
    members: list[GroupMember]
    sessions: list[pc.SessionFact]
    cost_per_session: Decimal
    cost_to_date: Decimal
    forecast: Decimal
    pupil_cost: dict[int, Decimal]  # pupil id -> share to date
    pupil_forecast: dict[int, Decimal]
    expected_to_date: int
    held: int
    cancelled: int
    unrecorded: list[date]
    hours_per_week: Decimal
    missing_rate: bool = False
    staff_ids: list[int] = field(default_factory=list)
    attendance: dict[int, float | None] = field(default_factory=dict)
    measures: list[Measure] = field(default_factory=list)
    scores: dict[tuple[int, int], Score] = field(default_factory=dict)  # (place id, measure id) -> score

    def scores_of(self, place: GroupMember) -> list[tuple[Measure, Score | None]]:
        """Each of the group's measures with the place's score on it (None: nothing recorded)."""
        return [(m, self.scores.get((place.pk, m.pk))) for m in self.measures]

    @property
    def current_members(self) -> list[GroupMember]:
        today = timezone.localdate()
        return [m for m in self.members if m.joined <= today and (m.left is None or m.left >= today)]


def _schedule(group: ProvisionGroup) -> pc.Schedule:
    return pc.Schedule(
        weekdays=frozenset(group.weekday_list),
        minutes_per_session=group.minutes_per_session,
        start=group.start_date,
        end=group.end_date,
    )


def cost_groups(
    school,
    groups: list[ProvisionGroup],
    *,
    start: date,
    end: date,
    today: date | None = None,
    with_attendance: bool = False,
    with_forecast: bool = True,
    with_scores: bool = False,
) -> list[GroupFigures]:
    """Cost ``groups`` over [start, end]: sessions recorded from ``start`` to ``today`` and the
    timetable from ``today`` to ``end``. Six queries whatever the number of groups (two more
    ``with_scores``: the groups' measures and the places' scores on them).

    Every query is filtered by school as well as by group: PostgreSQL then reads the school's
    rows by index instead of scanning the whole trust's attendance (50 ms → 5 ms on the trust
    dataset). ``with_forecast=False`` skips the timetable (forecasts and missed registers are
    left empty) for reports about the past such as impact."""
    today = today or timezone.localdate()
    as_of = min(today, end)
    ids = [g.pk for g in groups]
    cal = calendar_for(school, start, end).calendar if with_forecast else None
    rates, missing = staff_rates(school)
    staff = defaultdict(list)
    in_school = {"school_id": school.pk}
    staff_links = GroupStaff.objects.filter(**in_school, group_id__in=ids)
    for group_id, user_id in staff_links.values_list("group_id", "user_id"):
        staff[group_id].append(user_id)
    members = defaultdict(list)
    for m in GroupMember.objects.filter(**in_school, group_id__in=ids).select_related("pupil"):
        members[m.group_id].append(m)
    sessions = defaultdict(list)
    session_rows = Session.objects.filter(**in_school, group_id__in=ids, date__gte=start, date__lte=end)
    attendees = defaultdict(set)
    if with_attendance:
        present = Attendance.objects.filter(**in_school, session__in=session_rows, present=True)
        for session_id, pupil_id in present.values_list("session_id", "pupil_id"):
            attendees[session_id].add(pupil_id)
    for pk, group_id, day, held in session_rows.values_list("pk", "group_id", "date", "held"):
        sessions[group_id].append(pc.SessionFact(day, held, frozenset(attendees.get(pk, ()))))
    measures, scores = defaultdict(list), {}
    if with_scores:
        for measure in Measure.objects.filter(**in_school, group_id__in=ids).order_by("group_id", "position"):
            measures[measure.group_id].append(measure)
        measure_ids = [m.pk for group_measures in measures.values() for m in group_measures]
        for score in Score.objects.filter(**in_school, measure_id__in=measure_ids).order_by():
            scores[(score.place_id, score.measure_id)] = score

    out = []
    for g in groups:
        one_off = g.one_off_resource_cost if start <= g.start_date <= end else ZERO
        cost_input = pc.GroupCostInput(
            g.pk,
            [rates.get(u, pc.StaffRate(ZERO)) for u in staff[g.pk]],
            g.minutes_per_session,
            g.resource_cost_per_session,
            one_off,
            sessions[g.pk],
            staff_take_turns=g.staff_take_turns,
        )
        memberships = [pc.Membership(m.pupil_id, m.joined, m.left) for m in members[g.pk]]
        schedule = _schedule(g)
        figures = GroupFigures(
            group=g,
            members=members[g.pk],
            sessions=sessions[g.pk],
            cost_per_session=cost_input.cost_per_session,
            cost_to_date=pc.group_cost_to_date(cost_input, as_of=as_of, charge_cancelled=g.charge_cancelled),
            forecast=ZERO,
            pupil_cost=pc.allocate_group_costs(
                cost_input, memberships, as_of=as_of, charge_cancelled=g.charge_cancelled
            ),
            pupil_forecast={},
            expected_to_date=0,
            held=sum(1 for s in sessions[g.pk] if s.held),
            cancelled=sum(1 for s in sessions[g.pk] if not s.held),
            unrecorded=[],
            hours_per_week=Decimal(len(schedule.weekdays) * g.minutes_per_session) / 60,
            missing_rate=any(u in missing for u in staff[g.pk]) or not staff[g.pk],
            staff_ids=staff[g.pk],
            measures=measures[g.pk],
            scores=scores,
        )
        if with_forecast:
            kwargs = {"today": as_of, "until": end, "charge_cancelled": g.charge_cancelled}
            expected = td.expected_session_dates(
                cal, weekdays=schedule.weekdays, start=max(start, g.start_date), end=min(as_of, g.end_date)
            )
            recorded = {s.date for s in sessions[g.pk]}
            figures.forecast = pc.forecast_to(cost_input, schedule, cal, memberships, **kwargs)
            figures.pupil_forecast = pc.forecast_pupil_costs(cost_input, schedule, cal, memberships, **kwargs)
            figures.expected_to_date = len(expected)
            figures.unrecorded = [d for d in expected if d not in recorded]
        if with_attendance:
            figures.attendance = {
                m.pk: pc.attendance_rate(sessions[g.pk], pc.Membership(m.pupil_id, m.joined, m.left))
                for m in members[g.pk]
            }
        out.append(figures)
    return out


def is_timetabled(group: ProvisionGroup, day: date) -> bool:
    """Whether ``group`` should meet on ``day``: one of its weekdays, in term, not a closure."""
    cal = calendar_for(group.school, day, day).calendar
    return bool(td.expected_session_dates(cal, weekdays=group.weekday_list, start=day, end=day))


def running_groups(school, start: date, end: date):
    """Groups of ``school`` that meet at some point in [start, end]."""
    return (
        ProvisionGroup.objects.filter(school=school, start_date__lte=end, end_date__gte=start)
        .select_related("provision")
        .order_by("provision__need_area", "provision__name", "name")
    )


def _cost_row(group, pupil_id, cost, year_of) -> pc.CostRow:
    return pc.CostRow(
        pupil_id,
        group.pk,
        cost,
        provision=group.provision.name,
        need_area=group.provision.get_need_area_display(),
        year_group=year_of.get(pupil_id),
    )


def _totals(to_date: list[pc.CostRow], forecast: list[pc.CostRow]) -> dict:
    """Cost to date and forecast by need area and by year group, each dict with the same keys
    (a group that has not started yet has a forecast and nothing to date)."""
    out = {}
    for key in ("need_area", "year_group"):
        done, ahead = pc.summarise(to_date, key), pc.summarise(forecast, key)
        keys = list(dict.fromkeys([*ahead, *done]))
        done = {k: done.get(k, ZERO) for k in keys}
        ahead = {k: ahead.get(k, ZERO) for k in keys}
        if key == "year_group":
            done, ahead = _sorted_years(done), _sorted_years(ahead)
        out[f"by_{key}"], out[f"forecast_by_{key}"] = done, ahead
    return out


def _sorted_years(totals: dict) -> dict:
    return dict(sorted(totals.items(), key=lambda kv: (kv[0] is None, kv[0] if kv[0] is not None else 0)))
