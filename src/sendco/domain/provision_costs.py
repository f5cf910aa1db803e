"""Costing the provision map: what each intervention group costs and who it is costed to.

Pure Python (no Django). A Django app loads rows into the dataclasses here and calls the
functions; nothing in this module touches the database.

Money
-----
All money is :class:`~decimal.Decimal` and is kept unrounded through every calculation
(floats are refused). Round only when showing or exporting a figure, with
:func:`to_pence` (ROUND_HALF_UP, as people round by hand). Rounding each pupil's share
first and adding afterwards makes totals drift by pennies; adding exact shares does not.
:func:`element2_position` and :func:`section_f_shortfall` build report figures and do
round.

Dates
-----
Inclusive at both ends everywhere: a membership with ``left=date(2025, 10, 3)`` includes
3 October; a forecast ``until`` a date includes that date.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sendco.domain.term_dates import SchoolCalendar, expected_session_dates

__all__ = [
    "ELEMENT2_THRESHOLD",
    "PupilId",
    "StaffRate",
    "Schedule",
    "SessionFact",
    "Membership",
    "GroupCostInput",
    "CostRow",
    "to_pence",
    "cost_per_session",
    "group_cost_to_date",
    "allocate_group_costs",
    "forecast_to",
    "forecast_pupil_costs",
    "unrecorded_session_dates",
    "pupil_total",
    "element2_position",
    "summarise",
    "rows_to_withhold",
    "hours_delivered",
    "hours_scheduled",
    "section_f_shortfall",
    "attendance_rate",
    "budget_position",
]

PupilId = Hashable

#: The part of a pupil's additional support the school meets from its notional SEN budget
#: (element 2). Shared README section 7; pass the current figure explicitly where it changes.
ELEMENT2_THRESHOLD = Decimal("6000")

_ZERO = Decimal(0)
_PENNY = Decimal("0.01")
_SIXTY = Decimal(60)
_HUNDRED = Decimal(100)


def _money(value: Any, name: str) -> Decimal:
    """A Decimal from a Decimal, int or numeric string; floats are refused (binary rounding)."""
    if isinstance(value, bool) or isinstance(value, float):
        raise TypeError(f"{name} must be a Decimal, int or string, not {type(value).__name__}")
    try:
        result = value if isinstance(value, Decimal) else Decimal(value)
    except (ArithmeticError, TypeError, ValueError):
        raise TypeError(f"{name} must be a Decimal, int or numeric string, got {value!r}")
    if not result.is_finite():
        raise ValueError(f"{name} must be finite, got {value!r}")
    return result


def _non_negative(value: Any, name: str) -> Decimal:
    result = _money(value, name)
    if result < 0:
        raise ValueError(f"{name} must not be negative, got {value!r}")
    return result


def _minutes(value: Any, name: str = "minutes_per_session") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be a whole number of minutes ≥ 0, got {value!r}")
    return value


def to_pence(amount: Decimal) -> Decimal:
    """Round money to pence, halves away from zero (14.625 → 14.63). Use at the reporting edge only."""
    return _money(amount, "amount").quantize(_PENNY, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class StaffRate:
    """One member of staff's cost to a group: hourly pay and on-costs.

    ``on_cost_pct`` is a percentage (employer National Insurance, pension, apprenticeship
    levy): ``Decimal("28")`` means 28 %. A value between 0 and 1 is refused because it is
    almost certainly a fraction (0.28) typed where a percentage was meant.
    """

    hourly: Decimal
    on_cost_pct: Decimal = _ZERO

    def __post_init__(self) -> None:
        object.__setattr__(self, "hourly", _non_negative(self.hourly, "hourly"))
        pct = _non_negative(self.on_cost_pct, "on_cost_pct")
        if 0 < pct < 1:
            raise ValueError(
                f"on_cost_pct is a percentage (28 for 28 %); {pct} looks like a fraction"
                f" — did you mean {pct * 100}?"
            )
        object.__setattr__(self, "on_cost_pct", pct)

    @property
    def loaded_hourly(self) -> Decimal:
        """Hourly cost including on-costs: hourly × (1 + on_cost_pct / 100)."""
        return self.hourly * (1 + self.on_cost_pct / _HUNDRED)


@dataclass(frozen=True)
class Schedule:
    """When a group is timetabled to meet: weekdays (0 = Monday) between two dates inclusive.

    ``end=None`` means no end date has been set; forecasts then run to their ``until``.
    """

    weekdays: frozenset[int]
    minutes_per_session: int
    start: date
    end: date | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "weekdays", frozenset(self.weekdays))
        _minutes(self.minutes_per_session)
        if self.end is not None and self.end < self.start:
            raise ValueError(f"schedule ends ({self.end}) before it starts ({self.start})")

    def clip(self, start: date, end: date) -> tuple[date, date]:
        """[start, end] narrowed to the schedule's own dates (may come back empty: start > end)."""
        return max(start, self.start), end if self.end is None else min(end, self.end)


