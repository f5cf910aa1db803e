from datetime import date

import pytest

from sendco.domain.census import (
    TERMS,
    Census,
    CensusRecord,
    NeedPeriod,
    StatusPeriod,
    census_day,
    census_days,
    census_record,
    censuses_between,
    needs_on,
    next_census,
    previous_census,
    school_year_of,
    status_on,
)

# DfE / LA published census days.
KNOWN = {
    2020: (date(2020, 10, 1), date(2021, 1, 21), date(2021, 5, 20)),  # 1 Oct 2020 is a Thursday
    2022: (date(2022, 10, 6), date(2023, 1, 19), date(2023, 5, 18)),
    2024: (date(2024, 10, 3), date(2025, 1, 16), date(2025, 5, 15)),
    2025: (date(2025, 10, 2), date(2026, 1, 15), date(2026, 5, 21)),
    2026: (date(2026, 10, 1), date(2027, 1, 21), date(2027, 5, 20)),  # 1 Oct 2026 is a Thursday
}


@pytest.mark.parametrize("year, expected", KNOWN.items())
def test_census_days_known_years(year, expected):
    assert census_days(year) == dict(zip(TERMS, expected, strict=True))


def test_census_days_are_thursdays_in_the_right_week():
    for year in range(2000, 2060):
        days = census_days(year)
        assert list(days) == ["autumn", "spring", "summer"]
        for d in days.values():
            assert d.weekday() == 3
        assert days["autumn"].month == 10 and 1 <= days["autumn"].day <= 7
        assert days["spring"].month == 1 and 15 <= days["spring"].day <= 21
        assert days["summer"].month == 5 and 15 <= days["summer"].day <= 21
        assert days["spring"].year == days["summer"].year == year + 1


@pytest.mark.parametrize("year", [2009, 2015, 2020, 2026, 2037])
def test_autumn_census_on_1_october_when_it_is_a_thursday(year):
    assert date(year, 10, 1).weekday() == 3
    assert census_day("autumn", year) == date(year, 10, 1)


def test_spring_census_when_1_january_is_a_thursday():
    # 1 January 2026 is a Thursday: the third Thursday is the 15th.
    assert census_day("spring", 2025) == date(2026, 1, 15)


def test_spring_census_when_1_january_is_a_friday():
    # 1 January 2027 is a Friday: Thursdays 7, 14, 21.
    assert census_day("spring", 2026) == date(2027, 1, 21)


def test_census_day_unknown_term():
    with pytest.raises(ValueError, match="Unknown census term"):
        census_day("winter", 2024)


@pytest.mark.parametrize(
    "d, year",
    [
        (date(2024, 9, 1), 2024),
        (date(2024, 8, 31), 2023),
        (date(2025, 1, 16), 2024),
        (date(2025, 12, 31), 2025),
    ],
)
def test_school_year_of(d, year):
    assert school_year_of(d) == year


def test_censuses_between_a_school_year():
    assert censuses_between(date(2024, 9, 1), date(2025, 8, 31)) == [
        Census("autumn", 2024, date(2024, 10, 3)),
        Census("spring", 2024, date(2025, 1, 16)),
        Census("summer", 2024, date(2025, 5, 15)),
    ]


def test_censuses_between_is_inclusive_and_unpacks():
    result = censuses_between(date(2025, 1, 16), date(2025, 10, 2))
    assert [tuple(c) for c in result] == [
        ("spring", 2024, date(2025, 1, 16)),
        ("summer", 2024, date(2025, 5, 15)),
        ("autumn", 2025, date(2025, 10, 2)),
    ]
    term, year, day = result[0]
    assert (term, year, day) == ("spring", 2024, date(2025, 1, 16))


def test_censuses_between_empty_and_reversed():
    assert censuses_between(date(2025, 1, 17), date(2025, 5, 14)) == []
    assert censuses_between(date(2026, 1, 1), date(2025, 1, 1)) == []


def test_censuses_between_several_years():
    result = censuses_between(date(2020, 1, 1), date(2026, 12, 31))
    # spring + summer 2020, six full school years 2020/21 to 2025/26, autumn 2026
    assert len(result) == 2 + 3 * 6 + 1
    assert result[0] == Census("spring", 2019, date(2020, 1, 16))
    assert result[-1] == Census("autumn", 2026, date(2026, 10, 1))
    assert [c.day for c in result] == sorted(c.day for c in result)


@pytest.mark.parametrize(
    "today, expected",
    [
        (date(2024, 9, 2), Census("autumn", 2024, date(2024, 10, 3))),
        (date(2024, 10, 3), Census("autumn", 2024, date(2024, 10, 3))),  # census day itself
        (date(2024, 10, 4), Census("spring", 2024, date(2025, 1, 16))),
        (date(2025, 5, 16), Census("autumn", 2025, date(2025, 10, 2))),
        (date(2025, 8, 31), Census("autumn", 2025, date(2025, 10, 2))),
        (date(2025, 12, 25), Census("spring", 2025, date(2026, 1, 15))),
        (date(2026, 2, 1), Census("summer", 2025, date(2026, 5, 21))),
    ],
)
def test_next_census(today, expected):
    assert next_census(today) == expected


