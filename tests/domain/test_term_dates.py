"""Worked examples for sendco.domain.term_dates. Day names checked against a 2025/26 calendar."""

from datetime import date

import pytest

from sendco.domain.term_dates import (
    SchoolCalendar,
    Term,
    academic_year_of,
    default_calendar,
    easter_sunday,
    england_bank_holidays,
    expected_session_dates,
    financial_year_bounds,
    financial_year_of,
    is_school_day,
    school_days,
    school_weeks,
)

MON, TUE, WED, THU, FRI, SAT = 0, 1, 2, 3, 4, 5

INSET_MON_13_OCT = date(2025, 10, 13)
EARLY_MAY_BANK_HOLIDAY = date(2026, 5, 4)  # first Monday in May 2026

# A school's own record for 2025/26 (spring terms left out: not needed here).
CAL = SchoolCalendar(
    terms=(
        Term("Summer 1", date(2026, 4, 20), date(2026, 5, 22)),  # Mon – Fri (given out of order)
        Term("Autumn 1", date(2025, 9, 3), date(2025, 10, 24)),  # Wed – Fri
        Term("Autumn 2", date(2025, 11, 3), date(2025, 12, 19)),  # Mon – Fri; half term 27–31 Oct
        Term("Summer 2", date(2026, 6, 1), date(2026, 7, 21)),  # Mon – Tue
    ),
    closures=frozenset({INSET_MON_13_OCT, EARLY_MAY_BANK_HOLIDAY}),
)


def test_terms_are_kept_in_date_order():
    assert [t.name for t in CAL.terms] == ["Autumn 1", "Autumn 2", "Summer 1", "Summer 2"]
    assert CAL.start == date(2025, 9, 3)
    assert CAL.end == date(2026, 7, 21)


def test_inset_day_removes_one_monday_session():
    # Mondays in Autumn 1 (3 Sep – 24 Oct): 8, 15, 22, 29 Sep, 6, 13, 20 Oct = 7.
    # 13 Oct is an INSET day, so 6 sessions are expected.
    dates = expected_session_dates(CAL, weekdays={MON}, start=date(2025, 9, 1), end=date(2025, 10, 31))
    assert dates == [
        date(2025, 9, 8),
        date(2025, 9, 15),
        date(2025, 9, 22),
        date(2025, 9, 29),
        date(2025, 10, 6),
        date(2025, 10, 20),
    ]


def test_bank_holiday_monday_removes_a_session():
    # Mondays in Summer 1 (20 Apr – 22 May 2026): 20, 27 Apr, 4, 11, 18 May = 5;
    # 4 May is the early May bank holiday, leaving 4.
    dates = expected_session_dates(CAL, weekdays={MON}, start=date(2026, 4, 1), end=date(2026, 5, 31))
    assert dates == [date(2026, 4, 20), date(2026, 4, 27), date(2026, 5, 11), date(2026, 5, 18)]


def test_half_term_is_a_gap_between_terms():
    # 20 Oct (Autumn 1), 27 Oct half term (no session), 3 and 10 Nov (Autumn 2).
    dates = expected_session_dates(CAL, weekdays={MON}, start=date(2025, 10, 20), end=date(2025, 11, 10))
    assert dates == [date(2025, 10, 20), date(2025, 11, 3), date(2025, 11, 10)]


def test_two_weekdays_come_back_sorted_and_term_start_is_respected():
    # Tue 2 Sep is before the term starts (Wed 3 Sep): Thu 4, Tue 9, Thu 11 Sep.
    dates = expected_session_dates(CAL, weekdays={THU, TUE}, start=date(2025, 9, 1), end=date(2025, 9, 12))
    assert dates == [date(2025, 9, 4), date(2025, 9, 9), date(2025, 9, 11)]


def test_saturday_schedule_meets_only_in_term_time():
    # Saturdays 6 and 13 Sep are in Autumn 1; 30 Aug is in the summer holiday.
    dates = expected_session_dates(CAL, weekdays={SAT}, start=date(2025, 8, 30), end=date(2025, 9, 13))
    assert dates == [date(2025, 9, 6), date(2025, 9, 13)]