@dataclass(frozen=True)
class SessionFact:
    """A timetabled session as recorded: the date, whether it ran, and who came."""

    date: date
    held: bool
    attendees: frozenset[PupilId] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "attendees", frozenset(self.attendees))


@dataclass(frozen=True)
class Membership:
    """A pupil's place in a group from ``joined`` to ``left`` (both inclusive; None = still a member).

    A pupil who left and rejoined has two Membership rows.
    """

    pupil_id: PupilId
    joined: date
    left: date | None = None

    def __post_init__(self) -> None:
        if self.left is not None and self.left < self.joined:
            raise ValueError(f"pupil {self.pupil_id!r} left ({self.left}) before joining ({self.joined})")

    def active_on(self, d: date) -> bool:
        return self.joined <= d and (self.left is None or d <= self.left)


@dataclass(frozen=True)
class GroupCostInput:
    """Everything needed to cost one intervention group.

    Staff who work in several groups appear in each group's ``staff_rates``: their time is
    costed per group, for the minutes they spend in that group. ``staff_take_turns``: the
    staff share the sessions on a rota (one of them a session) instead of all running each
    one together, so a session costs their average rate, not their sum.
    """

    group_id: Hashable
    staff_rates: Sequence[StaffRate]
    minutes_per_session: int
    resource_cost_per_session: Decimal = _ZERO
    one_off_resource_cost: Decimal = _ZERO
    sessions: Sequence[SessionFact] = ()
    staff_take_turns: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "staff_rates", tuple(self.staff_rates))
        object.__setattr__(self, "sessions", tuple(self.sessions))
        _minutes(self.minutes_per_session)
        for name in ("resource_cost_per_session", "one_off_resource_cost"):
            object.__setattr__(self, name, _non_negative(getattr(self, name), name))

    @property
    def cost_per_session(self) -> Decimal:
        return cost_per_session(
            self.staff_rates,
            self.minutes_per_session,
            self.resource_cost_per_session,
            take_turns=self.staff_take_turns,
        )


def cost_per_session(
    staff_rates: Iterable[StaffRate],
    minutes_per_session: int,
    resource_cost_per_session: Decimal = _ZERO,
    *,
    take_turns: bool = False,
) -> Decimal:
    """Σ over staff of loaded hourly × minutes / 60, plus resources per session. Unrounded.

    With ``take_turns`` (a rota: one of the staff runs each session) the staff part is their
    mean loaded hourly × minutes / 60 instead: the expected cost of a session when who runs it
    is not recorded.
    """
    minutes = Decimal(_minutes(minutes_per_session))
    rates = [rate.loaded_hourly for rate in staff_rates]
    hourly = sum(rates, _ZERO)
    if take_turns and rates:
        hourly /= len(rates)
    return hourly * minutes / _SIXTY + _non_negative(resource_cost_per_session, "resource_cost_per_session")


def _charged(session: SessionFact, charge_cancelled: bool) -> bool:
    return session.held or charge_cancelled


