"""Worked examples for sendco.domain.provision_costs, with the arithmetic done by hand in comments."""

from datetime import date
from decimal import Decimal as D

import pytest

from sendco.domain.provision_costs import (
    CostRow,
    GroupCostInput,
    Membership,
    Schedule,
    SessionFact,
    StaffRate,
    allocate_group_costs,
    cost_per_session,
    element2_position,
    forecast_pupil_costs,
    forecast_to,
    group_cost_to_date,
    hours_delivered,
    hours_scheduled,
    pupil_total,
    section_f_shortfall,
    summarise,
    to_pence,
    unrecorded_session_dates,
)
from sendco.domain.term_dates import SchoolCalendar, Term, school_weeks

MON, TUE, WED, THU, FRI = 0, 1, 2, 3, 4

CAL = SchoolCalendar(
    terms=(
        Term("Autumn 1", date(2025, 9, 3), date(2025, 10, 24)),  # Wed – Fri
        Term("Autumn 2", date(2025, 11, 3), date(2025, 12, 19)),
        Term("Summer 1", date(2026, 4, 20), date(2026, 5, 22)),  # Mon – Fri
        Term("Summer 2", date(2026, 6, 1), date(2026, 7, 21)),  # Mon – Tue
    ),
    closures=frozenset({date(2025, 10, 13), date(2026, 5, 4)}),  # INSET Mon; early May bank holiday
)


# --- rates and cost per session ------------------------------------------------------------


def test_loaded_hourly_rate_adds_on_costs():
    # £14.00 + 25 % on-costs = £17.50
    assert StaffRate(D("14.00"), D("25")).loaded_hourly == D("17.50")
    # £23.10 + 28.5 % = 23.10 × 1.285 = 29.68350
    assert StaffRate(D("23.10"), D("28.5")).loaded_hourly == D("29.68350")


def test_cost_per_session_is_exact_and_rounds_half_up_only_when_reported():
    # TA £14.00 + 25 % = £17.50/h × 45/60 h = £13.125, plus £1.50 resources = £14.625.
    cps = cost_per_session([StaffRate(D("14.00"), D("25"))], 45, D("1.50"))
    assert cps == D("14.625")
    assert to_pence(cps) == D("14.63")  # ROUND_HALF_UP; banker's rounding would give 14.62


def test_cost_per_session_with_two_staff():
    # Teacher £32 + 25 % = £40/h; TA £15 + 20 % = £18/h; 30 minutes: (40 + 18) / 2 = £29.
    assert cost_per_session([StaffRate(D(32), D(25)), StaffRate(D(15), D(20))], 30) == D("29")


def test_money_must_not_be_float_and_on_costs_are_percentages():
    with pytest.raises(TypeError):
        StaffRate(14.0, D(25))
    with pytest.raises(ValueError, match="percentage"):
        StaffRate(D(14), D("0.25"))
    with pytest.raises(ValueError):
        StaffRate(D(-1), D(25))
    with pytest.raises(ValueError):
        Membership("A", date(2025, 10, 1), left=date(2025, 9, 1))


# --- allocation: late joiner, early leaver, absences, cancellation -------------------------

# TA £16/h + 25 % = £20/h × 60 min = £20, plus £4 resources = £24 per session; £60 one-off (books).
READING = GroupCostInput(
    group_id="reading",
    staff_rates=[StaffRate(D(16), D(25))],
    minutes_per_session=60,
    resource_cost_per_session=D(4),
    one_off_resource_cost=D(60),
    sessions=[
        SessionFact(date(2025, 9, 8), True, frozenset({"A", "B", "C"})),
        SessionFact(date(2025, 9, 15), True, frozenset({"A", "B"})),  # C absent
        SessionFact(date(2025, 9, 22), False),  # cancelled: TA covering a class
        SessionFact(date(2025, 9, 29), True, frozenset({"A", "B", "C", "D"})),
        SessionFact(date(2025, 10, 6), True, frozenset({"A", "C", "D"})),
        SessionFact(date(2025, 10, 20), True, frozenset({"A", "D"})),  # C absent
    ],
)
MEMBERS = [
    Membership("A", date(2025, 9, 1)),
    Membership("B", date(2025, 9, 1), left=date(2025, 10, 3)),  # left early
    Membership("C", date(2025, 9, 1)),
    Membership("D", date(2025, 9, 29)),  # joined late
]


