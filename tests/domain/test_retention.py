import datetime as dt

import pytest

from sendco.domain import retention as r

D = dt.date


@pytest.mark.parametrize(
    ("dob", "rule", "expected"),
    [
        (D(2010, 5, 17), r.SEN_FILE, D(2041, 5, 17)),
        (D(2010, 5, 17), r.PUPIL_RECORD, D(2035, 5, 17)),
        (D(2008, 2, 29), r.SEN_FILE, D(2039, 3, 1)),  # 2039 has no 29 February
        (D(2008, 2, 29), r.PUPIL_RECORD, D(2033, 3, 1)),
        (D(2009, 2, 28), r.SEN_FILE, D(2040, 2, 28)),
        (D(2012, 2, 29), r.PUPIL_RECORD, D(2037, 3, 1)),
        (D(2000, 2, 29), r.SEN_FILE, D(2031, 3, 1)),
        (D(1996, 2, 29), r.SEN_FILE, D(2027, 3, 1)),
        (D(1996, 2, 29), r.PUPIL_RECORD, D(2021, 3, 1)),
        (D(2004, 2, 29), r.SEN_FILE, D(2035, 3, 1)),
        (D(2001, 2, 28), r.SEN_FILE, D(2032, 2, 28)),
        (D(1980, 12, 31), r.SEN_FILE, D(2011, 12, 31)),
    ],
)
def test_disposal_date_is_the_anniversary(dob, rule, expected):
    assert r.disposal_date(dob, rule) == expected


def test_leap_day_birthday_kept_to_a_leap_anniversary_when_there_is_one():
    # 2008 + 32 = 2040, a leap year: the anniversary is 29 February itself.
    assert r.disposal_date(D(2008, 2, 29), r.SEN_FILE, {"sen_file": 32}) == D(2040, 2, 29)


def test_school_override_changes_the_years_of_that_rule_only():
    overrides = {"sen_file": 25}
    assert r.disposal_date(D(2010, 5, 17), r.SEN_FILE, overrides) == D(2035, 5, 17)
    assert r.disposal_date(D(2010, 5, 17), r.PUPIL_RECORD, overrides) == D(2035, 5, 17)
    assert r.disposal_date(D(2010, 5, 17), r.PUPIL_RECORD, {"pupil_record": 30}) == D(2040, 5, 17)


@pytest.mark.parametrize("years", [0, -1, 101])
def test_override_out_of_bounds_is_refused(years):
    with pytest.raises(ValueError):
        r.years_for(r.SEN_FILE, {"sen_file": years})


def test_past_retention_from_the_anniversary_itself():
    dob = D(2000, 6, 1)
    assert not r.past_retention(dob, r.SEN_FILE, D(2031, 5, 31))
    assert r.past_retention(dob, r.SEN_FILE, D(2031, 6, 1))
    assert r.past_retention(dob, r.SEN_FILE, D(2040, 1, 1))


def test_rule_for_a_pupil_with_sen_records_is_the_longer_sen_file():
    assert r.rule_for(has_sen_records=True) is r.SEN_FILE
    assert r.rule_for(has_sen_records=False) is r.PUPIL_RECORD
    assert r.SEN_FILE.years > r.PUPIL_RECORD.years


def test_defaults_are_those_of_the_reference():
    assert (r.RULES["sen_file"].years, r.RULES["pupil_record"].years) == (31, 25)


@pytest.mark.parametrize(
    ("received", "extended", "due"),
    [
        (D(2026, 9, 2), False, D(2026, 10, 2)),
        (D(2026, 9, 3), False, D(2026, 10, 5)),  # 3 October 2026 is a Saturday: next Monday
        (D(2029, 1, 31), False, D(2029, 2, 28)),  # no 31 February: the month's last day
        (D(2026, 1, 31), False, D(2026, 3, 2)),  # 28 February 2026 is a Saturday
        (D(2028, 1, 31), False, D(2028, 2, 29)),
        (D(2026, 3, 31), False, D(2026, 4, 30)),
        (D(2026, 12, 15), False, D(2027, 1, 15)),
        (D(2026, 7, 31), False, D(2026, 9, 1)),  # 31 August 2026: summer bank holiday
        (D(2026, 11, 26), False, D(2026, 12, 29)),  # Boxing Day moved to Monday 28 December
        (D(2026, 9, 3), True, D(2026, 12, 3)),  # + two months when complex
        (D(2026, 11, 30), True, D(2027, 3, 1)),  # 28 February 2027 is a Sunday
        (D(2026, 12, 31), True, D(2027, 3, 31)),
    ],
)
def test_sar_due_one_calendar_month_after_receipt_or_the_next_working_day(received, extended, due):
    assert r.sar_due_on(received, extended=extended) == due


def test_add_months_across_many_years():
    day = D(2020, 1, 31)
    for months in range(0, 240):
        later = r.add_months(day, months)
        assert (later.year - 2020) * 12 + later.month - 1 == months
        assert later.day <= 31


def test_next_working_day_never_lands_on_a_weekend_or_bank_holiday():
    from sendco.domain.term_dates import england_bank_holidays

    day = D(2026, 1, 1)
    while day < D(2030, 12, 31):
        due = r.next_working_day(day)
        assert due >= day and due.weekday() < 5 and due not in england_bank_holidays(due.year)
        assert (due - day).days <= 4  # Christmas, Boxing Day and a weekend at most
        day += dt.timedelta(days=1)