def group_cost_to_date(group: GroupCostInput, *, as_of: date, charge_cancelled: bool = False) -> Decimal:
    """What the group has cost up to and including ``as_of``: charged sessions plus the one-off cost.

    This is the school's outlay whether or not anyone was a member, so it can exceed the sum
    of :func:`allocate_group_costs` by the cost of sessions held with nobody on the register.
    """
    n = sum(1 for s in group.sessions if s.date <= as_of and _charged(s, charge_cancelled))
    return group.cost_per_session * n + group.one_off_resource_cost


def _members_on(memberships: Sequence[Membership], d: date) -> frozenset[PupilId]:
    return frozenset(m.pupil_id for m in memberships if m.active_on(d))


def _share_out(
    per_session: Decimal,
    one_off: Decimal,
    session_dates: Iterable[date],
    memberships: Sequence[Membership],
    one_off_pupils: Iterable[PupilId],
) -> dict[PupilId, Decimal]:
    """Split ``per_session`` for each date equally among that date's members, and ``one_off``
    equally among ``one_off_pupils``.

    Sessions are first counted by the set of members present on the register, so each pupil's
    share is per_session × Σ(sessions with k members ÷ k): a handful of exact divisions per
    pupil rather than one rounding per session.
    """
    sessions_by_members: dict[frozenset[PupilId], int] = defaultdict(int)
    for d in session_dates:
        members = _members_on(memberships, d)
        if members:  # nobody to charge: the cost stays with the group (see group_cost_to_date)
            sessions_by_members[members] += 1

    counts: dict[PupilId, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for members, n_sessions in sessions_by_members.items():
        for pupil in members:
            counts[pupil][len(members)] += n_sessions

    result: dict[PupilId, Decimal] = {}
    for m in memberships:
        result.setdefault(m.pupil_id, _ZERO)
    for pupil, by_size in counts.items():
        result[pupil] = sum((per_session * n / size for size, n in by_size.items()), _ZERO)

    one_off_pupils = list(dict.fromkeys(one_off_pupils))
    if one_off and one_off_pupils:
        share = one_off / len(one_off_pupils)
        for pupil in one_off_pupils:
            result[pupil] = result.get(pupil, _ZERO) + share
    return result


def allocate_group_costs(
    group: GroupCostInput,
    memberships: Sequence[Membership],
    *,
    as_of: date,
    charge_cancelled: bool = False,
) -> dict[PupilId, Decimal]:
    """Each pupil's share of the group's cost up to and including ``as_of`` (unrounded).

    * A held session's cost is split equally among the pupils who were **members on that
      date**, whether or not they attended. The group ran, and its staff were paid, for the
      places on it: an absent pupil's place was kept for them and could not be given to
      anyone else, so the provision was made for them. Splitting among attendees instead
      would make a pupil's provision look cheaper the more sessions they miss, and dearer
      for the pupils who do turn up, and would leave a session nobody attended with no one
      to charge.
    * A cancelled session costs nothing, because its staff are redeployed to other work;
      with ``charge_cancelled=True`` (staff paid regardless, e.g. a cancelled 1:1 with a
      contracted specialist) it is charged to that day's members like a held session.
    * The one-off resource cost is split equally across every pupil who has been a member
      at any time up to ``as_of``. A pupil joining later lowers the earlier members' shares.

    Every pupil with a membership that began by ``as_of`` appears in the result, with zero if
    nothing was charged to them. The result can add up to less than
    :func:`group_cost_to_date` when sessions ran with nobody on the register.
    """
    memberships = [m for m in memberships if m.joined <= as_of]
    dates = (s.date for s in group.sessions if s.date <= as_of and _charged(s, charge_cancelled))
    return _share_out(
        group.cost_per_session,
        group.one_off_resource_cost,
        dates,
        memberships,
        (m.pupil_id for m in memberships),
    )


def _future_dates(
    group: GroupCostInput,
    schedule: Schedule,
    calendar: SchoolCalendar,
    memberships: Sequence[Membership],
    *,
    today: date,
    until: date,
    charge_cancelled: bool,
) -> list[date]:
    """Dates after ``today`` up to ``until`` the schedule should still meet and will be charged.

    Drops dates already recorded as cancelled (unless cancelled sessions are charged) and
    dates with nobody on the register, since a group with no members does not run.
    """
    start, end = schedule.clip(today + timedelta(days=1), until)
    expected = expected_session_dates(calendar, weekdays=schedule.weekdays, start=start, end=end)
    cancelled = (
        set() if charge_cancelled else {s.date for s in group.sessions if s.date > today and not s.held}
    )
    return [d for d in expected if d not in cancelled and any(m.active_on(d) for m in memberships)]


def forecast_to(
    group: GroupCostInput,
    schedule: Schedule,
    calendar: SchoolCalendar,
    memberships: Sequence[Membership],
    *,
    today: date,
    until: date,
    charge_cancelled: bool = False,
) -> Decimal:
    """The group's cost by ``until``: cost to date (sessions recorded up to ``today``) plus
    the sessions the schedule should still hold after ``today`` × the cost per session.

    Future sessions are those from :func:`~sendco.domain.term_dates.expected_session_dates`
    within the schedule's dates, less any already recorded as cancelled and any on which no
    pupil is (or is planned to be) a member. Past timetabled sessions that were never
    recorded count as nothing: find them with :func:`unrecorded_session_dates`. Future
    sessions are costed at ``group.minutes_per_session`` (``schedule.minutes_per_session``
    is for hours, not cost).
    """
    future = _future_dates(
        group, schedule, calendar, memberships, today=today, until=until, charge_cancelled=charge_cancelled
    )
    to_date = group_cost_to_date(group, as_of=today, charge_cancelled=charge_cancelled)
    return to_date + group.cost_per_session * len(future)


def forecast_pupil_costs(
    group: GroupCostInput,
    schedule: Schedule,
    calendar: SchoolCalendar,
    memberships: Sequence[Membership],
    *,
    today: date,
    until: date,
    charge_cancelled: bool = False,
) -> dict[PupilId, Decimal]:
    """Each pupil's forecast share by ``until``, allocated as :func:`allocate_group_costs` does.

    Recorded sessions up to ``today`` and expected sessions after it are split among each
    date's members (planned joiners and leavers included); the one-off cost is split across
    everyone who is a member at some point up to ``until``. Use this to see whether a pupil
    will pass the element 2 threshold by the end of the year.
    """
    memberships = [m for m in memberships if m.joined <= until]
    past = (s.date for s in group.sessions if s.date <= today and _charged(s, charge_cancelled))
    future = _future_dates(
        group, schedule, calendar, memberships, today=today, until=until, charge_cancelled=charge_cancelled
    )
    return _share_out(
        group.cost_per_session,
        group.one_off_resource_cost,
        [*past, *future],
        memberships,
        (m.pupil_id for m in memberships),
    )


def unrecorded_session_dates(
    group: GroupCostInput, schedule: Schedule, calendar: SchoolCalendar, *, today: date
) -> list[date]:
    """Timetabled dates up to ``today`` with no session recorded (held or cancelled): registers to chase."""
    start, end = schedule.clip(schedule.start, today)
    recorded = {s.date for s in group.sessions}
    expected = expected_session_dates(calendar, weekdays=schedule.weekdays, start=start, end=end)
    return [d for d in expected if d not in recorded]


def pupil_total(costs_by_group: Mapping[Hashable, Decimal]) -> Decimal:
    """A pupil's total additional provision cost: the sum of their shares across groups (unrounded)."""
    return sum((_money(v, f"cost for group {k!r}") for k, v in costs_by_group.items()), _ZERO)


def element2_position(total: Decimal, threshold: Decimal = ELEMENT2_THRESHOLD) -> dict[str, Any]:
    """A pupil's total against the element 2 threshold, for display.

    The total is rounded to pence first and every other figure is worked from that rounded
    total, so the figures shown agree with each other. The school meets the *first* £6,000,
    so a total of exactly £6,000 has reached but not exceeded it.

    Returns ``total``, ``threshold``, ``remaining`` (headroom, never negative), ``over_by``
    (never negative), ``exceeded`` and ``percent`` of the threshold used (1 dp; None for a
    zero threshold).
    """
    total = to_pence(total)
    threshold = _non_negative(threshold, "threshold")
    percent = None
    if threshold:
        percent = (total * _HUNDRED / threshold).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return {
        "total": total,
        "threshold": threshold,
        "remaining": to_pence(max(threshold - total, _ZERO)),
        "over_by": to_pence(max(total - threshold, _ZERO)),
        "exceeded": total > threshold,
        "percent": percent,
    }


@dataclass(frozen=True)
class CostRow:
    """One pupil's cost in one group, labelled for reports. Any extra labels go in ``extra``."""

    pupil_id: PupilId
    group_id: Hashable
    cost: Decimal
    provision: str | None = None
    need_area: str | None = None
    year_group: int | str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)