def test_group_cost_per_session():
    assert READING.cost_per_session == D(24)


def test_allocation_splits_among_members_not_attendees():
    # Members on each held session's date (absent members still hold a place):
    #   8 Sep  A B C    £24 / 3 = £8 each
    #  15 Sep  A B C    £8 each (C absent but still a member)
    #  22 Sep  cancelled: nothing
    #  29 Sep  A B C D  £24 / 4 = £6 each (D's first day)
    #   6 Oct  A C D    £8 each (B left on 3 Oct)
    #  20 Oct  A C D    £8 each (C absent)
    # Sessions: A 8+8+6+8+8 = 38; B 8+8+6 = 22; C 38; D 6+8+8 = 22 (total 120 = 5 × 24).
    # One-off £60 over the 4 pupils who were ever members: £15 each.
    costs = allocate_group_costs(READING, MEMBERS, as_of=date(2025, 10, 31))
    assert costs == {"A": D(53), "B": D(37), "C": D(53), "D": D(37)}
    assert sum(costs.values()) == group_cost_to_date(READING, as_of=date(2025, 10, 31)) == D(180)


def test_allocation_charging_cancelled_sessions():
    # 22 Sep members A B C: +£8 each. A 61, B 45, C 61, D 37 (total 204 = 6 × 24 + 60).
    costs = allocate_group_costs(READING, MEMBERS, as_of=date(2025, 10, 31), charge_cancelled=True)
    assert costs == {"A": D(61), "B": D(45), "C": D(61), "D": D(37)}
    assert group_cost_to_date(READING, as_of=date(2025, 10, 31), charge_cancelled=True) == D(204)


def test_allocation_as_of_part_way_through():
    # To 30 Sep: sessions 8, 15, 29 Sep. A, B, C: 8 + 8 + 6 = 22; D: 6.
    # One-off £60 / 4 = 15. A 37, B 37, C 37, D 21 (total 132 = 3 × 24 + 60).
    assert allocate_group_costs(READING, MEMBERS, as_of=date(2025, 9, 30)) == {
        "A": D(37),
        "B": D(37),
        "C": D(37),
        "D": D(21),
    }
    # To 20 Sep: D has not joined, so the one-off is £60 / 3 = £20; sessions 8 + 8 = 16. Each £36.
    assert allocate_group_costs(READING, MEMBERS, as_of=date(2025, 9, 20)) == {
        "A": D(36),
        "B": D(36),
        "C": D(36),
    }


def test_allocation_in_thirds_adds_back_to_the_penny():
    # £10 session shared by 3: £3.333… each; shown as £3.33, but the exact shares add to £10.00.
    group = GroupCostInput(
        "g", [StaffRate(D(10), D(0))], 60, sessions=[SessionFact(date(2025, 9, 8), True, frozenset("XYZ"))]
    )
    members = [Membership(p, date(2025, 9, 1)) for p in "XYZ"]
    costs = allocate_group_costs(group, members, as_of=date(2025, 9, 30))
    assert {p: to_pence(c) for p, c in costs.items()} == {"X": D("3.33"), "Y": D("3.33"), "Z": D("3.33")}
    assert to_pence(sum(costs.values())) == D("10.00")