def test_no_weekdays_or_reversed_range_gives_no_dates():
    assert expected_session_dates(CAL, weekdays=set(), start=date(2025, 9, 1), end=date(2025, 12, 31)) == []
    assert expected_session_dates(CAL, weekdays={MON}, start=date(2025, 10, 1), end=date(2025, 9, 1)) == []


def test_bad_weekday_numbers_are_refused():
    with pytest.raises(ValueError, match="weekdays"):
        expected_session_dates(CAL, weekdays={7}, start=date(2025, 9, 1), end=date(2025, 9, 30))


def test_school_days_in_autumn_1():
    # Wed 3 – Fri 5 Sep = 3 days, then 7 full weeks (8 Sep – 24 Oct) = 35; less the INSET day: 37.
    days = school_days(CAL, date(2025, 9, 1), date(2025, 10, 31))
    assert len(days) == 37
    assert days[0] == date(2025, 9, 3)
    assert days[-1] == date(2025, 10, 24)
    assert INSET_MON_13_OCT not in days


def test_school_weeks_counts_part_weeks():
    # Weeks beginning 1 Sep (Wed–Fri only) … 20 Oct = 8 weeks; half term week adds nothing.
    assert school_weeks(CAL, date(2025, 9, 1), date(2025, 10, 31)) == 8
    # Autumn 1 and Autumn 2 (3 Nov – 19 Dec = 7 weeks): 15.
    assert school_weeks(CAL, date(2025, 9, 1), date(2025, 12, 31)) == 15


def test_is_school_day():
    assert is_school_day(CAL, date(2025, 10, 14))  # Tuesday in term
    assert not is_school_day(CAL, date(2025, 9, 6))  # Saturday in term
    assert not is_school_day(CAL, INSET_MON_13_OCT)
    assert not is_school_day(CAL, date(2025, 10, 28))  # half term
    assert not is_school_day(CAL, date(2025, 9, 2))  # day before term starts
    assert is_school_day(CAL, date(2026, 7, 21))  # last day of the year is included


def test_term_for():
    assert CAL.term_for(date(2025, 10, 24)).name == "Autumn 1"
    assert CAL.term_for(date(2025, 11, 3)).name == "Autumn 2"
    assert CAL.term_for(date(2025, 10, 25)) is None
    assert CAL.term_for(date(2025, 1, 1)) is None


def test_term_and_calendar_validation():
    with pytest.raises(ValueError, match="before it starts"):
        Term("Backwards", date(2025, 10, 24), date(2025, 9, 3))
    with pytest.raises(ValueError, match="overlap"):
        SchoolCalendar(
            terms=(
                Term("A", date(2025, 9, 3), date(2025, 10, 24)),
                Term("B", date(2025, 10, 24), date(2025, 12, 19)),
            )
        )


def test_closures_given_as_a_set_are_frozen():
    cal = SchoolCalendar(terms=(Term("T", date(2025, 9, 3), date(2025, 9, 30)),), closures={date(2025, 9, 5)})
    assert isinstance(cal.closures, frozenset)
    assert len(school_days(cal, date(2025, 9, 1), date(2025, 9, 30))) == 19  # 20 weekdays − 1


@pytest.mark.parametrize(
    ("d", "academic", "financial"),
    [
        (date(2025, 8, 31), 2024, 2025),
        (date(2025, 9, 1), 2025, 2025),
        (date(2026, 3, 31), 2025, 2025),
        (date(2026, 4, 1), 2025, 2026),
        (date(2026, 1, 1), 2025, 2025),
    ],
)
def test_academic_and_financial_years(d, academic, financial):
    assert academic_year_of(d) == academic
    assert financial_year_of(d) == financial


@pytest.mark.parametrize(
    ("d", "april", "september"),
    [
        (date(2026, 3, 31), 2025, 2025),
        (date(2026, 4, 1), 2026, 2025),
        (date(2026, 8, 31), 2026, 2025),
        (date(2026, 9, 1), 2026, 2026),
        (date(2027, 1, 15), 2026, 2026),
    ],
)
def test_an_academy_budgets_september_to_august(d, april, september):
    assert financial_year_of(d, 4) == april
    assert financial_year_of(d, 9) == september
    start, end = financial_year_bounds(financial_year_of(d, 9), 9)
    assert start <= d <= end and (start.month, end.month, end.day) == (9, 8, 31)