def _field(row: Any, name: str) -> Any:
    if isinstance(row, Mapping):
        return row[name]
    if hasattr(row, name):
        return getattr(row, name)
    extra = getattr(row, "extra", None)
    if isinstance(extra, Mapping) and name in extra:
        return extra[name]
    raise KeyError(f"row has no field {name!r}: {row!r}")


def summarise(
    rows: Iterable[CostRow | Mapping[str, Any]],
    key: str | Callable[[Any], Hashable],
    *,
    cost_field: str = "cost",
) -> dict[Hashable, Decimal]:
    """Total cost by ``key`` — e.g. "provision", "need_area", "year_group" — largest first.

    ``rows`` are :class:`CostRow` objects, mappings or any objects with the named
    attributes; ``key`` is a field name or a function of the row. Ties keep the order in
    which keys first appear. Totals are unrounded.
    """
    get_key = key if callable(key) else (lambda row: _field(row, key))
    totals: dict[Hashable, Decimal] = {}
    for row in rows:
        k = get_key(row)
        totals[k] = totals.get(k, _ZERO) + _money(_field(row, cost_field), cost_field)
    return dict(sorted(totals.items(), key=lambda item: -item[1]))


def rows_to_withhold(groups_by_row: Mapping[Hashable, Collection[Hashable]], minimum: int) -> set[Hashable]:
    """The rows of a cost table to withhold from people who may not see pay, so that no figure
    they can see or work out covers fewer than ``minimum`` groups.

    Rows covering fewer groups are withheld; and because the total is shown, the withheld rows
    together must cover at least ``minimum`` groups too (otherwise total − shown rows gives
    them back), so the smallest shown rows are withheld with them until they do. A table with
    nothing to withhold is shown whole.
    """
    hidden = {row for row, groups in groups_by_row.items() if len(groups) < minimum}
    if not hidden:
        return hidden
    shown = sorted(
        (row for row in groups_by_row if row not in hidden), key=lambda r: (len(groups_by_row[r]), str(r))
    )
    covered = set().union(*(groups_by_row[row] for row in hidden))
    while len(covered) < minimum and shown:
        row = shown.pop(0)
        hidden.add(row)
        covered |= set(groups_by_row[row])
    return hidden