def test_session_with_nobody_on_the_register_stays_with_the_group():
    # A held session on 1 Sep, before anyone joined: £24 the school spent but cannot charge to a pupil.
    group = GroupCostInput(
        "g",
        [StaffRate(D(16), D(25))],
        60,
        D(4),
        sessions=[SessionFact(date(2025, 9, 1), True), SessionFact(date(2025, 9, 8), True, frozenset("A"))],
    )
    members = [Membership("A", date(2025, 9, 8))]
    assert allocate_group_costs(group, members, as_of=date(2025, 9, 30)) == {"A": D(24)}
    assert group_cost_to_date(group, as_of=date(2025, 9, 30)) == D(48)


def test_rejoining_pupil_is_charged_only_while_a_member_and_once_for_the_one_off():
    # £24/session, £60 one-off. P is a member 1–10 Sep and again from 20 Sep; Q throughout.
    group = GroupCostInput(
        "g",
        [StaffRate(D(16), D(25))],
        60,
        D(4),
        D(60),
        sessions=[SessionFact(date(2025, 9, d), True) for d in (8, 15, 22)],
    )
    members = [
        Membership("P", date(2025, 9, 1), left=date(2025, 9, 10)),
        Membership("P", date(2025, 9, 20)),
        Membership("Q", date(2025, 9, 1)),
    ]
    # 8 Sep: P Q → 12 each; 15 Sep: Q alone → 24; 22 Sep: P Q → 12 each. One-off 60 / 2 = 30 each.
    # P = 12 + 12 + 30 = 54; Q = 12 + 24 + 12 + 30 = 78.
    assert allocate_group_costs(group, members, as_of=date(2025, 9, 30)) == {"P": D(54), "Q": D(78)}


# --- staff shared across groups -------------------------------------------------------------


def test_staff_member_shared_across_two_groups():
    jo = StaffRate(D(15), D(20))  # TA in both groups: £18/h loaded
    sam = StaffRate(D(32), D(25))  # teacher in group X only: £40/h loaded
    x = GroupCostInput(  # 30 min with Jo and Sam: 9 + 20 = £29 per session
        "X",
        [jo, sam],
        30,
        sessions=[SessionFact(date(2025, 9, d), True) for d in (8, 15, 22, 29)],
    )
    y = GroupCostInput(  # 60 min with Jo: 18 + £2 resources = £20 per session
        "Y",
        [jo],
        60,
        D(2),
        sessions=[SessionFact(date(2025, 9, d), True) for d in (9, 16, 23)],
    )
    x_members = [Membership(p, date(2025, 9, 1)) for p in ("P", "R")]
    y_members = [Membership(p, date(2025, 9, 1)) for p in ("P", "S", "T", "U")]
    as_of = date(2025, 9, 30)

    px = allocate_group_costs(x, x_members, as_of=as_of)["P"]  # 4 × 29 / 2 = 58
    py = allocate_group_costs(y, y_members, as_of=as_of)["P"]  # 3 × 20 / 4 = 15
    assert (px, py) == (D(58), D(15))
    assert pupil_total({"X": px, "Y": py}) == D(73)
    # Jo's time is costed once per group, for the hours spent in each: 4 × ½ h + 3 × 1 h = 5 h × £18 = £90.
    assert cost_per_session([jo], 30) * 4 + cost_per_session([jo], 60) * 3 == D(90)


# --- forecast --------------------------------------------------------------------------------

# Tue/Thu 30-minute group from 20 Apr 2026: TA £15 + 20 % = £18/h × ½ h = £9 + £1 resources = £10.
SCHEDULE = Schedule(weekdays=frozenset({TUE, THU}), minutes_per_session=30, start=date(2026, 4, 20))
TODAY = date(2026, 4, 30)
YEAR_END = date(2026, 7, 21)
PAST_SESSIONS = [
    SessionFact(date(2026, 4, 21), True, frozenset({"A", "B"})),
    SessionFact(date(2026, 4, 23), True, frozenset({"A"})),
    SessionFact(date(2026, 4, 28), False),
    SessionFact(date(2026, 4, 30), True, frozenset({"A", "B"})),
]