def test_financial_year_bounds_and_bad_start_months():
    assert financial_year_bounds(2026) == (date(2026, 4, 1), date(2027, 3, 31))
    assert financial_year_bounds(2026, 9) == (date(2026, 9, 1), date(2027, 8, 31))
    with pytest.raises(ValueError, match="April"):
        financial_year_of(date(2026, 1, 1), 1)
    with pytest.raises(ValueError, match="September"):
        financial_year_bounds(2026, 13)


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2000, date(2000, 4, 23)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
    ],
)
def test_easter_sunday(year, easter):
    assert easter_sunday(year) == easter


def test_bank_holidays_2026_with_boxing_day_substitute():
    # Boxing Day 2026 is a Saturday: the substitute day is Monday 28 December.
    assert sorted(england_bank_holidays(2026)) == [
        date(2026, 1, 1),
        date(2026, 4, 3),  # Good Friday
        date(2026, 4, 6),  # Easter Monday
        date(2026, 5, 4),  # early May
        date(2026, 5, 25),  # spring
        date(2026, 8, 31),  # summer
        date(2026, 12, 25),
        date(2026, 12, 28),
    ]


def test_christmas_substitutes_when_christmas_is_a_weekend():
    # 2027: Christmas Saturday, Boxing Day Sunday -> Mon 27 and Tue 28 December.
    assert {d for d in england_bank_holidays(2027) if d.month == 12} == {
        date(2027, 12, 27),
        date(2027, 12, 28),
    }
    # 2022: Christmas Sunday -> Boxing Day Mon 26, substitute Christmas Tue 27; New Year (Sat) -> Mon 3 Jan.
    holidays_2022 = england_bank_holidays(2022)
    assert {d for d in holidays_2022 if d.month == 12} == {date(2022, 12, 26), date(2022, 12, 27)}
    assert date(2022, 1, 3) in holidays_2022


def test_default_calendar_2025_26():
    cal = default_calendar(2025)
    assert [(t.name, t.start, t.end) for t in cal.terms] == [
        ("Autumn 1", date(2025, 9, 1), date(2025, 10, 24)),  # half term 27–31 Oct
        ("Autumn 2", date(2025, 11, 3), date(2025, 12, 19)),  # 20 Dec is a Saturday
        ("Spring 1", date(2026, 1, 5), date(2026, 2, 13)),  # 3 Jan is a Saturday; half term 16–20 Feb
        ("Spring 2", date(2026, 2, 23), date(2026, 4, 2)),  # Fri nearest 1 Apr is Good Friday 3 Apr
        ("Summer 1", date(2026, 4, 20), date(2026, 5, 22)),  # half term with spring bank holiday 25 May
        ("Summer 2", date(2026, 6, 1), date(2026, 7, 21)),
    ]
    assert cal.closures == {
        date(2025, 9, 1),  # INSET
        date(2025, 9, 2),  # INSET
        date(2025, 11, 3),  # INSET
        date(2026, 1, 5),  # INSET
        date(2026, 5, 4),  # early May bank holiday
        date(2026, 7, 21),  # INSET
    }
    # 40 + 35 + 30 + 29 + 25 + 37 = 196 weekdays in term, less 6 closures = 190 pupil days.
    assert len(school_days(cal, date(2025, 9, 1), date(2026, 8, 31))) == 190


def test_default_calendar_without_inset_keeps_bank_holidays():
    cal = default_calendar(2025, inset_days=False)
    assert cal.closures == {date(2026, 5, 4)}
    assert len(school_days(cal, date(2025, 9, 1), date(2026, 8, 31))) == 195  # 196 − 1


def test_default_calendar_early_easter_puts_bank_holidays_in_term():
    # Easter 2027 is 28 March: Good Friday 26 Mar and Easter Monday 29 Mar fall in Spring 2,
    # which runs to Fri 2 Apr (the Friday nearest 1 April), so both are closures.
    cal = default_calendar(2026)
    spring_2 = cal.terms[3]
    assert (spring_2.start, spring_2.end) == (date(2027, 2, 22), date(2027, 4, 2))
    assert {date(2027, 3, 26), date(2027, 3, 29)} <= cal.closures
    assert not is_school_day(cal, date(2027, 3, 29))