def hours_delivered(sessions: Iterable[SessionFact], pupil_id: PupilId, minutes: int) -> Decimal:
    """Hours of provision a pupil actually received: held sessions they attended × minutes / 60."""
    n = sum(1 for s in sessions if s.held and pupil_id in s.attendees)
    return Decimal(n * _minutes(minutes, "minutes")) / _SIXTY


def hours_scheduled(
    schedule: Schedule,
    calendar: SchoolCalendar,
    *,
    start: date | None = None,
    end: date | None = None,
) -> Decimal:
    """Hours the timetable provides from ``start`` to ``end`` (defaults: the schedule's own dates).

    Counts the expected session dates (term time, no closures) × minutes / 60. Pass a pupil's
    joining and leaving dates to get their entitlement.
    """
    end = end if end is not None else schedule.end
    if end is None:
        raise ValueError("an open-ended schedule needs an end date")
    lo, hi = schedule.clip(start if start is not None else schedule.start, end)
    n = len(expected_session_dates(calendar, weekdays=schedule.weekdays, start=lo, end=hi))
    return Decimal(n * schedule.minutes_per_session) / _SIXTY


def section_f_shortfall(
    promised_hours_per_week: Decimal,
    weeks: int,
    scheduled_hours: Decimal,
    delivered_hours: Decimal,
) -> dict[str, Decimal]:
    """Compare an EHC plan's section F hours with what was timetabled and what was delivered.

    ``weeks`` is the number of school weeks in the period (see
    :func:`~sendco.domain.term_dates.school_weeks`). Shortfalls are never negative: delivering
    more than promised is not a negative shortfall. Figures are rounded to 2 dp for display.

    Returns ``promised`` (hours per week × weeks), ``scheduled``, ``delivered``,
    ``shortfall_vs_promised`` (promised − delivered), ``shortfall_vs_scheduled``
    (scheduled − delivered: sessions cancelled or missed) and ``schedule_gap`` (promised −
    scheduled: the timetable itself falls short of the plan).
    """
    if isinstance(weeks, bool) or not isinstance(weeks, int) or weeks < 0:
        raise ValueError(f"weeks must be a whole number ≥ 0, got {weeks!r}")
    promised = _non_negative(promised_hours_per_week, "promised_hours_per_week") * weeks
    scheduled = _non_negative(scheduled_hours, "scheduled_hours")
    delivered = _non_negative(delivered_hours, "delivered_hours")

    def hours(x: Decimal) -> Decimal:
        return x.quantize(_PENNY, rounding=ROUND_HALF_UP)

    return {
        "promised": hours(promised),
        "scheduled": hours(scheduled),
        "delivered": hours(delivered),
        "shortfall_vs_promised": hours(max(promised - delivered, _ZERO)),
        "shortfall_vs_scheduled": hours(max(scheduled - delivered, _ZERO)),
        "schedule_gap": hours(max(promised - scheduled, _ZERO)),
    }