def spelling(sessions=PAST_SESSIONS):
    return GroupCostInput("spelling", [StaffRate(D(15), D(20))], 30, D(1), D(20), sessions)


FORECAST_MEMBERS = [
    Membership("A", date(2026, 4, 20)),
    Membership("B", date(2026, 4, 20), left=date(2026, 5, 22)),
]


def test_forecast_to_year_end():
    # To date: 3 held sessions × £10 + £20 one-off = £50.
    # Still to come after Thu 30 Apr:
    #   Summer 1 (to 22 May): Tue/Thu 5, 7, 12, 14, 19, 21 May = 6
    #   Summer 2 (1 Jun – 21 Jul): Tue 2, 9, 16, 23, 30 Jun, 7, 14, 21 Jul = 8; Thu 4, 11, 18, 25 Jun,
    #   2, 9, 16 Jul = 7
    # 21 sessions × £10 = £210. Forecast £260.
    assert forecast_to(spelling(), SCHEDULE, CAL, FORECAST_MEMBERS, today=TODAY, until=YEAR_END) == D(260)


def test_forecast_per_pupil_adds_up_to_group_forecast():
    # Past: 3 × £10 shared by A and B = 15 each; one-off £20 / 2 = 10 each.
    # Summer 1 remainder: 6 × £10 / 2 = 30 each. Summer 2: B has left, A alone: 15 × £10 = 150.
    # A = 15 + 10 + 30 + 150 = 205; B = 15 + 10 + 30 = 55; total 260.
    costs = forecast_pupil_costs(spelling(), SCHEDULE, CAL, FORECAST_MEMBERS, today=TODAY, until=YEAR_END)
    assert costs == {"A": D(205), "B": D(55)}


def test_forecast_skips_a_session_already_cancelled_and_sessions_with_no_members():
    # Trip on Thu 7 May already recorded as cancelled: 20 future sessions → 50 + 200 = 250.
    with_trip = spelling([*PAST_SESSIONS, SessionFact(date(2026, 5, 7), False)])
    assert forecast_to(with_trip, SCHEDULE, CAL, FORECAST_MEMBERS, today=TODAY, until=YEAR_END) == D(250)
    # Charging cancellations: to date 4 × 10 + 20 = 60, plus all 21 future sessions = 270.
    assert forecast_to(
        with_trip, SCHEDULE, CAL, FORECAST_MEMBERS, today=TODAY, until=YEAR_END, charge_cancelled=True
    ) == D(270)
    # Everyone leaves at May half term: only the 6 Summer 1 sessions remain: 50 + 60 = 110.
    leaving = [Membership(p, date(2026, 4, 20), left=date(2026, 5, 22)) for p in "AB"]
    assert forecast_to(spelling(), SCHEDULE, CAL, leaving, today=TODAY, until=YEAR_END) == D(110)


def test_forecast_stops_at_schedule_end():
    # Schedule ends Fri 15 May: future sessions 5, 7, 12, 14 May = 4 → 50 + 40 = 90.
    ending = Schedule(frozenset({TUE, THU}), 30, date(2026, 4, 20), date(2026, 5, 15))
    assert forecast_to(spelling(), ending, CAL, FORECAST_MEMBERS, today=TODAY, until=YEAR_END) == D(90)


def test_unrecorded_sessions_are_listed():
    # Tue/Thu from 20 to 30 Apr: 21, 23, 28, 30 Apr. 23 Apr was never registered.
    sessions = [s for s in PAST_SESSIONS if s.date != date(2026, 4, 23)]
    assert unrecorded_session_dates(spelling(sessions), SCHEDULE, CAL, today=TODAY) == [date(2026, 4, 23)]