@pytest.mark.parametrize(
    "today, expected",
    [
        (date(2024, 10, 3), Census("summer", 2023, date(2024, 5, 16))),  # strictly before
        (date(2024, 10, 4), Census("autumn", 2024, date(2024, 10, 3))),
        (date(2025, 1, 1), Census("autumn", 2024, date(2024, 10, 3))),
        (date(2025, 9, 1), Census("summer", 2024, date(2025, 5, 15))),
        (date(2026, 1, 16), Census("spring", 2025, date(2026, 1, 15))),
    ],
)
def test_previous_census(today, expected):
    assert previous_census(today) == expected


# --------------------------------------------------------------------------- periods

HISTORY = [
    StatusPeriod("K", date(2020, 9, 3), date(2022, 3, 31)),
    StatusPeriod("E", date(2022, 4, 1), date(2024, 7, 19)),
    StatusPeriod("K", date(2024, 9, 4), None),
]


@pytest.mark.parametrize(
    "d, code",
    [
        (date(2020, 9, 2), "N"),
        (date(2020, 9, 3), "K"),
        (date(2022, 3, 31), "K"),
        (date(2022, 4, 1), "E"),
        (date(2024, 7, 19), "E"),
        (date(2024, 8, 1), "N"),  # gap
        (date(2024, 9, 4), "K"),
        (date(2030, 1, 1), "K"),  # open period
    ],
)
def test_status_on(d, code):
    assert status_on(HISTORY, d) == code


def test_status_on_no_periods_is_n():
    assert status_on([], date(2025, 1, 16)) == "N"


def test_status_on_overlap_latest_start_wins():
    periods = [StatusPeriod("K", date(2020, 1, 1)), StatusPeriod("E", date(2021, 1, 1))]
    assert status_on(periods, date(2022, 1, 1)) == "E"


def test_period_covers_inclusive():
    p = StatusPeriod("K", date(2024, 1, 1), date(2024, 1, 31))
    assert p.covers(date(2024, 1, 1)) and p.covers(date(2024, 1, 31))
    assert not p.covers(date(2024, 2, 1)) and not p.covers(date(2023, 12, 31))


def test_periods_are_frozen():
    p = NeedPeriod("ASD", 1, date(2024, 1, 1))
    with pytest.raises(AttributeError):
        p.rank = 2  # type: ignore[misc]
    assert p.end is None


NEEDS = [
    NeedPeriod("HI", 3, date(2021, 1, 1)),
    NeedPeriod("SEMH", 2, date(2021, 1, 1)),
    NeedPeriod("SLCN", 1, date(2020, 9, 3), date(2022, 3, 31)),
    NeedPeriod("ASD", 1, date(2022, 4, 1)),
    NeedPeriod("VI", 4, date(2023, 1, 1)),
]


def test_needs_on_sorted_by_rank():
    assert [(n.code, n.rank) for n in needs_on(NEEDS, date(2023, 6, 1))] == [
        ("ASD", 1),
        ("SEMH", 2),
        ("HI", 3),
        ("VI", 4),
    ]
    assert [n.code for n in needs_on(NEEDS, date(2021, 6, 1))] == ["SLCN", "SEMH", "HI"]
    assert needs_on(NEEDS, date(2019, 1, 1)) == []


def test_census_record_k_with_further_needs():
    assert census_record(HISTORY, NEEDS, date(2025, 1, 16)) == CensusRecord("K", "ASD", "SEMH", ("HI", "VI"))


def test_census_record_e():
    assert census_record(HISTORY, NEEDS, date(2023, 1, 19)) == CensusRecord("E", "ASD", "SEMH", ("HI", "VI"))


def test_census_record_primary_changes_over_time():
    assert census_record(HISTORY, NEEDS, date(2021, 5, 20)).primary_need == "SLCN"
    assert census_record(HISTORY, NEEDS, date(2022, 5, 19)).primary_need == "ASD"


def test_census_record_n_reports_no_needs():
    # In the gap between E ending and K starting the needs are still recorded but not reported.
    assert census_record(HISTORY, NEEDS, date(2024, 8, 15)) == CensusRecord("N", None, None, ())


def test_census_record_without_secondary():
    rec = census_record(
        [StatusPeriod("K", date(2024, 9, 1))], [NeedPeriod("MLD", 1, date(2024, 9, 1))], date(2024, 10, 3)
    )
    assert rec == CensusRecord("K", "MLD", None, ())


def test_census_record_missing_primary_is_none():
    rec = census_record(
        [StatusPeriod("E", date(2024, 9, 1))], [NeedPeriod("PD", 2, date(2024, 9, 1))], date(2024, 10, 3)
    )
    assert rec == CensusRecord("E", None, "PD", ())