def attendance_rate(sessions: Iterable[SessionFact], membership: Membership) -> float | None:
    """The fraction of held sessions during ``membership`` the pupil attended; None if none were held.

    Cancelled sessions and sessions before they joined or after they left do not count
    against a pupil: they could not have come.
    """
    held = [s for s in sessions if s.held and membership.active_on(s.date)]
    if not held:
        return None
    return sum(1 for s in held if membership.pupil_id in s.attendees) / len(held)


def budget_position(
    *, notional_budget: Decimal, top_ups: Iterable[Decimal], spent: Decimal, forecast: Decimal
) -> dict[str, Decimal | None]:
    """The SEN budget for a financial year against spending, rounded to pence for the report.

    Income is the notional SEN budget plus the top-up (element 3) income for named pupils.
    ``variance`` = income − forecast spend to year end: positive is headroom, negative an
    overspend. ``spent_pct`` is spending to date as a percentage of income (1 dp; None for no
    income).
    """
    budget = _non_negative(notional_budget, "notional_budget")
    top_up = sum((_non_negative(t, "top_up") for t in top_ups), _ZERO)
    income = budget + top_up
    spent = _non_negative(spent, "spent")
    forecast = _non_negative(forecast, "forecast")
    if forecast < spent:
        raise ValueError(f"forecast ({forecast}) cannot be less than spending to date ({spent})")
    pct = (spent * _HUNDRED / income).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) if income else None
    return {
        "notional_budget": to_pence(budget),
        "top_up_income": to_pence(top_up),
        "income": to_pence(income),
        "spent": to_pence(spent),
        "forecast": to_pence(forecast),
        "variance": to_pence(income - forecast),
        "spent_pct": pct,
    }