def test_forecast_and_current_total_against_element_2():
    # Pupil A has £5,600 of other provision this year. Now: 5,600 + 25 = 5,625, under the threshold.
    # By 21 July: 5,600 + 205 (spelling forecast) + 420 (1:1 support starting in June) = 6,225, over it.
    a_forecast = forecast_pupil_costs(
        spelling(), SCHEDULE, CAL, FORECAST_MEMBERS, today=TODAY, until=YEAR_END
    )["A"]
    a_now = allocate_group_costs(spelling(), FORECAST_MEMBERS, as_of=TODAY)["A"]  # 15 + 10 = 25
    assert a_now == D(25)
    now = element2_position(pupil_total({"other": D(5600), "spelling": a_now}))
    assert (now["total"], now["exceeded"], now["remaining"]) == (D("5625.00"), False, D("375.00"))
    later = element2_position(pupil_total({"other": D(5600), "spelling": a_forecast, "1:1": D(420)}))
    # 5600 + 205 + 420 = 6225 → over by 225; 6225 / 6000 = 103.75 % → 103.8 (half up)
    assert (later["total"], later["exceeded"], later["over_by"], later["percent"]) == (
        D("6225.00"),
        True,
        D("225.00"),
        D("103.8"),
    )


# --- element 2 ---------------------------------------------------------------------------------


def test_element2_threshold_crossed():
    # 4,120.80 + 1,365.125 + 763.40 = 6,249.325 → £6,249.33 (half up); over by £249.33;
    # 6,249.33 / 6,000 = 104.1555 % → 104.2 %.
    total = pupil_total({"1:1 TA": D("4120.80"), "SALT group": D("1365.125"), "reading": D("763.40")})
    assert total == D("6249.325")
    assert element2_position(total) == {
        "total": D("6249.33"),
        "threshold": D(6000),
        "remaining": D("0.00"),
        "over_by": D("249.33"),
        "exceeded": True,
        "percent": D("104.2"),
    }


def test_element2_under_and_exactly_at_threshold():
    under = element2_position(D(4500))
    assert (under["remaining"], under["over_by"], under["exceeded"], under["percent"]) == (
        D("1500.00"),
        D("0.00"),
        False,
        D("75.0"),
    )
    # The school meets the first £6,000: exactly £6,000 is reached, not exceeded.
    at = element2_position(D(6000))
    assert (at["exceeded"], at["remaining"], at["percent"]) == (False, D("0.00"), D("100.0"))
    # £6,000.004 shows as £6,000.00, so it is not shown as exceeded either.
    assert element2_position(D("6000.004"))["exceeded"] is False
    # The threshold is a parameter: e.g. a local authority using £10,000 including element 1.
    assert element2_position(D(6000), D(10000))["percent"] == D("60.0")
    assert element2_position(D(10), D(0))["percent"] is None


def test_pupil_total_of_nothing_is_zero():
    assert pupil_total({}) == D(0)


# --- summaries --------------------------------------------------------------------------------

ROWS = [
    CostRow("p1", "g1", D(300), "Reading catch-up", "Cognition and learning", 3),
    CostRow("p2", "g1", D(300), "Reading catch-up", "Cognition and learning", 4),
    CostRow("p2", "g2", D("450.50"), "Lego therapy", "Social emotional and mental health", 4),
    CostRow("p3", "g2", D("450.50"), "Lego therapy", "Communication and interaction", 5),
    CostRow("p3", "g3", D(1200), "1:1 TA", "Communication and interaction", 5),
]


def test_summarise_by_provision_need_area_and_year_group():
    by_provision = summarise(ROWS, "provision")
    assert list(by_provision.items()) == [  # largest first
        ("1:1 TA", D(1200)),
        ("Lego therapy", D("901.00")),
        ("Reading catch-up", D(600)),
    ]
    assert summarise(ROWS, "need_area") == {
        "Communication and interaction": D("1650.50"),  # 450.50 + 1200
        "Cognition and learning": D(600),
        "Social emotional and mental health": D("450.50"),
    }
    assert summarise(ROWS, "year_group") == {5: D("1650.50"), 4: D("750.50"), 3: D(300)}


def test_summarise_mappings_and_callable_key():
    rows = [
        {"phase": "KS1", "cost": D(100)},
        {"phase": "KS2", "cost": D(250)},
        {"phase": "KS1", "cost": D(75)},
    ]
    assert summarise(rows, "phase") == {"KS2": D(250), "KS1": D(175)}
    assert summarise(ROWS, lambda r: r.pupil_id) == {"p3": D("1650.50"), "p2": D("750.50"), "p1": D(300)}


# --- hours and section F ------------------------------------------------------------------------


def test_hours_delivered_counts_held_sessions_attended():
    # 15 held sessions of 45 minutes; pupil P attended 13; plus one cancelled session listing P.
    sessions = [
        SessionFact(date(2025, 9, 3 + i), True, frozenset({"P"} if i < 13 else {"Q"})) for i in range(15)
    ]
    sessions.append(SessionFact(date(2025, 10, 1), False, frozenset({"P"})))
    # 13 × 45 = 585 minutes = 9.75 hours
    assert hours_delivered(sessions, "P", 45) == D("9.75")
    assert hours_delivered(sessions, "nobody", 45) == D(0)


def test_hours_scheduled_loses_inset_and_bank_holiday():
    # Mondays, 45 min. Autumn 1: 6 sessions (13 Oct INSET) = 4.5 h.
    autumn = Schedule(frozenset({MON}), 45, date(2025, 9, 1), date(2025, 10, 24))
    assert hours_scheduled(autumn, CAL) == D("4.5")
    # Summer 1: 4 sessions (4 May bank holiday) = 3 h.
    summer = Schedule(frozenset({MON}), 45, date(2026, 4, 20))
    assert hours_scheduled(summer, CAL, end=date(2026, 5, 22)) == D(3)
    # A pupil who joined on 1 May: 11 and 18 May = 1.5 h.
    assert hours_scheduled(summer, CAL, start=date(2026, 5, 1), end=date(2026, 5, 22)) == D("1.5")
    with pytest.raises(ValueError, match="open-ended"):
        hours_scheduled(summer, CAL)


def test_section_f_shortfall_worked_example():
    # Section F: 3 hours a week of small-group literacy. Timetable: Mon, Wed, Fri, 60 minutes,
    # Autumn 1 (Wed 3 Sep – Fri 24 Oct, INSET Mon 13 Oct):
    #   Mondays 8 Sep … 20 Oct less 13 Oct = 6; Wednesdays 3 Sep … 22 Oct = 8; Fridays 5 Sep … 24 Oct = 8
    #   → 22 sessions = 22 hours scheduled, over 8 school weeks → 24 hours promised.
    # 3 sessions were cancelled and the pupil missed 2 more: 17 hours delivered.
    schedule = Schedule(frozenset({MON, WED, FRI}), 60, date(2025, 9, 1), date(2025, 10, 24))
    scheduled = hours_scheduled(schedule, CAL)
    weeks = school_weeks(CAL, date(2025, 9, 1), date(2025, 10, 24))
    assert (scheduled, weeks) == (D(22), 8)

    result = section_f_shortfall(D(3), weeks, scheduled, D(17))
    assert result == {
        "promised": D("24.00"),
        "scheduled": D("22.00"),
        "delivered": D("17.00"),
        "shortfall_vs_promised": D("7.00"),  # 24 − 17
        "shortfall_vs_scheduled": D("5.00"),  # 22 − 17
        "schedule_gap": D("2.00"),  # the timetable itself is 2 h short of the plan
    }


def test_section_f_over_delivery_is_no_shortfall():
    # 2.5 h/week × 12 weeks = 30 h promised; 31.25 h scheduled; 30.5 h delivered.
    result = section_f_shortfall(D("2.5"), 12, D("31.25"), D("30.5"))
    assert (result["shortfall_vs_promised"], result["shortfall_vs_scheduled"], result["schedule_gap"]) == (
        D("0.00"),
        D("0.75"),
        D("0.00"),
    )


# --- attendance and budget --------------------------------------------------------------------


def test_attendance_rate_ignores_cancelled_sessions_and_days_before_a_late_joiner():
    from sendco.domain.provision_costs import attendance_rate

    sessions = [
        SessionFact(date(2025, 9, 8), True, frozenset({"A"})),  # before B joined
        SessionFact(date(2025, 9, 15), False),  # cancelled: counts for nobody
        SessionFact(date(2025, 9, 22), True, frozenset({"A", "B"})),
        SessionFact(date(2025, 9, 29), True, frozenset({"A"})),
    ]
    assert attendance_rate(sessions, Membership("A", date(2025, 9, 1))) == 1.0
    assert attendance_rate(sessions, Membership("B", date(2025, 9, 20))) == 0.5
    assert attendance_rate(sessions, Membership("C", date(2025, 10, 1))) is None


def test_budget_position_worked_example():
    from sendco.domain.provision_costs import budget_position

    # £40,000 notional budget + two top-ups (£4,500 + £2,250.50) = £46,750.50 income.
    result = budget_position(
        notional_budget=D(40000), top_ups=[D(4500), D("2250.50")], spent=D("20000.004"), forecast=D(48000)
    )
    assert result["income"] == D("46750.50")
    assert result["spent"] == D("20000.00")
    assert result["variance"] == D("-1249.50")  # a forecast overspend
    assert result["spent_pct"] == D("42.8")
    assert budget_position(notional_budget=D(0), top_ups=[], spent=D(0), forecast=D(0))["spent_pct"] is None


def test_budget_position_refuses_negative_and_impossible_figures():
    from sendco.domain.provision_costs import budget_position

    with pytest.raises(ValueError):
        budget_position(notional_budget=D(-1), top_ups=[], spent=D(0), forecast=D(0))
    with pytest.raises(ValueError):
        budget_position(notional_budget=D(1), top_ups=[], spent=D(5), forecast=D(4))


def test_rows_to_withhold_keeps_the_total_from_giving_a_small_row_back():
    from sendco.domain.provision_costs import rows_to_withhold

    # Nothing small: the whole table is shown.
    assert rows_to_withhold({"CL": {1, 2, 3}, "SEMH": {4, 5, 6}}, 3) == set()
    # One group alone in "SP": withholding it alone would let total − the rest give it back,
    # so the smallest other row goes with it (now 1 + 3 groups are withheld together).
    table = {"CL": {1, 2, 3, 4}, "SEMH": {5, 6, 7}, "SP": {8}}
    assert rows_to_withhold(table, 3) == {"SP", "SEMH"}
    # Two small rows covering three groups between them are enough on their own.
    assert rows_to_withhold({"CL": {1, 2, 3}, "CI": {4, 5}, "SP": {6}}, 3) == {"CI", "SP"}
    # A group counted in two rows (pupils in two year groups) is one group, not two.
    assert rows_to_withhold({7: {1}, 8: {1}, 9: {2, 3, 4}}, 3) == {7, 8, 9}
    # Rows with no known groups are withheld.
    assert rows_to_withhold({"CL": {1, 2, 3}, "?": set()}, 3) == {"?", "CL"}


def test_staff_who_take_turns_cost_their_average_not_their_sum():
    from sendco.domain.provision_costs import GroupCostInput, StaffRate, cost_per_session

    ta, hlta = StaffRate(D("20")), StaffRate(D("30"))
    # Both in the room for an hour: £20 + £30.
    assert cost_per_session([ta, hlta], 60) == D("50")
    # A rota, one of them an hour each session: on average £25.
    assert cost_per_session([ta, hlta], 60, take_turns=True) == D("25")
    # One member of staff: the same either way; resources are added once.
    assert cost_per_session([ta], 30, D("2"), take_turns=True) == D("12")
    group = GroupCostInput("1:1", [ta, hlta], 60, staff_take_turns=True)
    assert group.cost_per_session == D("25")
    assert cost_per_session([], 60, take_turns=True) == 0
